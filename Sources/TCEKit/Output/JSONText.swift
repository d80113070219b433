/// Minimal JSON writing: tce streams its JSON, so it writes text rather than building a tree.
enum JSONText {
    static func string(_ s: String) -> String {
        var out = "\""
        out.reserveCapacity(s.utf8.count + 2)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029:
                out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                    + String(scalar.value, radix: 16)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// Exact decimal when it terminates, else rounded half-even to 6 places (SPEC §6).
    static func number(_ n: Exact) -> String { n.formatted(places: 6) }

    static func value(_ v: Value) -> String {
        switch v {
        case .number(let n): number(n)
        case .string(let s): string(s)
        case .bool(let b): b ? "true" : "false"
        case .list(let items): "[" + items.map(value).joined(separator: ",") + "]"
        case .record(let r):
            "{" + r.fields.keys.sorted().map { string($0) + ":" + value(r.fields[$0]!) }.joined(separator: ",") + "}"
        case .missing: "null"
        }
    }

    static func object(_ pairs: [(String, String?)]) -> String {
        "{" + pairs.compactMap { key, value in value.map { string(key) + ":" + $0 } }.joined(separator: ",") + "}"
    }
}
