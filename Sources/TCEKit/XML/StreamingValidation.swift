import CLibXML2
#if canImport(Glibc)
import Glibc
#endif

extension ReportSchema {
    /// Parses and validates `bytes` in one streaming pass (as `FastPathInput` prepares them),
    /// building only an `ElementTree`.
    /// Returns nil when anything at all is amiss: a parser error or warning, a document type
    /// declaration, a schema violation. The caller then takes the slow path (`HardenedXML.parse`
    /// and `validate`), which explains in full, so this path never has to word an error and the
    /// messages stay those of the whole-tree validator.
    ///
    /// The schema's checks are the compiled ones when there are (`CompiledSchema`, run on the
    /// finished tree), else libxml2's streaming validator plugged into the parser.
    /// Run `HardenedXML.preflight` first: it refuses what must never reach libxml2.
    func validTree(_ bytes: UnsafeRawBufferPointer) -> ElementTree? {
        _ = HardenedXML.initialize
        guard let input = FastPathInput(bytes) else { return nil }
        return validTree(prepared: input.buffer)
    }

    private func validTree(prepared bytes: UnsafeRawBufferPointer) -> ElementTree? {
        if let compiled {
            let builder = StreamingTreeBuilder(namespace: compiled.namespace)
            let opaque = Unmanaged.passUnretained(builder).toOpaque()
            guard parse(bytes, handler: StreamingTreeBuilder.handler(), userData: opaque, builder: builder) else { return nil }
            return compiled.accepts(builder.tree) ? builder.tree : nil
        }
        return validTreeThroughLibxml2(bytes)
    }

    private func validTreeThroughLibxml2(_ bytes: UnsafeRawBufferPointer) -> ElementTree? {
        guard let validator = checkout() else { return nil }
        defer { checkin(validator) }
        let builder = StreamingTreeBuilder(namespace: nil)
        let opaque = Unmanaged.passUnretained(builder).toOpaque()
        xmlSchemaSetValidStructuredErrors(validator, { data, _ in StreamingTreeBuilder.from(data).giveUp() }, opaque)
        defer { xmlSchemaSetValidStructuredErrors(validator, nil, nil) }

        // The plug writes back through these two pointers when it is removed, so they live on the
        // heap: one `malloc` block for the handler and both (`allocate` would be three
        // `posix_memalign` calls, several times the cost on Linux).
        typealias HandlerSlot = UnsafeMutablePointer<xmlSAXHandler>?
        let handlerSize = MemoryLayout<xmlSAXHandler>.stride
        let slotSize = MemoryLayout<HandlerSlot>.stride
        guard let block = malloc(handlerSize + 2 * slotSize) else { return nil }
        defer { free(block) }
        let handler = block.bindMemory(to: xmlSAXHandler.self, capacity: 1)
        handler.initialize(to: StreamingTreeBuilder.handler())
        let handlerSlot = (block + handlerSize).bindMemory(to: HandlerSlot.self, capacity: 1)
        handlerSlot.initialize(to: handler)
        let dataSlot = (block + handlerSize + slotSize).bindMemory(to: UnsafeMutableRawPointer?.self, capacity: 1)
        dataSlot.initialize(to: opaque)
        guard let plug = xmlSchemaSAXPlug(validator, handlerSlot, dataSlot), let plugged = handlerSlot.pointee else {
            return nil
        }
        defer { xmlSchemaSAXUnplug(plug) }
        let clean = parse(bytes, handler: plugged.pointee, userData: dataSlot.pointee, builder: builder)
        return clean && xmlSchemaIsValid(validator) == 1 ? builder.tree : nil
    }

