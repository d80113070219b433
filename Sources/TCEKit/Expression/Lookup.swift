/// A value found on a hot path, or nothing: `Value?` in effect. Swift copies and destroys an
/// optional of `Value` (an enum larger than four words) through the runtime's generic
/// witnesses, at several times the cost of this enum's own, and the quick paths of the
/// evaluator make and drop one per name or field they read.
enum Lookup {
    case found(Value)
    case absent

    init(_ value: Value?) {
        if let value { self = .found(value) } else { self = .absent }
    }
}
