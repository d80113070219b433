#if canImport(Glibc)
import Glibc
#endif

/// Appends JSON text to a byte buffer. Reporters render a report with thousands of small
/// pieces; building Strings piece by piece costs more than checking the report, so the
/// pieces go straight into one growing UTF-8 buffer (raw memory: an Array's per-append
/// checks cost more than the copying).
struct JSONWriter {
    private let buffer: Buffer

    init(capacity: Int = 4096) {
        buffer = Buffer(capacity: max(capacity, 16))
    }

    /// The bytes written so far.
    var bytes: [UInt8] { Array(UnsafeBufferPointer(start: buffer.start, count: buffer.count)) }

    var text: String { String(decoding: UnsafeBufferPointer(start: buffer.start, count: buffer.count), as: UTF8.self) }

    /// Raw JSON syntax or text already in JSON form.
    @inline(__always)
    mutating func raw(_ s: StaticString) {
        buffer.append(s.utf8Start, s.utf8CodeUnitCount)
    }

    /// Text already in JSON form held in a String (literals take the StaticString overload).
    mutating func rawText(_ s: String) {
        var s = s
        s.withUTF8 { buffer.append($0.baseAddress, $0.count) }
    }

    mutating func raw(_ b: [UInt8]) {
        b.withUnsafeBufferPointer { buffer.append($0.baseAddress, $0.count) }
    }

    mutating func raw(_ b: UnsafeBufferPointer<UInt8>) {
        buffer.append(b.baseAddress, b.count)
    }

    @inline(__always)
    mutating func byte(_ b: UInt8) {
        buffer.append(b)
    }

    /// A JSON string literal: quotes, escapes for `"`, `\`, control characters and the two
    /// line separators JavaScript treats as line ends.
    mutating func string(_ s: String) {
        var s = s
        s.withUTF8 { utf8 in string(utf8) }
    }

    /// The string at `s` as a JSON string literal, read in place (taken as an argument, the string
    /// is retained and released again).
    mutating func string(at s: UnsafePointer<String>) {
        if s.pointee.utf8.withContiguousStorageIfAvailable({ string($0) }) == nil { string(s.pointee) }
    }

    /// The bytes `string` must look at: control characters, `"`, `\\`, and 0xE2 (which leads
    /// U+2028 and U+2029). One table read per byte instead of four comparisons.
    private static let attention: [Bool] = (0...255).map { b in
        b < 0x20 || b == Int(UInt8(ascii: "\"")) || b == Int(UInt8(ascii: "\\")) || b == 0xE2
    }

    /// Whether any of the eight bytes in `word` may need attention: a byte below 0x20, `"`,
    /// `\\` or 0xE2 (the usual zero-byte test on `word` xor the byte). It may say yes for a word
    /// that needs nothing (the byte loop then decides), never no for one that does.
    @inline(__always)
    private static func mayNeedAttention(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func hasZero(_ x: UInt64) -> UInt64 { (x &- ones) & ~x & highs }
        let below20 = (word &- ones &* 0x20) & ~word & highs
        return below20 | hasZero(word ^ (ones &* 0x22)) | hasZero(word ^ (ones &* 0x5C))
            | hasZero(word ^ (ones &* 0xE2)) != 0
    }

