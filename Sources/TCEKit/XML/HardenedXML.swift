import CLibXML2
#if canImport(Glibc)
import Glibc
#endif

/// libxml2 set up so that no report can reach outside its own bytes.
enum HardenedXML {
    /// No network, no entity substitution, no DTD loading; big line numbers for big files.
    static let parseOptions: Int32 = Int32(
        XML_PARSE_NONET.rawValue | XML_PARSE_BIG_LINES.rawValue | XML_PARSE_COMPACT.rawValue
            | XML_PARSE_NOBLANKS.rawValue | XML_PARSE_NOCDATA.rawValue)

    /// Called once before any thread parses: initialises libxml2 and refuses every external load.
    static let initialize: Void = {
        xmlInitParser()
        tce_silenceGenericErrors()
        xmlSetExternalEntityLoader { _, _, _ in nil }
    }()

    /// Parses `bytes` into a document, or returns the reasons it is not acceptable XML.
    /// A document type declaration stops the parse at once: reports never need one,
    /// and refusing it is what keeps entity bombs and external entities out.
    static func parse(_ bytes: UnsafeRawBufferPointer, url: String) -> Result<xmlDocPtr, DiagnosticList> {
        _ = initialize
        if let problem = preflight(bytes) { return .failure(DiagnosticList([problem])) }
        guard let ctxt = xmlNewParserCtxt() else {
            return .failure(DiagnosticList([Diagnostic("out of memory creating the XML parser")]))
        }
        defer { xmlFreeParserCtxt(ctxt) }
        let collector = ErrorCollector()
        ctxt.pointee._private = collector.opaque
        ctxt.pointee.sax.pointee.serror = { userData, error in
            let ctxt = userData?.assumingMemoryBound(to: xmlParserCtxt.self)
            ErrorCollector.from(ctxt?.pointee._private)?.add(error)
        }
        ctxt.pointee.sax.pointee.internalSubset = { userData, _, _, _ in
            guard let ctxt = userData?.assumingMemoryBound(to: xmlParserCtxt.self) else { return }
            ErrorCollector.from(ctxt.pointee._private)?.sawDoctype = true
            xmlStopParser(ctxt)
        }
        let doc = bytes.withMemoryRebound(to: CChar.self) { chars in
            xmlCtxtReadMemory(ctxt, chars.baseAddress, Int32(chars.count), url, nil, parseOptions)
        }
        if collector.sawDoctype {
            if let doc { xmlFreeDoc(doc) }
            return .failure(DiagnosticList([Diagnostic(
                "a document type declaration (<!DOCTYPE) is not allowed in a report; remove it",
                line: Int(ctxt.pointee.input?.pointee.line ?? 0), column: nil)]))
        }
        if let doc, ctxt.pointee.wellFormed != 0, collector.diagnostics.isEmpty {
            return .success(doc)
        }
        if let doc { xmlFreeDoc(doc) }
        if collector.diagnostics.isEmpty {
            collector.diagnostics.append(Diagnostic("the file is not well-formed XML"))
        }
        return .failure(DiagnosticList(collector.diagnostics))
    }

    /// What must be refused before libxml2 sees the bytes. A wrong or mismatched encoding would
    /// otherwise come out as garbled text or a puzzling syntax error; a document type declaration
    /// is how entity bombs and external entities get in; a tag crowded with attributes takes
    /// libxml2 minutes.
    static func preflight(_ bytes: UnsafeRawBufferPointer) -> Diagnostic? {
        if let problem = XMLDeclaration(bytes).problem { return problem }
        if let doctype = findDoctype(bytes) {
            return Diagnostic("a document type declaration (<!DOCTYPE) is not allowed in a report; remove it",
                              line: doctype.line, column: doctype.column)
        }
        if let crowded = crowdedTag(bytes) {
            return Diagnostic(
                "an element has more than \(maximumAttributes) attributes; no report element has more than a few",
                line: crowded.line, column: crowded.column)
        }
        return nil
    }

