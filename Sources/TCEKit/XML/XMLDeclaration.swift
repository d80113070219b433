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

    init(_ bytes: UnsafeRawBufferPointer) {
        let b = Array(bytes.prefix(4))
        func starts(_ p: [UInt8]) -> Bool { b.count >= p.count && Array(b.prefix(p.count)) == p }
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
    private static func declaredEncoding(_ bytes: UnsafeRawBufferPointer, from start: Int) -> (String, Int)? {
        let head = Array(bytes[start..<min(bytes.count, start + 1024)])
        guard head.starts(with: Array("<?xml".utf8)), head.count > 5, [0x20, 0x09, 0x0A, 0x0D].contains(head[5]),
              let end = (5..<head.count).first(where: { head[$0] == UInt8(ascii: "?") && $0 + 1 < head.count && head[$0 + 1] == UInt8(ascii: ">") })
        else { return nil }
        let declaration = Array(head[..<end])
        let key = Array("encoding".utf8)
        var k = 5
        while k + key.count <= declaration.count {
            if Array(declaration[k..<(k + key.count)]) == key, [0x20, 0x09, 0x0A, 0x0D].contains(declaration[k - 1]) {
                var j = k + key.count
                while j < declaration.count, [0x20, 0x09, 0x0A, 0x0D].contains(declaration[j]) { j += 1 }
                guard j < declaration.count, declaration[j] == UInt8(ascii: "=") else { return nil }
                j += 1
                while j < declaration.count, [0x20, 0x09, 0x0A, 0x0D].contains(declaration[j]) { j += 1 }
                guard j < declaration.count, declaration[j] == UInt8(ascii: "\"") || declaration[j] == UInt8(ascii: "'")
                else { return nil }
                let quote = declaration[j]
                guard let close = declaration[(j + 1)...].firstIndex(of: quote) else { return nil }
                let name = String(decoding: declaration[(j + 1)..<close], as: UTF8.self)
                return (name, j + 2)
            }
            k += 1
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
