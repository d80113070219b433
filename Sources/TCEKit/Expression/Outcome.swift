/// A value during evaluation plus the report lines that could explain it. Kept apart so
/// each operator can decide which operand explains its result (e.g. the false side of an
/// `and`), and `Evaluation.line` picks the best one at the end.
struct Outcome {
    var value: Value
    /// Line of the element that decided a quantifier (any, all, count, filter).
    var deciding: Int?
    /// For a missing value: line of the deepest existing record on the missing path.
    var missingAt: Int?
    /// Line of the first record reached by a field access.
    var record: Int?

    init(_ value: Value, deciding: Int? = nil, missingAt: Int? = nil, record: Int? = nil) {
        self.value = value
        self.deciding = deciding
        self.missingAt = value.isMissing ? missingAt : nil
        self.record = record
    }

    /// `value` explained by `parts`, earlier parts first.
    init(_ value: Value, explainedBy parts: [Outcome]) {
        self.init(value,
                  deciding: parts.lazy.compactMap(\.deciding).first,
                  missingAt: parts.lazy.compactMap(\.missingAt).first,
                  record: parts.lazy.compactMap(\.record).first)
    }

    /// `value` explained by one part; the same as `explainedBy: [a]` without building an array.
    init(_ value: Value, explainedBy a: Outcome) {
        self.init(value, deciding: a.deciding, missingAt: a.missingAt, record: a.record)
    }

    /// `value` explained by two parts, `a` first; the same as `explainedBy: [a, b]`.
    init(_ value: Value, explainedBy a: Outcome, _ b: Outcome) {
        self.init(value, deciding: a.deciding ?? b.deciding, missingAt: a.missingAt ?? b.missingAt,
                  record: a.record ?? b.record)
    }

    var line: Int? { deciding ?? missingAt ?? record }

    var bool: Bool? {
        if case .bool(let b) = value { return b }
        return nil
    }
}
