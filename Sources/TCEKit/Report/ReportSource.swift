/// Finds columns in the raw bytes of a report, since libxml2 keeps only line numbers on nodes.
struct ReportSource {
    let bytes: UnsafeRawBufferPointer

    /// Column (in characters, 1-based) of the first occurrence of `needle` on `line`,
    /// or of the first `<` there when the needle is absent.
    func column(line: Int, of needle: String?) -> Int? {
        guard line > 0, let range = lineRange(line) else { return nil }
        let slice = UnsafeRawBufferPointer(rebasing: bytes[range])
        if let needle, let offset = find(Array(needle.utf8), in: slice) {
            return characters(in: UnsafeRawBufferPointer(rebasing: slice[0..<offset])) + 1
        }
        if let offset = slice.firstIndex(of: UInt8(ascii: "<")) {
            return characters(in: UnsafeRawBufferPointer(rebasing: slice[0..<offset])) + 1
        }
        return 1
    }

    private func lineRange(_ line: Int) -> Range<Int>? {
        var current = 1, start = 0
        for i in 0..<bytes.count where bytes[i] == 0x0A {
            if current == line { return start..<i }
            current += 1
            start = i + 1
        }
        return current == line ? start..<bytes.count : nil
    }

    private func find(_ needle: [UInt8], in haystack: UnsafeRawBufferPointer) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count else { return nil }
        for i in 0...(haystack.count - needle.count)
        where haystack[i] == needle[0] && (1..<needle.count).allSatisfy({ haystack[i + $0] == needle[$0] }) {
            return i
        }
        return nil
    }

    /// UTF-8 aware character count; in other encodings each byte counts once.
    private func characters(in slice: UnsafeRawBufferPointer) -> Int {
        slice.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
    }
}
