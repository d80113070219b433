/// Every enterprise-year checked so far in a batch, with the file that reported it first:
/// what the `duplicate-report` rule compares each report with. It is the one thing that grows
/// with the batch, so an entry is kept small: a well-formed credit code (18 characters of the
/// GB 32100 alphabet, a base-31 number of 90 bits) and a four-digit year pack into one 128-bit
/// key, and the file name goes into a front-coded `NameTable` (≈ 10 bytes for a 40-byte path).
/// Codes outside the alphabet keep their text in a second, normally empty, table.
struct DuplicateIndex {
    /// Key to the first file's index in `names`.
    private var packed: [UInt128: Int] = [:]
    private var text: [TextKey: Int] = [:]
    private var names = NameTable()

    private struct TextKey: Hashable {
        var code: String
        var year: Int
    }

    /// Entries recorded so far.
    var count: Int { packed.count + text.count }

    /// The file that first reported `code` and `year`; nil when this is the first, which
    /// `file` then becomes.
    mutating func first(code: String, year: Int, orRecord file: String) -> String? {
        if let key = Self.pack(code: code, year: year) {
            if let first = packed[key] { return names.name(at: first) }
            packed[key] = names.append(file)
        } else {
            let key = TextKey(code: code, year: year)
            if let first = text[key] { return names.name(at: first) }
            text[key] = names.append(file)
        }
        return nil
    }

    /// The code's 90 bits above the year's 14; nil for a code or year that does not fit.
    static func pack(code: String, year: Int) -> UInt128? {
        guard (0..<(1 << 14)).contains(year) else { return nil }
        var value: UInt128 = 0
        var count = 0
        for byte in code.utf8 {
            guard count < 18, let digit = CreditCode.value(of: byte) else { return nil }
            value = value * 31 + UInt128(digit)
            count += 1
        }
        guard count == 18 else { return nil }
        return value << 14 | UInt128(year)
    }
}
