import CLibXML2
import Foundation

/// The compiled XSD of the report format. Parsed once; each validation gets its own context,
/// so any number of threads can validate at once.
public final class ReportSchema: @unchecked Sendable {
    private let schema: xmlSchemaPtr
    /// True when the XSD has exactly the structure of report format v1 that `ReportShape`
    /// mirrors, so the loader may take its fast path (documentation and layout may differ).
    public let isReportV1: Bool
    /// Validation contexts are reused; creating one per report costs more than validating.
    private var pool: [xmlSchemaValidCtxtPtr] = []
    private let lock = NSLock()

    /// Compiles the XSD text; `path` only names it in error messages.
    public init(xsd: String, path: String) throws(DiagnosticList) {
        _ = HardenedXML.initialize
        let collector = ErrorCollector()
        let count = xsd.utf8.count
        let parsed: xmlSchemaPtr? = xsd.withCString { chars in
            guard let ctxt = xmlSchemaNewMemParserCtxt(chars, Int32(count)) else { return nil }
            defer { xmlSchemaFreeParserCtxt(ctxt) }
            xmlSchemaSetParserStructuredErrors(ctxt, { data, error in
                ErrorCollector.from(data)?.add(error)
            }, collector.opaque)
            return xmlSchemaParse(ctxt)
        }
        guard let parsed else {
            let items = collector.diagnostics.isEmpty ? [Diagnostic("the schema could not be compiled")] : collector.diagnostics
            throw DiagnosticList(items.map { Diagnostic("\(path): \($0.message)", line: $0.line, column: $0.column) })
        }
        schema = parsed
        isReportV1 = Self.fingerprint(ofXSD: xsd) == Self.reportV1Fingerprint
    }

    /// `fingerprint(ofXSD:)` of rules/report-v1.xsd. When the schema changes in substance this
    /// stops matching and the fast path turns off until `ReportShape` is brought in line
    /// (ReportShapeTests says so).
    static let reportV1Fingerprint: UInt64 = 482_808_741_533_787_076

    /// A hash of the schema's structure: elements and their attributes, in document order,
    /// without comments, annotations and whitespace.
    static func fingerprint(ofXSD xsd: String) -> UInt64? {
        _ = HardenedXML.initialize
        let count = xsd.utf8.count
        guard let doc = xsd.withCString({ xmlReadMemory($0, Int32(count), "schema.xsd", nil, HardenedXML.parseOptions) })
        else { return nil }
        defer { xmlFreeDoc(doc) }
        guard let root = xmlDocGetRootElement(doc) else { return nil }
        var hash: UInt64 = 0xcbf29ce484222325
        func add(_ s: String) {
            for b in s.utf8 {
                hash ^= UInt64(b)
                hash = hash &* 0x100000001b3
            }
            hash ^= 0xFF
            hash = hash &* 0x100000001b3
        }
        func walk(_ node: xmlNodePtr) {
            let name = String(cString: node.pointee.name)
            if name == "annotation" { return }
            add("<" + name)
            var attributes: [String] = []
            var a = node.pointee.properties
            while let attr = a {
                let value = xmlGetNoNsProp(node, attr.pointee.name).map { v in
                    defer { tce_xmlFree(v) }
                    return String(cString: v)
                } ?? ""
                attributes.append(String(cString: attr.pointee.name) + "=" + value)
                a = attr.pointee.next
            }
            for attribute in attributes.sorted() { add(attribute) }
            var child = node.pointee.children
            while let c = child {
                if c.pointee.type == XML_ELEMENT_NODE { walk(c) }
                child = c.pointee.next
            }
            add(">")
        }
        walk(root)
        return hash
    }

    deinit {
        for ctxt in pool { xmlSchemaFreeValidCtxt(ctxt) }
        xmlSchemaFree(schema)
    }

    /// Validates a parsed document; returns the schema violations, empty when valid.
    func validate(_ doc: xmlDocPtr) -> [Diagnostic] {
        guard let ctxt = checkout() else { return [Diagnostic("out of memory creating a schema validator")] }
        defer { checkin(ctxt) }
        let collector = ErrorCollector()
        xmlSchemaSetValidStructuredErrors(ctxt, { data, error in
            ErrorCollector.from(data)?.add(error)
        }, collector.opaque)
        let rc = xmlSchemaValidateDoc(ctxt, doc)
        xmlSchemaSetValidStructuredErrors(ctxt, nil, nil)
        if rc != 0 && collector.diagnostics.isEmpty {
            return [Diagnostic("the report does not match the report schema")]
        }
        return collector.diagnostics
    }

    private func checkout() -> xmlSchemaValidCtxtPtr? {
        lock.lock()
        let ctxt = pool.popLast()
        lock.unlock()
        return ctxt ?? xmlSchemaNewValidCtxt(schema)
    }

    private func checkin(_ ctxt: xmlSchemaValidCtxtPtr) {
        lock.lock()
        pool.append(ctxt)
        lock.unlock()
    }
}
