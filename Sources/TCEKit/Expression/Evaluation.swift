/// The result of evaluating an expression, with the report line that best explains it,
/// so a finding can point at the element that decided it.
public struct Evaluation: Sendable, Equatable {
    public let value: Value
    /// The line of the deciding element of any/all/count/filter; else, for a missing
    /// result, of the deepest record reached on the missing path; else of the first record
    /// reached by a field access; else nil.
    public let line: Int?

    public init(value: Value, line: Int?) {
        self.value = value
        self.line = line
    }
}
