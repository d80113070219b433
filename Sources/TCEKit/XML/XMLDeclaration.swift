#if canImport(Glibc)
import Glibc
#endif

/// What the start of a file says about its encoding: a byte-order mark and the encoding named
/// in the XML declaration. Read from the raw bytes, before any decoding, by the loader's
/// encoding check and by the fast path's transcoder.
struct XMLDeclaration {
    enum Mark: Equatable {
        case none, utf8, utf16, utf32
    }

    var mark: Mark
    /// The declared encoding as written, and the 1-based byte column of its first character.
    var encoding: (name: String, column: Int)?

    /// Encodings a report may be in (SPEC §2): UTF-8, or GB18030/GBK/GB2312 when declared.
    static let accepted = ["UTF-8", "UTF8", "GB18030", "GBK", "GB2312"]

    /// The declarations nearly every report starts with, and where their encoding's name stands.
    private static let usual: [(declaration: StaticString, encoding: String)] = [
        ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "UTF-8"), ("<?xml version=\"1.0\" encoding=\"GB18030\"?>", "GB18030"),
    ]
    private static let usualColumn = 31

    init(_ bytes: UnsafeRawBufferPointer) {
        // One comparison for the usual declarations; the general reading below finds the same.
        for usual in Self.usual where bytes.count >= usual.declaration.utf8CodeUnitCount
            && memcmp(bytes.baseAddress!, usual.declaration.utf8Start, usual.declaration.utf8CodeUnitCount) == 0 {
            mark = .none
            encoding = (usual.encoding, Self.usualColumn)
            return
        }
        func starts(_ p: [UInt8]) -> Bool { bytes.count >= p.count && bytes.prefix(p.count).elementsEqual(p) }
        if starts([0x00, 0x00, 0xFE, 0xFF]) || starts([0xFF, 0xFE, 0x00, 0x00]) {
            mark = .utf32
        } else if starts([0xFE, 0xFF]) || starts([0xFF, 0xFE]) || starts([0x3C, 0x00, 0x3F, 0x00])
                    || starts([0x00, 0x3C, 0x00, 0x3F]) {
            mark = .utf16  // with a mark, or recognisable without one as libxml2 does
        } else if starts([0xEF, 0xBB, 0xBF]) {
            mark = .utf8
        } else {
            mark = .none
        }
        encoding = mark == .utf16 || mark == .utf32 ? nil : Self.declaredEncoding(bytes, from: mark == .utf8 ? 3 : 0)
    }

    /// `encoding="…"` inside `<?xml … ?>` at `start`, in an ASCII-compatible encoding.
    /// Every report passes here, so it reads the bytes in place: no copies.
    private static func declaredEncoding(_ bytes: UnsafeRawBufferPointer, from start: Int) -> (String, Int)? {
        let head = UnsafeRawBufferPointer(rebasing: bytes[start..<min(bytes.count, start + 1024)])
        let open: StaticString = "<?xml"
        guard head.count > 5, memcmp(head.baseAddress!, open.utf8Start, 5) == 0, head[5].isXMLBlank else { return nil }
        var end = 5
        while end + 1 < head.count, !(head[end] == UInt8(ascii: "?") && head[end + 1] == UInt8(ascii: ">")) { end += 1 }
        guard end + 1 < head.count else { return nil }
        let key: StaticString = "encoding"
        let length = key.utf8CodeUnitCount
        var k = 5
        while k + length <= end {
            guard memcmp(head.baseAddress! + k, key.utf8Start, length) == 0, head[k - 1].isXMLBlank else {
                k += 1
                continue
            }
            var j = k + length
            while j < end, head[j].isXMLBlank { j += 1 }
            guard j < end, head[j] == UInt8(ascii: "=") else { return nil }
            j += 1
            while j < end, head[j].isXMLBlank { j += 1 }
            guard j < end, head[j] == UInt8(ascii: "\"") || head[j] == UInt8(ascii: "'") else { return nil }
            let quote = head[j]
            var close = j + 1
            while close < end, head[close] != quote { close += 1 }
            guard close < end else { return nil }
            return (String(decoding: UnsafeRawBufferPointer(rebasing: head[(j + 1)..<close]), as: UTF8.self), j + 2)
        }
        return nil
    }

    /// The reason the file's encoding is not acceptable for a report, or nil.
    var problem: Diagnostic? {
        let accepted = "a report is UTF-8, or GB18030, GBK or GB2312 named in its XML declaration"
        switch mark {
        case .utf16, .utf32:
            let name = mark == .utf16 ? "UTF-16" : "UTF-32"
            return Diagnostic("the file is encoded in \(name); \(accepted)", line: 1, column: 1)
        case .none, .utf8:
            guard let (name, column) = encoding else { return nil }
            // The usual names, as written, need no upper-casing.
            if name == "UTF-8" || (mark == .none && Self.accepted.contains(name)) { return nil }
            let upper = name.uppercased()
            guard Self.accepted.contains(upper) else {
                return Diagnostic("encoding \"\(name)\" is not accepted: \(accepted)", line: 1, column: column)
            }
            if mark == .utf8 && upper != "UTF-8" && upper != "UTF8" {
                return Diagnostic(
                    "the file starts with a UTF-8 byte-order mark but its XML declaration says encoding \"\(name)\"; "
                        + "save it as UTF-8 (and declare UTF-8), or remove the mark", line: 1, column: column)
            }
            return nil
        }
    }
}
