import Foundation
import CLibXML2

/// Turns the bytes of one report file into a `Report`, or into the reasons it cannot be checked.
/// Thread-safe: one loader serves every worker.
public struct ReportLoader: Sendable {
    public static let namespace = "urn:tce:energy-report:1"
    public static let defaultMaxSize = 16 * 1024 * 1024

    public let schema: ReportSchema
    public let catalog: EnergyCatalog
    public var maxSize: Int
    let units: UnitLookup

    public init(schema: ReportSchema, catalog: EnergyCatalog, maxSize: Int = ReportLoader.defaultMaxSize) {
        self.schema = schema
        self.catalog = catalog
        self.maxSize = maxSize
        units = UnitLookup(catalog)
    }

    public func load(file path: String) -> Result<Report, DiagnosticList> {
        switch InputFile.read(path, maxSize: maxSize) {
        case .failure(let d): return .failure(DiagnosticList([d]))
        case .success(let bytes): return load(bytes: bytes, name: path)
        }
    }

    public func load(bytes: [UInt8], name: String) -> Result<Report, DiagnosticList> {
        guard bytes.count <= maxSize else {
            return .failure(DiagnosticList([Diagnostic(
                "the file is \(bytes.count) bytes, over the size limit of \(maxSize) bytes (--max-size)")]))
        }
        if schema.isReportV1, let report = fastLoad(bytes) {
            return .success(report)
        }
        return fullLoad(bytes, name: name)
    }

    /// The full path: libxml2 parses and validates against the rule set's XSD; every error
    /// is worded here.
    func fullLoad(_ bytes: [UInt8], name: String) -> Result<Report, DiagnosticList> {
        bytes.withUnsafeBytes { raw in
            let source = ReportSource(bytes: raw)
            let doc: xmlDocPtr
            switch HardenedXML.parse(raw, url: name) {
            case .failure(let list): return .failure(list)
            case .success(let d): doc = d
            }
            defer { xmlFreeDoc(doc) }
            guard let rootNode = xmlDocGetRootElement(doc) else {
                return .failure(DiagnosticList([Diagnostic("the file has no root element", line: 1, column: 1)]))
            }
            let root = XMLElement(node: rootNode)
            let ns = rootNode.pointee.ns.flatMap { $0.pointee.href }.map { String(cString: $0) }
            guard root.name == "EnergyReport", ns == Self.namespace else {
                return .failure(DiagnosticList([Diagnostic(
                    "the root element must be EnergyReport in namespace \(Self.namespace); found \(root.name)"
                        + (ns.map { " in namespace \($0)" } ?? " without a namespace"),
                    line: root.line, column: source.column(line: root.line, of: "<")) ]))
            }
            let violations = schema.validate(doc)
            if !violations.isEmpty {
                return .failure(DiagnosticList(violations.map { readable($0, source: source) }))
            }
            var decoder = ReportDecoder<XMLElement>(catalog: catalog, units: units, source: source)
            if let report = decoder.decode(root), decoder.diagnostics.isEmpty {
                return .success(report)
            }
            return .failure(DiagnosticList(decoder.diagnostics))
        }
    }

    /// The fast path: the strict reader and the mirrored schema, for reports that are surely
    /// valid. nil sends the file down the full path, which then accepts it or says why not.
    func fastLoad(_ bytes: [UInt8]) -> Report? {
        bytes.withUnsafeBufferPointer { input -> Report? in
            if let encoding = Transcoder.declaredLegacyEncoding(input) {
                guard let utf8 = Transcoder.shared.utf8(input, from: encoding) else { return nil }
                return utf8.withUnsafeBufferPointer { decode(StrictXMLReader.read($0, transcodedFrom: encoding), input) }
            }
            return decode(StrictXMLReader.read(input), input)
        }
    }

    private func decode(_ doc: LightDocument?, _ original: UnsafeBufferPointer<UInt8>) -> Report? {
        guard let doc, ReportShape.accepts(doc) else { return nil }
        var decoder = ReportDecoder<LightElement>(
            catalog: catalog, units: units, source: ReportSource(bytes: UnsafeRawBufferPointer(original)))
        guard let report = decoder.decode(doc.root), decoder.diagnostics.isEmpty else { return nil }
        return report
    }

    /// Schema messages name elements as `{urn:…}Item`; people know them as `Item`.
    private func readable(_ d: Diagnostic, source: ReportSource) -> Diagnostic {
        var message = d.message.replacingOccurrences(of: "{\(Self.namespace)}", with: "")
        message = message.replacingOccurrences(of: "Element '", with: "element '")
        let column = d.column ?? d.line.flatMap { source.column(line: $0, of: nil) }
        return Diagnostic(message, line: d.line, column: column)
    }
}
