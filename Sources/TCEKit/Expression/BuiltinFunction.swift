/// The fixed set of functions a rule may call. Fixed, so every call is known at parse
/// time and every call terminates (they only loop over finite lists).
enum BuiltinFunction: String, CaseIterable, Sendable {
    case abs, all, any, coalesce, count, exists, filter, max, min, sum

    /// Allowed argument counts; `Int.max` means "or more".
    var arity: ClosedRange<Int> {
        switch self {
        case .abs, .exists: 1...1
        case .all, .any, .filter, .sum: 2...2
        case .count: 1...2
        case .coalesce: 2...Int.max
        case .max, .min: 1...Int.max
        }
    }

    /// How a call looks, quoted in argument-count errors.
    var usage: String {
        switch self {
        case .abs: "abs(number)"
        case .all: "all(list, condition)"
        case .any: "any(list, condition)"
        case .coalesce: "coalesce(value, default)"
        case .count: "count(list) or count(list, condition)"
        case .exists: "exists(value)"
        case .filter: "filter(list, condition)"
        case .max: "max(a, b) or max(list)"
        case .min: "min(a, b) or min(list)"
        case .sum: "sum(list, number)"
        }
    }

    /// Whether the second argument is evaluated once per list element with `it` bound to it.
    var bindsElement: Bool {
        switch self {
        case .all, .any, .count, .filter, .sum: true
        case .abs, .coalesce, .exists, .max, .min: false
        }
    }

    /// "abs, all, any, …" for the unknown-function message.
    static let knownNames = allCases.map(\.rawValue).sorted().joined(separator: ", ")

    /// The argument-count error text, e.g. `"any" takes 2 arguments, as in any(list, condition); got 1`.
    func arityMessage(got count: Int) -> String {
        let range = arity
        let needed: String
        if range.upperBound == Int.max {
            needed = "at least \(range.lowerBound) argument\(range.lowerBound == 1 ? "" : "s")"
        } else if range.lowerBound == range.upperBound {
            needed = "\(range.lowerBound) argument\(range.lowerBound == 1 ? "" : "s")"
        } else {
            needed = "\(range.lowerBound) or \(range.upperBound) arguments"
        }
        return #""\#(rawValue)" takes \#(needed), as in \#(usage); got \#(count)"#
    }
}