    /// More attributes than any report element could have. libxml2 checks a tag's attributes
    /// for duplicates pair by pair, so 100,000 attributes on one tag take a minute.
    static let maximumAttributes = 256

    /// The position of the first start tag with more than `maximumAttributes` attributes
    /// (counted as `=` outside quotes between `<` and `>`), in any ASCII-compatible encoding.
    /// Comments, CDATA sections and processing instructions are skipped.
    static func crowdedTag(_ bytes: UnsafeRawBufferPointer) -> (line: Int, column: Int)? {
        // A file with few `=` in all cannot have a crowded tag: one cheap pass for every real report.
        guard let base = bytes.baseAddress else { return nil }
        var equalSigns = 0, offset = 0
        while equalSigns <= maximumAttributes, offset < bytes.count,
              let found = memchr(base + offset, Int32(UInt8(ascii: "=")), bytes.count - offset) {
            equalSigns += 1
            offset = UnsafeRawPointer(found) - base + 1
        }
        guard equalSigns > maximumAttributes else { return nil }
        let n = bytes.count
        var line = 1, lineStart = 0
        var i = 0
        func starts(_ s: StaticString, at k: Int) -> Bool {
            k + s.utf8CodeUnitCount <= n && memcmp(s.utf8Start, bytes.baseAddress! + k, s.utf8CodeUnitCount) == 0
        }
        func skip(to end: StaticString, from k: Int) -> Int {
            var j = k
            while j < n && !starts(end, at: j) {
                if bytes[j] == 0x0A { line += 1; lineStart = j + 1 }
                j += 1
            }
            return j + end.utf8CodeUnitCount
        }
        while i < n {
            let b = bytes[i]
            if b == 0x0A { line += 1; lineStart = i + 1; i += 1; continue }
            guard b == UInt8(ascii: "<") else { i += 1; continue }
            if starts("<!--", at: i) { i = skip(to: "-->", from: i + 4); continue }
            if starts("<![CDATA[", at: i) { i = skip(to: "]]>", from: i + 9); continue }
            if starts("<?", at: i) { i = skip(to: "?>", from: i + 2); continue }
            let tagLine = line, tagColumn = i - lineStart + 1
            var j = i + 1
            var quote: UInt8 = 0
            var equals = 0
            while j < n {
                let c = bytes[j]
                if c == 0x0A { line += 1; lineStart = j + 1 }
                if quote != 0 {
                    if c == quote { quote = 0 }
                } else if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                    quote = c
                } else if c == UInt8(ascii: "=") {
                    equals += 1
                    if equals > maximumAttributes { return (tagLine, tagColumn) }
                } else if c == UInt8(ascii: ">") || c == UInt8(ascii: "<") {
                    break
                }
                j += 1
            }
            i = j
        }
        return nil
    }

    /// Finds `<!DOCTYPE` in any ASCII-compatible encoding (UTF-8, GBK, GB18030), with its position.
    static func findDoctype(_ bytes: UnsafeRawBufferPointer) -> (line: Int, column: Int)? {
        let needle: StaticString = "<!DOCTYPE"
        guard let base = bytes.baseAddress else { return nil }
        let count = bytes.count, length = needle.utf8CodeUnitCount
        var offset = 0
        // memchr skips to each `!` at memory speed, and only those are compared: a report has a
        // `!` for each comment, where it has a `<` for every tag. (No byte of a GBK or GB18030
        // character but an ASCII one is 0x21.)
        var from = 1
        while true {
            guard count - from >= length - 1, let bang = memchr(base + from, 0x21, count - from) else { return nil }
            offset = UnsafeRawPointer(bang) - base - 1
            if count - offset >= length && memcmp(base + offset, needle.utf8Start, length) == 0 { break }
            from = offset + 2
        }
        var line = 1, lineStart = 0
        for i in 0..<offset where bytes[i] == 0x0A { line += 1; lineStart = i + 1 }
        return (line, offset - lineStart + 1)
    }
}

/// Several diagnostics as one error.
public struct DiagnosticList: Error, Sendable {
    public var items: [Diagnostic]
    public init(_ items: [Diagnostic]) { self.items = items }
}
