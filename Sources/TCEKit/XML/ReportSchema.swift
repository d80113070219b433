import CLibXML2
import Foundation

/// The compiled XSD of the report format. Parsed once; each validation gets its own context,
/// so any number of threads can validate at once.
public final class ReportSchema: @unchecked Sendable {
    private let schema: xmlSchemaPtr
    /// Validation contexts are reused; creating one per report costs more than validating.
    private var pool: [xmlSchemaValidCtxtPtr] = []
    private let lock = NSLock()
    /// The same schema as plain checks for the fast path, when it keeps to the part of XSD they
    /// cover (the shipped one does); nil otherwise, and libxml2 validates every report.
    let compiled: CompiledSchema?
    /// Why `compiled` is nil, for `tce rules` and the tests.
    public let notCompiledBecause: String?

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
        do throws(CompiledSchema.Unsupported) {
            compiled = try SchemaCompiler.compile(xsd: xsd)
            notCompiledBecause = nil
        } catch {
            compiled = nil
            notCompiledBecause = error.description
        }
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

    func checkout() -> xmlSchemaValidCtxtPtr? {
        lock.lock()
        let ctxt = pool.popLast()
        lock.unlock()
        return ctxt ?? xmlSchemaNewValidCtxt(schema)
    }

    func checkin(_ ctxt: xmlSchemaValidCtxtPtr) {
        lock.lock()
        pool.append(ctxt)
        lock.unlock()
    }
}