    /// Runs the SAX parser over `bytes` with `handler`; true when it went through without a
    /// single error, warning or complaint from the builder.
    private func parse(_ bytes: UnsafeRawBufferPointer, handler: xmlSAXHandler, userData: UnsafeMutableRawPointer?,
                       builder: StreamingTreeBuilder) -> Bool {
        guard let parser = ReusedParserContext.start(bytes) else { return false }
        parser.pointee.sax.pointee = handler
        // Warnings (which the slow path reports) and errors come here; the schema plug forwards
        // none. Only the parser raises through this handler, and it names its context in `ctxt`.
        parser.pointee.sax.pointee.serror = { _, error in
            guard let context = error?.pointee.ctxt else { return }
            let parser = context.assumingMemoryBound(to: xmlParserCtxt.self)
            StreamingTreeBuilder.from(parser.pointee._private).giveUp()
        }
        parser.pointee.userData = userData
        parser.pointee._private = Unmanaged.passUnretained(builder).toOpaque()
        builder.parser = parser
        // Without entity substitution libxml2 hands SAX an attribute's `&` as `&#38;` (for the tree
        // builder to undo), and the validator would see that text. Substitution is safe here: no
        // entity can be declared (a document type declaration stops the parse at once, external
        // loads are refused), so only the five predefined ones and character references exist.
        xmlCtxtUseOptions(parser, HardenedXML.parseOptions | Int32(XML_PARSE_NOENT.rawValue))
        xmlParseDocument(parser)
        let clean = !builder.trouble && parser.pointee.wellFormed != 0 && parser.pointee.nsWellFormed != 0
            && parser.pointee.errNo == 0
        builder.parser = nil
        ReusedParserContext.finish(parser)
        return clean
    }
}

/// Receives the SAX events of one report (through the schema plug) and builds its `ElementTree`.
/// Passed to C as an unretained pointer; lives on `validTree`'s stack frame.
private final class StreamingTreeBuilder {
    let tree = ElementTree()
    /// The namespace every element must be in, when the compiled schema checks the tree
    /// (libxml2's validator checks it otherwise); NUL-terminated.
    private let namespace: [UInt8]?
    /// The last namespace string seen to match: libxml2 hands the same interned string each time.
    @exclusivity(unchecked) private var matchedNamespace: UnsafePointer<UInt8>?
    @exclusivity(unchecked) var parser: xmlParserCtxtPtr?
    /// Set by any error, warning or document type declaration: the report takes the slow path.
    @exclusivity(unchecked) var trouble = false

    init(namespace: String?) {
        self.namespace = namespace.map { Array($0.utf8) + [0] }
    }

    /// Whether an element in namespace `uri` may be in the tree.
    func allows(_ uri: UnsafePointer<UInt8>?) -> Bool {
        guard let namespace else { return true }
        guard let uri else { return false }
        if uri == matchedNamespace { return true }
        guard xmlStrEqual(uri, namespace) != 0 else { return false }
        matchedNamespace = uri
        return true
    }

    /// Marks the report for the slow path and stops the parse: whatever comes after the first
    /// problem, the slow path reads it again, so an invalid report costs one pass and a bit.
    func giveUp() {
        trouble = true
        if let parser { xmlStopParser(parser) }
    }

    static func from(_ pointer: UnsafeMutableRawPointer?) -> StreamingTreeBuilder {
        Unmanaged<StreamingTreeBuilder>.fromOpaque(pointer!).takeUnretainedValue()
    }

    /// Calls `body` with the builder behind `pointer` without retaining it: SAX calls back
    /// about a hundred times per report, and the builder outlives the parse.
    static func with(_ pointer: UnsafeMutableRawPointer?, _ body: (StreamingTreeBuilder) -> Void) {
        Unmanaged<StreamingTreeBuilder>.fromOpaque(pointer!)._withUnsafeGuaranteedRef(body)
    }

    static func handler() -> xmlSAXHandler {
        var sax = xmlSAXHandler()
        sax.initialized = XML_SAX2_MAGIC
        sax.startElementNs = { data, name, _, uri, _, _, count, _, attributes in
            StreamingTreeBuilder.with(data) { builder in
                guard let name, builder.allows(uri) else { builder.giveUp(); return }
                let tree = builder.tree
                tree.start(name: name, line: Int(builder.parser?.pointee.input?.pointee.line ?? 0))
                guard let attributes, count > 0 else { return }
                // Five pointers per attribute: local name, prefix, namespace, value start, value end.
                for i in 0..<Int(count) {
                    guard let local = attributes[5 * i], let value = attributes[5 * i + 3], let end = attributes[5 * i + 4]
                    else { builder.giveUp(); return }
                    tree.attribute(name: local, value: value, count: end - value, namespaced: attributes[5 * i + 2] != nil)
                }
            }
        }
        sax.endElementNs = { data, _, _, _ in StreamingTreeBuilder.with(data) { $0.tree.end() } }
        sax.characters = { data, text, count in
            guard let text else { return }
            StreamingTreeBuilder.with(data) { $0.tree.characters(text, count: Int(count)) }
        }
        // Reports never carry a document type declaration; the slow path says so.
        sax.internalSubset = { data, _, _, _ in
            StreamingTreeBuilder.from(data).giveUp()
        }
        return sax
    }
}
