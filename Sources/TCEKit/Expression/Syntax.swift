/// One node of a parsed expression. Carries its position so evaluation errors can point
/// at the operator or name involved, its source text so a division by zero can say which
/// division, and its depth so the parser can refuse trees that would exhaust the stack.
struct SyntaxNode: Sendable {
    let kind: SyntaxKind
    let position: SourcePosition
    let text: String
    let depth: Int
}

/// The shapes of an expression. Same-precedence chains (`a and b and c`, `a + b - c`) are
/// flat lists, so a long chain is evaluated by a loop rather than by deep recursion.
indirect enum SyntaxKind: Sendable {
    /// A number, text, true or false written in the expression.
    case literal(Value)
    case list([SyntaxNode])
    /// A name resolved through the `Scope`.
    case name(String)
    /// A name the scope resolved ahead of time to `slot` (`Expression.prepared`), read
    /// with `Scope.value(ofSlot:name:)`.
    case slot(Int, name: String)
    /// `it`: the current element inside the condition of any, all, count, sum or filter;
    /// elsewhere the scope's `it` (the engine binds it for rules that run per element).
    case element
    /// `base.name`; `path` is the dotted text used when the field is missing. `hint` is where
    /// the field usually stands in its record (`Record.value(named:hint:)`), -1 when unknown:
    /// set when the rule is prepared for a kind of scope.
    case field(SyntaxNode, name: String, path: String, hint: Int)
    case call(BuiltinFunction, [SyntaxNode])
    case negate(SyntaxNode)
    case not(SyntaxNode)
    case and([SyntaxNode])
    case or([SyntaxNode])
    case arithmetic(SyntaxNode, [ArithmeticStep])
    case comparison(ComparisonOperator, SyntaxNode, SyntaxNode)
}

/// One `+ x`, `- x`, `* x` or `/ x` of an arithmetic chain, applied left to right.
struct ArithmeticStep: Sendable {
    let op: ArithmeticOperator
    let operand: SyntaxNode
    /// Where the operator stands, for overflow and type errors.
    let position: SourcePosition
    /// Source text from the chain's start through this operand: what a division by zero names.
    let text: String
}

enum ArithmeticOperator: String, Sendable {
    case add = "+", subtract = "-", multiply = "*", divide = "/"
}

enum ComparisonOperator: String, Sendable {
    case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
    case `in` = "in", notIn = "not in"
}
