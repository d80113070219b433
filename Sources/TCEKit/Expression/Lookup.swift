/// A value found on a hot path, or nothing: `Value?` in effect. Swift copies and destroys an
/// optional of `Value` (a 33-byte enum: its `Exact` payload is 32) through the runtime's generic
/// witnesses, at several times the cost of this enum's own, and the quick paths of the
/// evaluator make and drop one per name or field they read.
enum Lookup {
    case found(Value)
    case absent

    init(_ value: Value?) {
        if let value { self = .found(value) } else { self = .absent }
    }

    /// The field `name` of what was found, for the quick paths: a missing element's field is
    /// missing, a record's is read (`Record.value(named:hint:orMissing:)`), and anything else
    /// is left to the evaluator, which says why it has no fields.
    func field(_ name: String, hint: Int, orMissing path: String) -> Lookup {
        switch self {
        case .found(.missing): return self
        case .found(.record(let record)): return .found(record.value(named: name, hint: hint, orMissing: path))
        default: return .absent
        }
    }
}