    mutating func string(_ utf8: UnsafeBufferPointer<UInt8>) {
        buffer.append(UInt8(ascii: "\""))
        var start = 0
        var i = 0
        let n = utf8.count
        let attention = Self.attention
        while i < n {
            // Eight bytes at a time while none needs anything: most text is plain.
            if let base = utf8.baseAddress {
                while i + 8 <= n, !Self.mayNeedAttention(UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)) {
                    i += 8
                }
                if i >= n { break }
            }
            let b = utf8[i]
            // Most bytes need nothing: printable ASCII other than quote and backslash, and
            // every byte of a multi-byte character but the line separators' lead byte.
            if !attention[Int(b)] {
                i += 1
                continue
            }
            var escape: StaticString?
            var length = 1
            switch b {
            case UInt8(ascii: "\""): escape = "\\\""
            case UInt8(ascii: "\\"): escape = "\\\\"
            case 0x0A: escape = "\\n"
            case 0x0D: escape = "\\r"
            case 0x09: escape = "\\t"
            case 0x00..<0x20: escape = nil
            case 0xE2 where i + 2 < n && utf8[i + 1] == 0x80 && (utf8[i + 2] == 0xA8 || utf8[i + 2] == 0xA9):
                length = 3
            default:
                i += 1
                continue
            }
            if start < i { buffer.append(utf8.baseAddress! + start, i - start) }
            if let escape {
                raw(escape)
            } else {
                let scalar: UInt32 = length == 3 ? (utf8[i + 2] == 0xA8 ? 0x2028 : 0x2029) : UInt32(b)
                unicodeEscape(scalar)
            }
            i += length
            start = i
        }
        if start < n { buffer.append(utf8.baseAddress! + start, n - start) }
        buffer.append(UInt8(ascii: "\""))
    }

    private mutating func unicodeEscape(_ scalar: UInt32) {
        let hex: StaticString = "0123456789abcdef"
        raw("\\u")
        hex.withUTF8Buffer { digits in
            for shift in stride(from: 12, through: 0, by: -4) {
                buffer.append(digits[Int((scalar >> UInt32(shift)) & 0xF)])
            }
        }
    }

    /// `"key":` — keys are tce's own ASCII names, so they need no escaping.
    @inline(__always)
    mutating func key(_ k: StaticString) {
        buffer.append(UInt8(ascii: "\""))
        raw(k)
        raw("\":")
    }

    mutating func int(_ n: Int) {
        if n < 0 {
            rawText(String(n))
            return
        }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var rest = n
        withUnsafeMutableBytes(of: &digits) { d in
            repeat {
                d[19 - count] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                count += 1
            } while rest > 0
            buffer.append(d.baseAddress!.assumingMemoryBound(to: UInt8.self) + (20 - count), count)
        }
    }

    /// Exact decimal when it terminates, else rounded half-even to 6 places (SPEC §6).
    ///
    /// A report's JSON repeats a few numbers many times (its total in a dozen findings, the
    /// tiers), so the text of recent numbers is copied from where it was first written.
    mutating func number(_ n: Exact) {
        let slot = Buffer.slot(for: n)
        if let earlier = buffer.recentNumbers[slot], earlier.number == n {
            buffer.appendEarlier(earlier.start, earlier.count)
            return
        }
        let start = buffer.count
        n.withFormatted(places: 6) { raw($0) }
        buffer.recentNumbers[slot] = (n, start, buffer.count - start)
    }

    mutating func bool(_ b: Bool) {
        if b { raw("true") } else { raw("false") }
    }

    /// The value at `v`, read in place: a number (most values a finding shows) is written without
    /// the value being copied out and destroyed again.
    mutating func value(at v: UnsafePointer<Value>) {
        if case .number(let n) = v.pointee { number(n); return }
        value(v.pointee)
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

/// The growing memory behind a `JSONWriter`. From `malloc`, grown with `realloc`: on Linux
/// `UnsafeMutablePointer.allocate` goes through `posix_memalign`, several times slower.
private final class Buffer {
    var start: UnsafeMutablePointer<UInt8>
    var count = 0
    var capacity: Int
    /// Numbers written lately and where their text is (`JSONWriter.number`), by `slot(for:)`.
    @exclusivity(unchecked) var recentNumbers = [(number: Exact, start: Int, count: Int)?](repeating: nil, count: 8)

    static func slot(for n: Exact) -> Int {
        let mixed = UInt64(truncatingIfNeeded: n.numerator) &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(truncatingIfNeeded: n.denominator)
        return Int(truncatingIfNeeded: mixed >> 61)
    }

    /// Appends again the `n` bytes written at offset `from`.
    func appendEarlier(_ from: Int, _ n: Int) {
        if count + n > capacity { grow(to: count + n) }
        (start + count).update(from: start + from, count: n)
        count += n
    }

    init(capacity: Int) {
        self.capacity = capacity
        start = Self.resized(nil, capacity)
    }

    deinit {
        free(start)
    }

    private static func resized(_ old: UnsafeMutablePointer<UInt8>?, _ capacity: Int) -> UnsafeMutablePointer<UInt8> {
        guard let raw = realloc(old, capacity) else {
            fatalError("out of memory growing a JSON buffer to \(capacity) bytes")
        }
        return raw.assumingMemoryBound(to: UInt8.self)
    }

    @inline(__always)
    func append(_ b: UInt8) {
        if count == capacity { grow(to: count + 1) }
        start[count] = b
        count += 1
    }

    @inline(__always)
    func append(_ p: UnsafePointer<UInt8>?, _ n: Int) {
        guard n > 0, let p else { return }
        if count + n > capacity { grow(to: count + n) }
        (start + count).update(from: p, count: n)
        count += n
    }

    private func grow(to needed: Int) {
        var next = capacity * 2
        while next < needed { next *= 2 }
        start = Self.resized(start, next)
        capacity = next
    }
}
