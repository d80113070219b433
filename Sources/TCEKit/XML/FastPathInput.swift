#if canImport(Glibc)
import Glibc
#endif

/// The bytes the streaming parse reads: a copy of the report with two changes that save libxml2
/// work and change neither the parse's verdict nor the tree it builds.
///
/// - The text of each well-formed comment of a UTF-8 report is taken out, its line breaks kept,
///   so every element stays on its line. libxml2 reads a comment with non-ASCII text one
///   character at a time, about 100 instructions each; the reports' comments cost it ~45,000
///   instructions, a twelfth of a report's whole cost. The tree takes nothing from comments.
///   A comment is only shortened when this code has checked all that libxml2 would check of
///   its text (XML characters in well-formed UTF-8, no `--`, no `-` at the end): what was not
///   well-formed stays as it was, for libxml2 to refuse.
/// - A comment is appended (see `trailer`).
///
/// The slow path, which explains refusals, reads the original bytes.
struct FastPathInput: ~Copyable {
    let base: UnsafeMutableRawPointer
    let count: Int

    /// Comments shorter than this are left alone: shortening them saves less than it costs.
    static let shortestShortened = 24
    /// Nor are comments this long: libxml2 refuses a comment of over 10,000,000 bytes, and a
    /// shortened one would slip past that limit.
    static let longestShortened = 1_000_000

    init?(_ bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress, bytes.count < Int(Int32.max) - Self.trailer.count,
              let out = malloc(bytes.count + Self.trailer.count) else { return nil }
        var written = 0
        var copied = 0  // bytes of the source already copied out
        if Self.isUTF8(bytes) {
            Self.forEachComment(in: bytes) { content in
                guard content.count >= Self.shortestShortened, content.count < Self.longestShortened,
                      Self.isWellFormedCommentText(source + content.lowerBound, content.count)
                else { return }
                memcpy(out + written, source + copied, content.lowerBound - copied)
                written += content.lowerBound - copied
                written += Self.copyLineBreaks(from: source + content.lowerBound, count: content.count, to: out + written)
                copied = content.upperBound
            }
        }
        memcpy(out + written, source + copied, bytes.count - copied)
        written += bytes.count - copied
        Self.trailer.withUnsafeBytes { _ = memcpy(out + written, $0.baseAddress!, $0.count) }
        base = out
        count = written + Self.trailer.count
    }

    deinit { free(base) }

