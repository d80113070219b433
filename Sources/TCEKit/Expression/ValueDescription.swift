/// How values are named in error messages: kind and value, e.g. `text "a"`, `number 3`.
extension Value {
    var described: String {
        switch self {
        case .number(let n): "number \(n.formatted())"
        case .string(let s): #"text "\#(s.count > 40 ? s.prefix(40) + "…" : s)""#
        case .bool(let b): b ? "true" : "false"
        case .list(let items): "a list of \(items.count) item\(items.count == 1 ? "" : "s")"
        case .record: "an element"
        case .missing(let path): "a missing value (\(path))"
        }
    }

    var isMissing: Bool {
        if case .missing = self { return true }
        return false
    }
}
