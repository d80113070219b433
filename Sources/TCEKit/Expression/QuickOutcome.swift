/// An outcome found on the quick path, or nothing: `Outcome?` in effect, without the runtime's
/// generic witnesses for an optional of a struct holding a `Value` (see `Lookup`).
enum QuickOutcome {
    case found(Outcome)
    case absent
}

extension Expression {
    /// The outcome, value and line, of the shapes a rule's `at`, `applies` and `passes` take —
    /// names, fields, literals, comparisons, `in`, `and`, `or`, `not`, `exists`, `abs` and
    /// arithmetic — without setting up an evaluator: ~16 a report, a fifth of a rule's cost.
    /// Fields, comparisons and and/or chains go through the evaluator's own functions, so the
    /// lines are its lines. Absent for every other shape and wherever the evaluator would throw
    /// (an unknown name, a type mismatch, an overflow) or word a missing value itself (a division
    /// by zero): the evaluator then runs and has the last word. No quantifier is read here, so
    /// the step budget, far above an expression's node count, cannot run out.
    static func quickOutcome<S: Scope>(_ node: SyntaxNode, _ scope: S) -> QuickOutcome {
        switch node.kind {
        case .literal(let value):
            return .found(Outcome(value))
        case .slot(let slot, let name):
            guard let value = scope.value(ofSlot: slot, name: name) else { return .absent }
            return .found(Outcome(value))
        case .name(let name):
            guard let value = scope.value(of: name) else { return .absent }
            return .found(Outcome(value))
        case .element:
            guard let value = scope.value(of: "it") else { return .absent }
            return .found(Outcome(value))
        case .field(let base, let name, let path, let hint):
            guard case .found(let outcome) = quickOutcome(base, scope),
                  let result = try? Evaluator<S>.field(name, path: path, hint: hint, of: outcome, at: node)
            else { return .absent }
            return .found(result)
        case .comparison(let op, let left, let right):
            guard case .found(let a) = quickOutcome(left, scope), case .found(let b) = quickOutcome(right, scope),
                  let result = try? Evaluator<S>.compare(op, a, b, at: node.position)
            else { return .absent }
            return .found(result)
        case .and(let operands), .or(let operands):
            let decisive: Bool = if case .or = node.kind { true } else { false }
            guard case .found(var result) = quickTruthValue(operands[0], scope) else { return .absent }
            for operand in operands.dropFirst() {
                if result.bool == decisive { return .found(result) }
                guard case .found(let next) = quickTruthValue(operand, scope) else { return .absent }
                result = Evaluator<S>.fold(result, next, decisive: decisive)
            }
            return .found(result)
        case .not(let operand):
            guard case .found(var outcome) = quickOutcome(operand, scope) else { return .absent }
            switch outcome.value {
            case .missing: return .found(outcome)
            case .bool(let b):
                outcome.value = .bool(!b)
                return .found(outcome)
            default: return .absent
            }
        case .call(.exists, let args) where args.count == 1:
            guard case .found(let o) = quickOutcome(args[0], scope) else { return .absent }
            return .found(Outcome(.bool(!o.value.isMissing), deciding: o.deciding, record: o.missingAt ?? o.record))
        case .call(.abs, let args) where args.count == 1:
            guard case .found(let o) = quickOutcome(args[0], scope) else { return .absent }
            switch o.value {
            case .missing: return .found(o)
            case .number(let n): return .found(Outcome(.number(n.magnitude), explainedBy: o))
            default: return .absent
            }
        case .arithmetic(let first, let chain):
            guard case .found(var result) = quickOutcome(first, scope) else { return .absent }
            for step in chain {
                guard case .found(let operand) = quickOutcome(step.operand, scope) else { return .absent }
                switch (result.value, operand.value) {
                case (.number(let a), .number(let b)):
                    guard step.op != .divide || !b.isZero else { return .absent }
                    let value: Exact
                    do throws(ArithmeticError) {
                        value = switch step.op {
                        case .add: try a.adding(b)
                        case .subtract: try a.subtracting(b)
                        case .multiply: try a.multiplied(by: b)
                        case .divide: try a.divided(by: b)
                        }
                    } catch {
                        return .absent
                    }
                    result = Outcome(.number(value), explainedBy: result, operand)
                case (.missing, .number), (.missing, .missing): result = Outcome(result.value, explainedBy: result, operand)
                case (.number, .missing): result = Outcome(operand.value, explainedBy: operand, result)
                default: return .absent
                }
            }
            return .found(result)
        default:
            return .absent
        }
    }

    /// An operand of `and`/`or`: true, false or missing, as the evaluator's `truthValue` requires.
    private static func quickTruthValue<S: Scope>(_ node: SyntaxNode, _ scope: S) -> QuickOutcome {
        let outcome = quickOutcome(node, scope)
        guard case .found(let o) = outcome else { return .absent }
        switch o.value {
        case .bool, .missing: return outcome
        default: return .absent
        }
    }
}
