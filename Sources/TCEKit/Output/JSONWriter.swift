/// Appends JSON text to a byte buffer. Reporters render a report with thousands of small
/// pieces; building Strings piece by piece costs more than checking the report, so the
/// pieces go straight into one growing UTF-8 buffer.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 4096) {
        bytes.reserveCapacity(capacity)
    }

    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Raw JSON syntax or text already in JSON form.
    @inline(__always)
    mutating func raw(_ s: StaticString) {
        s.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func raw(_ s: String) {
        var s = s
        s.withUTF8 { bytes.append(contentsOf: $0) }
    }

    mutating func raw(_ b: [UInt8]) {
        bytes.append(contentsOf: b)
    }

    @inline(__always)
    mutating func byte(_ b: UInt8) {
        bytes.append(b)
    }

    /// A JSON string literal: quotes, escapes for `"`, `\`, control characters and the two
    /// line separators JavaScript treats as line ends.
    mutating func string(_ s: String) {
        var s = s
        s.withUTF8 { utf8 in string(utf8) }
    }

    mutating func string(_ utf8: UnsafeBufferPointer<UInt8>) {
        bytes.append(UInt8(ascii: "\""))
        var start = 0
        var i = 0
        let n = utf8.count
        while i < n {
            let b = utf8[i]
            var escape: StaticString?
            var length = 1
            switch b {
            case UInt8(ascii: "\""): escape = "\\\""
            case UInt8(ascii: "\\"): escape = "\\\\"
            case 0x0A: escape = "\\n"
            case 0x0D: escape = "\\r"
            case 0x09: escape = "\\t"
            case 0x00..<0x20: escape = nil; length = 0
            case 0xE2 where i + 2 < n && utf8[i + 1] == 0x80 && (utf8[i + 2] == 0xA8 || utf8[i + 2] == 0xA9):
                length = 3
            default:
                i += 1
                continue
            }
            if start < i { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<i])) }
            if let escape {
                raw(escape)
            } else {
                let scalar: UInt32 = length == 3 ? (utf8[i + 2] == 0xA8 ? 0x2028 : 0x2029) : UInt32(b)
                unicodeEscape(scalar)
                length = max(length, 1)
            }
            i += length
            start = i
        }
        if start < n { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<n])) }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func unicodeEscape(_ scalar: UInt32) {
        let hex: StaticString = "0123456789abcdef"
        raw("\\u")
        hex.withUTF8Buffer { digits in
            for shift in stride(from: 12, through: 0, by: -4) {
                bytes.append(digits[Int((scalar >> UInt32(shift)) & 0xF)])
            }
        }
    }

    /// `"key":` — keys are tce's own ASCII names, so they need no escaping.
    @inline(__always)
    mutating func key(_ k: StaticString) {
        bytes.append(UInt8(ascii: "\""))
        raw(k)
        raw("\":")
    }

    mutating func int(_ n: Int) {
        if n >= 0 && n < 10 {
            bytes.append(UInt8(ascii: "0") + UInt8(n))
            return
        }
        raw(String(n))
    }

    /// Exact decimal when it terminates, else rounded half-even to 6 places (SPEC §6).
    mutating func number(_ n: Exact) {
        n.appendFormatted(to: &bytes, places: 6)
    }

    mutating func bool(_ b: Bool) {
        raw(b ? "true" : "false")
    }

    mutating func value(_ v: Value) {
        switch v {
        case .number(let n): number(n)
        case .string(let s): string(s)
        case .bool(let b): bool(b)
        case .list(let items):
            byte(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { byte(UInt8(ascii: ",")) }
                value(item)
            }
            byte(UInt8(ascii: "]"))
        case .record(let r):
            byte(UInt8(ascii: "{"))
            for (i, name) in r.sortedNames.enumerated() {
                if i > 0 { byte(UInt8(ascii: ",")) }
                string(name)
                byte(UInt8(ascii: ":"))
                value(r[name]!)
            }
            byte(UInt8(ascii: "}"))
        case .missing: raw("null")
        }
    }
}
