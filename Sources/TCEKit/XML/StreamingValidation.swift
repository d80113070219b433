import CLibXML2
#if canImport(Glibc)
import Glibc
#endif

extension ReportSchema {
    /// Parses and validates `bytes` in one streaming pass (libxml2's SAX parser with the schema
    /// plugged in), building only an `ElementTree`. Returns nil when anything at all is amiss: a
    /// parser error or warning, a document type declaration, a schema violation. The caller then
    /// takes the slow path (`HardenedXML.parse` and `validate`), which explains in full, so this
    /// path never has to word an error and the messages stay those of the whole-tree validator.
    ///
    /// Run `HardenedXML.preflight` first: it refuses what must never reach libxml2.
    func validTree(_ bytes: UnsafeRawBufferPointer) -> ElementTree? {
        _ = HardenedXML.initialize
        guard bytes.count < Int(Int32.max), let validator = checkout() else { return nil }
        defer { checkin(validator) }
        let builder = StreamingTreeBuilder()
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
        guard let parser = bytes.withMemoryRebound(to: CChar.self, {
            xmlCreateMemoryParserCtxt($0.baseAddress, Int32($0.count))
        }) else {
            xmlSchemaSAXUnplug(plug)
            return nil
        }
        parser.pointee.sax.pointee = plugged.pointee
        // The plug forwards no parser errors; warnings (which the slow path reports) come here.
        // Only the parser raises through this handler, and it names its own context in `ctxt`.
        parser.pointee.sax.pointee.serror = { _, error in
            guard let context = error?.pointee.ctxt else { return }
            let parser = context.assumingMemoryBound(to: xmlParserCtxt.self)
            StreamingTreeBuilder.from(parser.pointee._private).giveUp()
        }
        parser.pointee.userData = dataSlot.pointee
        parser.pointee._private = opaque
        builder.parser = parser
        // Without entity substitution libxml2 hands SAX an attribute's `&` as `&#38;` (for the tree
        // builder to undo), and the validator would see that text. Substitution is safe here: no
        // entity can be declared (a document type declaration stops the parse at once, external
        // loads are refused), so only the five predefined ones and character references exist.
        xmlCtxtUseOptions(parser, HardenedXML.parseOptions | Int32(XML_PARSE_NOENT.rawValue))
        xmlParseDocument(parser)
        let clean = !builder.trouble && parser.pointee.wellFormed != 0 && parser.pointee.nsWellFormed != 0
            && parser.pointee.errNo == 0 && xmlSchemaIsValid(validator) == 1
        xmlSchemaSAXUnplug(plug)
        builder.parser = nil
        xmlFreeParserCtxt(parser)
        return clean ? builder.tree : nil
    }
}

/// Receives the SAX events of one report (through the schema plug) and builds its `ElementTree`.
/// Passed to C as an unretained pointer; lives on `validTree`'s stack frame.
private final class StreamingTreeBuilder {
    let tree = ElementTree()
    @exclusivity(unchecked) var parser: xmlParserCtxtPtr?
    /// Set by any error, warning or document type declaration: the report takes the slow path.
    @exclusivity(unchecked) var trouble = false

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
        sax.startElementNs = { data, name, _, _, _, _, count, _, attributes in
            StreamingTreeBuilder.with(data) { builder in
                guard let name else { builder.giveUp(); return }
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
