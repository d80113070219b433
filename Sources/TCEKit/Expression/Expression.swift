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
    /// The commonest shapes take the quick path (`quickOutcome`), with the same value and line.
    public func evaluate(in scope: some Scope) throws(EvaluationError) -> Evaluation {
        if case .found(let outcome) = Self.quickOutcome(root, scope) {
            return Evaluation(value: outcome.value, line: outcome.line)
        }
        return try evaluate(in: scope, stepLimit: Expression.defaultStepLimit)
    }

    /// The value alone, for the commonest shapes (a literal, a name or `it`, fields of one, arithmetic
    /// and `abs` on numbers, `coalesce`, `count` of a list and of `filter(list, condition)` with a
    /// plain condition) without setting up an evaluator: what evidence, measured values and message
    /// placeholders need, once per finding. Absent when the expression needs the evaluator —
    /// a missing or non-number operand, a division by zero, an overflow, a condition the quick
    /// one cannot decide, a step budget that would run out — so every missing value and every
    /// error is the evaluator's, and every value found is the one it would give.
    func quickValue(in scope: some Scope) -> Lookup {
        Self.quickValue(root, scope)
    }

    /// The value alone (no line): the quick one when there is one, else the evaluator's, whose
    /// errors are thrown.
    func value(in scope: some Scope) throws(EvaluationError) -> Value {
        if case .found(let quick) = quickValue(in: scope) { return quick }
        return try evaluate(in: scope).value
    }

    private static func quickValue<S: Scope>(_ node: SyntaxNode, _ scope: S) -> Lookup {
        switch node.kind {
        case .literal(let value): return .found(value)
        case .slot(let slot, let name): return Lookup(scope.value(ofSlot: slot, name: name))
        case .name(let name): return Lookup(scope.value(of: name))
        case .element: return Lookup(scope.value(of: "it"))
        case .field(let base, let name, let path, let hint):
            return quickValue(base, scope).field(name, hint: hint, orMissing: path)
        case .arithmetic(let first, let chain):
            guard case .found(.number(var total)) = quickValue(first, scope) else { return .absent }
            for step in chain {
                guard case .found(.number(let n)) = quickValue(step.operand, scope) else { return .absent }
                do throws(ArithmeticError) {
                    switch step.op {
                    case .add: total = try total.adding(n)
                    case .subtract: total = try total.subtracting(n)
                    case .multiply: total = try total.multiplied(by: n)
                    case .divide:
                        guard !n.isZero else { return .absent }  // missing, in the evaluator's words
                        total = try total.divided(by: n)
                    }
                } catch {
                    return .absent
                }
            }
            return .found(.number(total))
        case .call(.abs, let args) where args.count == 1:
            guard case .found(.number(let n)) = quickValue(args[0], scope) else { return .absent }
            return .found(.number(n.magnitude))
        case .call(.coalesce, let args):
            // The first argument with a value, else the last one's missing value.
            var last: Lookup = .absent
            for arg in args {
                last = quickValue(arg, scope)
                guard case .found(let value) = last else { return .absent }
                if !value.isMissing { return last }
            }
            return last
        case .call(.count, let args) where args.count == 1:
            if case .call(.filter, let inner) = args[0].kind, inner.count == 2 {
                return quickFilterCount(inner[0], inner[1], scope)
            }
            guard case .found(.list(let items)) = quickValue(args[0], scope) else { return .absent }
            return .found(.number(Exact(integer: items.count)))
        default: return .absent
        }
    }

    /// `count(filter(list, condition))` when the quick conditions decide every element, counting
    /// at least the steps the evaluator would count (the `count` node, every node of the list's
    /// expression, each condition), so it never decides where the evaluator's budget runs out.
    private static func quickFilterCount<S: Scope>(_ listNode: SyntaxNode, _ condition: SyntaxNode, _ scope: S) -> Lookup {
        guard case .found(.list(let items)) = quickValue(listNode, scope) else { return .absent }
        var steps = 1 + nodeCount(listNode)
        var count = 0
        for item in items {
            guard let kept = Evaluator<S>.quickTruth(condition, element: item, scope: scope, steps: &steps,
                                                     limit: defaultStepLimit) else { return .absent }
            if kept { count += 1 }
        }
        return .found(.number(Exact(integer: count)))
    }

    /// All nodes of a list expression `quickValue` reads: no fewer than the evaluator visits.
    private static func nodeCount(_ node: SyntaxNode) -> Int {
        switch node.kind {
        case .field(let base, _, _, _): 1 + nodeCount(base)
        case .call(_, let args), .list(let args): args.reduce(1) { $0 + nodeCount($1) }
        default: 1
        }
    }

    /// Evaluates with a custom step budget (tests use a small one).
    func evaluate(in scope: some Scope, stepLimit: Int) throws(EvaluationError) -> Evaluation {
        var evaluator = Evaluator(scope: scope, stepLimit: stepLimit)
        let outcome = try evaluator.evaluate(root)
        return Evaluation(value: outcome.value, line: outcome.line)
    }
}