    var buffer: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }

    /// Appended to every report. Within its look-ahead (250 bytes) of the end of its input,
    /// libxml2 asks for more input at nearly every step: about 80 calls of 350 instructions a
    /// report. A comment after the root element changes nothing in an XML document, and an
    /// ill-formed one stays ill-formed: whatever construct the report leaves open, a line break,
    /// `<!--` and letters do not close it (and `--` inside a comment is an error). The reports'
    /// encodings (checked before: UTF-8, GB18030, GBK, GB2312) write these ASCII characters as
    /// themselves and have no multi-byte character they could complete. (Blanks would do as well,
    /// but skipping 256 of them costs 5,000 instructions; the comment's letters are read in a
    /// tight loop.)
    static let trailer: [UInt8] = Array("\n<!--".utf8) + Array(repeating: UInt8(ascii: "x"), count: 248) + Array("-->".utf8)

    /// Copies the line feeds and carriage returns of `count` bytes, in order; returns how many.
    private static func copyLineBreaks(from text: UnsafeRawPointer, count: Int, to out: UnsafeMutableRawPointer) -> Int {
        // Carriage returns are rare: when there are none, `memchr` finds the line feeds.
        if memchr(text, 0x0D, count) == nil {
            var written = 0, k = 0
            while k < count, let hit = memchr(text + k, 0x0A, count - k) {
                out.storeBytes(of: 0x0A, toByteOffset: written, as: UInt8.self)
                written += 1
                k = UnsafeRawPointer(hit) - text + 1
            }
            return written
        }
        var written = 0
        for k in 0..<count {
            let byte = text.load(fromByteOffset: k, as: UInt8.self)
            if byte == 0x0A || byte == 0x0D {
                out.storeBytes(of: byte, toByteOffset: written, as: UInt8.self)
                written += 1
            }
        }
        return written
    }

    /// UTF-8 by its mark or declaration, or by having no declared encoding.
    private static func isUTF8(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let declaration = XMLDeclaration(bytes)
        guard declaration.mark == .none || declaration.mark == .utf8 else { return false }
        guard let name = declaration.encoding?.name else { return true }
        return name.uppercased() == "UTF-8" || name.uppercased() == "UTF8"
    }

    /// Calls `body` with the byte range of each comment's text, in order. Markup is found by its
    /// `<`: CDATA sections and processing instructions (the XML declaration among them) are
    /// skipped whole, so that nothing inside them is taken for a comment. A `<` anywhere else
    /// (in an attribute value, say) is an error libxml2 reports whatever is done after it.
    private static func forEachComment(in bytes: UnsafeRawBufferPointer, _ body: (Range<Int>) -> Void) {
        guard let base = bytes.baseAddress else { return }
        let count = bytes.count
        var i = 0
        func find(_ needle: StaticString, from start: Int) -> Int? {
            let first = Int32(needle.utf8Start.pointee), length = needle.utf8CodeUnitCount
            var k = start
            while k + length <= count, let hit = memchr(base + k, first, count - k) {
                let at = UnsafeRawPointer(hit) - base
                if at + length <= count && memcmp(hit, needle.utf8Start, length) == 0 { return at }
                k = at + 1
            }
            return nil
        }
        func starts(_ prefix: StaticString, at k: Int) -> Bool {
            k + prefix.utf8CodeUnitCount <= count && memcmp(base + k, prefix.utf8Start, prefix.utf8CodeUnitCount) == 0
        }
        // Only a `<` followed by `!` or `?` can open one of these: found by those two rarer bytes
        // (a report has a `<` for every tag), each searched for again only once passed.
        var bang = -1, question = -1  // the next `!` and `?` at or after i + 1; count when none
        func next(_ byte: Int32, after position: Int) -> Int {
            guard position < count, let hit = memchr(base + position, byte, count - position) else { return count }
            return UnsafeRawPointer(hit) - base
        }
        while i < count {
            if bang < i + 1 { bang = next(0x21, after: i + 1) }
            if question < i + 1 { question = next(0x3F, after: i + 1) }
            let mark = min(bang, question)
            guard mark < count else { return }
            let at = mark - 1
            guard base.load(fromByteOffset: at, as: UInt8.self) == 0x3C else {
                i = mark  // not after a `<`: look on from the next byte
                continue
            }
            if starts("<!--", at: at) {
                guard let end = find("-->", from: at + 4) else { return }
                body((at + 4)..<end)
                i = end + 3
            } else if starts("<![CDATA[", at: at) {
                guard let end = find("]]>", from: at + 9) else { return }
                i = end + 3
            } else if starts("<?", at: at) {
                guard let end = find("?>", from: at + 2) else { return }
                i = end + 2
            } else {
                i = at + 1
            }
        }
    }

    /// ASCII characters a comment may hold anywhere: all but `-` and the control characters
    /// other than tab, line feed and carriage return.
    private static let plainASCII: [Bool] = (0..<128).map { b in
        b != 0x2D && (b >= 0x20 || b == 0x09 || b == 0x0A || b == 0x0D)
    }

    /// Whether none of the eight bytes of `word` is at or over 0x80, under 0x20, or `-` (the
    /// usual zero-byte test on the word xor the byte): they are all plain ASCII.
    @inline(__always)
    private static func isPlainASCII(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        let below20 = (word &- ones &* 0x20) & ~word & highs
        let x = word ^ (ones &* 0x2D)
        let hyphen = (x &- ones) & ~x & highs
        return (word & highs) | below20 | hyphen == 0
    }

    /// Whether `count` bytes are a comment's text that libxml2 accepts: well-formed UTF-8 of XML
    /// characters (tab, line feed, carriage return, U+0020–U+D7FF, U+E000–U+FFFD,
    /// U+10000–U+10FFFF), no `--`, and not starting or ending with `-`.
    static func isWellFormedCommentText(_ text: UnsafeRawPointer, _ count: Int) -> Bool {
        let p = text.assumingMemoryBound(to: UInt8.self)
        let plainASCII = Self.plainASCII
        guard count > 0 else { return true }
        if p[0] == 0x2D || p[count - 1] == 0x2D { return false }
        var i = 0
        func continuation(_ k: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool {
            k < count && p[k] >= low && p[k] <= high
        }
        while i < count {
            // Eight plain ASCII bytes at a time (no byte at or over 0x80, under 0x20, or `-`).
            while i + 8 <= count, Self.isPlainASCII(UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)) { i += 8 }
            guard i < count else { break }
            let b = p[i]
            // Most bytes are ordinary ASCII: one comparison and a table look-up each.
            if b < 0x80 && plainASCII[Int(b)] {
                i += 1
                continue
            }
            // Most other characters are CJK: three bytes led by E1–EC (no excluded range there),
            // and they come in runs, read through before looking for plain ASCII again.
            if b >= 0xE1 && b <= 0xEC && i + 2 < count && p[i + 1] & 0xC0 == 0x80 && p[i + 2] & 0xC0 == 0x80 {
                i += 3
                while i + 2 < count, p[i] >= 0xE1, p[i] <= 0xEC, p[i + 1] & 0xC0 == 0x80, p[i + 2] & 0xC0 == 0x80 {
                    i += 3
                }
                continue
            }
            if b < 0x80 {
                if b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D { return false }
                if b == 0x2D && p[i + 1] == 0x2D { return false }  // i + 1 < count: the last byte is not '-'
                i += 1
            } else if b >= 0xC2 && b <= 0xDF {
                guard continuation(i + 1) else { return false }
                i += 2
            } else if b >= 0xE0 && b <= 0xEF {
                let low: UInt8 = b == 0xE0 ? 0xA0 : 0x80
                let high: UInt8 = b == 0xED ? 0x9F : 0xBF  // no surrogates
                guard continuation(i + 1, low, high), continuation(i + 2) else { return false }
                if b == 0xEF && p[i + 1] == 0xBF && p[i + 2] >= 0xBE { return false }  // U+FFFE, U+FFFF
                i += 3
            } else if b >= 0xF0 && b <= 0xF4 {
                let low: UInt8 = b == 0xF0 ? 0x90 : 0x80
                let high: UInt8 = b == 0xF4 ? 0x8F : 0xBF
                guard continuation(i + 1, low, high), continuation(i + 2), continuation(i + 3) else { return false }
                i += 4
            } else {
                return false
            }
        }
        return true
    }
}
