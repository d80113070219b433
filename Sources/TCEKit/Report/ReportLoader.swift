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

    public init(schema: ReportSchema, catalog: EnergyCatalog, maxSize: Int = ReportLoader.defaultMaxSize) {
        self.schema = schema
        self.catalog = catalog
        self.maxSize = maxSize
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
        return bytes.withUnsafeBytes { raw in
            let source = ReportSource(bytes: raw)
            if let problem = HardenedXML.preflight(raw) { return .failure(DiagnosticList([problem])) }
            // A valid report is parsed and validated in one streaming pass; anything else is
            // parsed again into a tree, whose validation explains what is wrong, line by line.
            if let tree = schema.validTree(raw) { return decode(tree, source: source) }
            do throws(DiagnosticList) {
                return decode(try explain(raw, name: name, source: source), source: source)
            } catch {
                return .failure(error)
            }
        }
    }

    /// The slow path: the whole-tree parse and validation, for a report the streaming pass refused.
    /// Returns the tree when the report turns out acceptable after all, and throws the reasons otherwise.
    func explain(_ raw: UnsafeRawBufferPointer, name: String, source: ReportSource) throws(DiagnosticList) -> ElementTree {
        let doc: xmlDocPtr
        switch HardenedXML.parse(raw, url: name) {
        case .failure(let list): throw list
        case .success(let d): doc = d
        }
        defer { xmlFreeDoc(doc) }
        guard let rootNode = xmlDocGetRootElement(doc) else {
            throw DiagnosticList([Diagnostic("the file has no root element", line: 1, column: 1)])
        }
        let root = XMLElement(node: rootNode)
        let ns = rootNode.pointee.ns.flatMap { $0.pointee.href }.map { String(cString: $0) }
        guard root.name == "EnergyReport", ns == Self.namespace else {
            throw DiagnosticList([Diagnostic(
                "the root element must be EnergyReport in namespace \(Self.namespace); found \(root.name)"
                    + (ns.map { " in namespace \($0)" } ?? " without a namespace"),
                line: root.line, column: source.column(line: root.line, of: "<"))])
        }
        let violations = schema.validate(doc)
        if !violations.isEmpty {
            throw DiagnosticList(violations.map { readable($0, source: source) })
        }
        return ElementTree(document: root)
    }

    private func decode(_ tree: ElementTree, source: ReportSource) -> Result<Report, DiagnosticList> {
        var decoder = ReportDecoder(catalog: catalog, source: source)
        guard let root = tree.root else {
            return .failure(DiagnosticList([Diagnostic("the file has no root element", line: 1, column: 1)]))
        }
        if let report = decoder.decode(root), decoder.diagnostics.isEmpty {
            return .success(report)
        }
        return .failure(DiagnosticList(decoder.diagnostics))
    }

    /// Schema messages name elements as `{urn:…}Item`; people know them as `Item`.
    private func readable(_ d: Diagnostic, source: ReportSource) -> Diagnostic {
        var message = d.message.replacingOccurrences(of: "{\(Self.namespace)}", with: "")
        message = message.replacingOccurrences(of: "Element '", with: "element '")
        let column = d.column ?? d.line.flatMap { source.column(line: $0, of: nil) }
        return Diagnostic(message, line: d.line, column: column)
    }
}
