/// A value seen by a rule expression: a fact, a report field, a constant or a literal.
public enum Value: Sendable, Equatable {
    case number(Exact)
    case string(String)
    case bool(Bool)
    case list([Value])
    case record(Record)
    /// Not reported. `path` names what is missing, so a finding can say "not reported: …".
    case missing(path: String)

    public var typeName: String {
        switch self {
        case .number: "number"
        case .string: "text"
        case .bool: "true/false"
        case .list: "list"
        case .record: "element"
        case .missing: "missing value"
        }
    }
}

/// A report element (or an energy type, a fact group…) seen as named fields.
/// `line` is where it stands in the report, so findings can point at it.
public struct Record: Sendable, Equatable {
    public var fields: [String: Value]
    public var line: Int?

    public init(_ fields: [String: Value] = [:], line: Int? = nil) {
        self.fields = fields
        self.line = line
    }

    public subscript(name: String) -> Value? {
        get { fields[name] }
        set { fields[name] = newValue }
    }
}
