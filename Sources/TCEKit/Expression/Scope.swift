/// Where an expression's names come from (facts, report fields, constants). The engine
/// decides what exists; the expression language only asks.
public protocol Scope {
    /// The value of `name`, `.missing` when it is known but not reported, or nil when the
    /// name is unknown (evaluation then fails with `EvaluationError.unknownName`).
    func value(of name: String) -> Value?

    /// The value of a name resolved ahead of time to `slot`; nil as for `value(of:)`.
    /// Scopes that resolve names override it; the default looks the name up.
    func value(ofSlot slot: Int, name: String) -> Value?
}

extension Scope {
    public func value(ofSlot slot: Int, name: String) -> Value? {
        value(of: name)
    }
}
