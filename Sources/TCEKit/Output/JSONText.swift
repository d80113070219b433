/// Minimal JSON writing: tce streams its JSON, so it writes text rather than building a tree.
/// Each function renders one piece with `JSONWriter`, which reporters use directly.
enum JSONText {
    static func string(_ s: String) -> String {
        var w = JSONWriter(capacity: s.utf8.count + 8)
        w.string(s)
        return w.text
    }

    /// Exact decimal when it terminates, else rounded half-even to 6 places (SPEC §6).
    static func number(_ n: Exact) -> String { n.formatted(places: 6) }

    static func value(_ v: Value) -> String {
        var w = JSONWriter(capacity: 64)
        w.value(v)
        return w.text
    }

    static func object(_ pairs: [(String, String?)]) -> String {
        "{" + pairs.compactMap { key, value in value.map { string(key) + ":" + $0 } }.joined(separator: ",") + "}"
    }
}
