/// An expression that cannot be evaluated against this report: a rule mistake (unknown
/// name, wrong kind of value) or a number beyond exact arithmetic. Missing data is never
/// an error; it evaluates to `.missing`. Positions are within the expression (or template).
public enum EvaluationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A name the scope does not know.
    case unknownName(name: String, line: Int, column: Int)
    /// An operator or function got a kind of value it cannot use.
    case typeMismatch(message: String, line: Int, column: Int)
    /// A function or `in` needed a list and got something else.
    case notAList(message: String, line: Int, column: Int)
    /// A result too large to compute exactly.
    case arithmetic(ArithmeticError, line: Int, column: Int)
    /// Evaluation would take too many steps (e.g. nested any/all over huge lists).
    case tooComplex(line: Int, column: Int)

    public var message: String {
        switch self {
        case .unknownName(let name, _, _): #"unknown name "\#(name)""#
        case .typeMismatch(let message, _, _), .notAList(let message, _, _): message
        case .arithmetic(let error, _, _): error.description
        case .tooComplex: "the expression needs too many steps to evaluate; simplify it"
        }
    }

    public var line: Int {
        switch self {
        case .unknownName(_, let line, _), .typeMismatch(_, let line, _), .notAList(_, let line, _),
             .arithmetic(_, let line, _), .tooComplex(let line, _): line
        }
    }

    public var column: Int {
        switch self {
        case .unknownName(_, _, let column), .typeMismatch(_, _, let column), .notAList(_, _, let column),
             .arithmetic(_, _, let column), .tooComplex(_, let column): column
        }
    }

    public var description: String { "\(message) at \(line):\(column)" }
}
