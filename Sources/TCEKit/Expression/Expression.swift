/// A rule condition or computed value, parsed once when the rule is loaded (so mistakes
/// surface before any report is checked) and evaluated per report. The language is small
/// and safe: exact numbers, no loops except over finite lists, no side effects, no I/O.
public struct Expression: Sendable {
    /// Longest expression accepted, so hostile rules cannot make parsing expensive.
    public static let maximumLength = 10_000

    /// Node evaluations allowed per evaluation, so nested quantifiers over huge lists
    /// fail with `EvaluationError.tooComplex` instead of running for hours.
    static let defaultStepLimit = 10_000_000

    /// The parts, held by reference: rules hand expressions around by value for every
    /// report, and copying one reference costs less than copying three.
    private let storage: Storage

    private final class Storage: Sendable {
        let source: String
        let references: [NameReference]
        let root: SyntaxNode

        init(source: String, references: [NameReference], root: SyntaxNode) {
            self.source = source
            self.references = references
            self.root = root
        }
    }

    public var source: String { storage.source }
    /// Every top-level name the expression reads from its scope, in source order: not
    /// function names, and not `it` inside a quantifier's condition (there it is the list
    /// element). An `it` outside any quantifier is read from the scope, so it is listed.
    public var references: [NameReference] { storage.references }
    var root: SyntaxNode { storage.root }

    /// An expression from parts already parsed (rule preparation rewrites trees).
    init(source: String, references: [NameReference], root: SyntaxNode) {
        storage = Storage(source: source, references: references, root: root)
    }

    public init(_ source: String) throws(ExpressionSyntaxError) {
        try self.init(source: source, origin: .start)
    }

    /// Parses `source` whose first character stands at `origin`, so errors inside a
    /// template placeholder point into the whole template.
    init(source: String, origin: SourcePosition) throws(ExpressionSyntaxError) {
        let text = SourceText(source)
        guard text.count <= Expression.maximumLength else {
            throw ExpressionSyntaxError(
                "expression is too long (\(text.count) characters; at most \(Expression.maximumLength))", at: origin)
        }
        let parsed = try Parser.parse(text, origin: origin)
        storage = Storage(source: source, references: parsed.references, root: parsed.root)
    }

    /// Evaluates against `scope`. Missing data gives a `.missing` value, never an error;
    /// errors are rule mistakes (unknown name, wrong kind of value) or overflow.
    public func evaluate(in scope: some Scope) throws(EvaluationError) -> Evaluation {
        try evaluate(in: scope, stepLimit: Expression.defaultStepLimit)
    }

    /// The value alone, for the commonest shapes (a literal, a name, fields of a name) without
    /// setting up an evaluator: what evidence, measured values and message placeholders need,
    /// once per finding. nil when the expression needs the evaluator — including every case
    /// that would be an error, so errors are always the evaluator's.
    func quickValue(in scope: some Scope) -> Lookup {
        Self.quickValue(root, scope)
    }

    private static func quickValue(_ node: SyntaxNode, _ scope: some Scope) -> Lookup {
        switch node.kind {
        case .literal(let value): return .found(value)
        case .slot(let slot, let name): return Lookup(scope.value(ofSlot: slot, name: name))
        case .name(let name): return Lookup(scope.value(of: name))
        case .field(let base, let name, let path, let hint):
            return quickValue(base, scope).field(name, hint: hint, orMissing: path)
        default: return .absent
        }
    }

    /// Evaluates with a custom step budget (tests use a small one).
    func evaluate(in scope: some Scope, stepLimit: Int) throws(EvaluationError) -> Evaluation {
        var evaluator = Evaluator(scope: scope, stepLimit: stepLimit)
        let outcome = try evaluator.evaluate(root)
        return Evaluation(value: outcome.value, line: outcome.line)
    }
}
