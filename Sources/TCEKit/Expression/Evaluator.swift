/// Walks a syntax tree against a scope. Pure: no side effects, no I/O, loops only over
/// finite lists, recursion bounded by the parser's depth limit, and a step budget so
/// nested quantifiers over large lists cannot run for hours.
struct Evaluator<S: Scope> {
    let scope: S
    let stepLimit: Int
    /// The value of `it` inside a quantifier, when `hasElement`: the current element of the
    /// innermost one. Not a `Value?`, which Swift copies and destroys through generic witnesses.
    private var element: Value = .bool(false)
    private var hasElement = false
    private var steps = 0

    init(scope: S, stepLimit: Int = Expression.defaultStepLimit) {
        self.scope = scope
        self.stepLimit = stepLimit
    }

    mutating func evaluate(_ node: SyntaxNode) throws(EvaluationError) -> Outcome {
        steps += 1
        if steps > stepLimit {
            throw .tooComplex(line: node.position.line, column: node.position.column)
        }
        switch node.kind {
        case .literal(let value):
            return Outcome(value)
        case .list(let nodes):
            var parts: [Outcome] = []
            for item in nodes { parts.append(try evaluate(item)) }
            return Outcome(.list(parts.map(\.value)), explainedBy: parts)
        case .name(let name):
            guard let value = scope.value(of: name) else {
                throw .unknownName(name: name, line: node.position.line, column: node.position.column)
            }
            return Outcome(value)
        case .slot(let slot, let name):
            guard let value = scope.value(ofSlot: slot, name: name) else {
                throw .unknownName(name: name, line: node.position.line, column: node.position.column)
            }
            return Outcome(value)
        case .element:
            if hasElement { return Outcome(element) }
            guard let value = scope.value(of: "it") else {
                throw .unknownName(name: "it", line: node.position.line, column: node.position.column)
            }
            return Outcome(value)
        case .field(let baseNode, let name, let path, let hint):
            return try Self.field(name, path: path, hint: hint, of: evaluate(baseNode), at: node)
        case .call(let function, let args):
            return try call(function, args, at: node)
        case .negate(let operandNode):
            let operand = try evaluate(operandNode)
            switch operand.value {
            case .missing: return operand
            case .number(let n):
                return Outcome(.number(try arithmetic(at: node.position) { () throws(ArithmeticError) in try n.negated() }),
                               explainedBy: operand)
            default:
                throw Self.mismatch(#""-" needs a number, got \#(operand.value.described)"#, at: node.position)
            }
        case .not(let operandNode):
            var operand = try evaluate(operandNode)
            switch operand.value {
            case .missing: return operand
            case .bool(let b):
                operand.value = .bool(!b)
                return operand
            default:
                throw Self.mismatch(#""not" needs true or false, got \#(operand.value.described)"#, at: operandNode.position)
            }
        case .and(let operands):
            return try logical(operands, isAnd: true)
        case .or(let operands):
            return try logical(operands, isAnd: false)
        case .arithmetic(let first, let chain):
            return try arithmetic(first, chain)
        case .comparison(let op, let left, let right):
            return try Self.compare(op, evaluate(left), evaluate(right), at: node.position)
        }
    }

    // MARK: Fields

    /// Shared with the quick path (`Expression.quickOutcome`), like `compare` and `fold`.
    static func field(_ name: String, path: String, hint: Int, of base: Outcome, at node: SyntaxNode) throws(EvaluationError) -> Outcome {
        switch base.value {
        case .missing:
            return base
        case .record(let record):
            let reached = base.record ?? record.line
            guard let value = record.value(named: name, hint: hint) else {
                return Outcome(.missing(path: path), deciding: base.deciding,
                               missingAt: record.line ?? base.missingAt ?? base.record, record: reached)
            }
            return Outcome(value, deciding: base.deciding, missingAt: record.line, record: reached)
        default:
            throw Self.mismatch(#"cannot read field "\#(name)" of \#(base.value.described); only elements have fields"#,
                                at: node.position)
        }
    }

    // MARK: Logic

    /// Kleene `and`/`or` over a flat chain, short-circuiting once the result is decided.
    private mutating func logical(_ operands: [SyntaxNode], isAnd: Bool) throws(EvaluationError) -> Outcome {
        let word = isAnd ? "and" : "or"
        // The value that decides the chain on its own: false for `and`, true for `or`.
        let decisive = !isAnd
        var result = try truthValue(operands[0], for: word)
        for node in operands.dropFirst() {
            if result.bool == decisive { return result }
            result = Self.fold(result, try truthValue(node, for: word), decisive: decisive)
        }
        return result
    }

    /// The chain's result so far with one more (true, false or missing) operand, not yet decided.
    static func fold(_ result: Outcome, _ next: Outcome, decisive: Bool) -> Outcome {
        if next.bool == decisive { return next }  // the decisive operand explains the result
        if result.bool == nil { return result }  // missing stays missing, keeping the first path
        if next.bool == nil { return next }
        return Outcome(next.value, explainedBy: result, next)
    }

    private mutating func truthValue(_ node: SyntaxNode, for word: String) throws(EvaluationError) -> Outcome {
        let outcome = try evaluate(node)
        switch outcome.value {
        case .bool, .missing: return outcome
        default:
            throw Self.mismatch(#""\#(word)" needs true or false on both sides, got \#(outcome.value.described)"#,
                                at: node.position)
        }
    }

    // MARK: Arithmetic

    private mutating func arithmetic(_ first: SyntaxNode, _ chain: [ArithmeticStep]) throws(EvaluationError) -> Outcome {
        var result = try evaluate(first)
        for step in chain {
            let operand = try evaluate(step.operand)
            guard Self.isNumberOrMissing(result.value), Self.isNumberOrMissing(operand.value) else {
                throw Self.mismatch(#""\#(step.op.rawValue)" needs numbers on both sides, got \#(result.value.described) and \#(operand.value.described)"#,
                                    at: step.position)
            }
            guard case .number(let a) = result.value else {
                result = Outcome(result.value, explainedBy: result, operand)
                continue
            }
            guard case .number(let b) = operand.value else {
                result = Outcome(operand.value, explainedBy: operand, result)
                continue
            }
            if step.op == .divide, b.isZero {
                result = Outcome(.missing(path: "\(step.text) (division by zero)"), explainedBy: result, operand)
                continue
            }
            let value = try arithmetic(at: step.position) { () throws(ArithmeticError) in
                switch step.op {
                case .add: try a.adding(b)
                case .subtract: try a.subtracting(b)
                case .multiply: try a.multiplied(by: b)
                case .divide: try a.divided(by: b)
                }
            }
            result = Outcome(.number(value), explainedBy: result, operand)
        }
        return result
    }

    /// Runs exact arithmetic, reporting overflow at `position`.
    private func arithmetic(at position: SourcePosition,
                            _ body: () throws(ArithmeticError) -> Exact) throws(EvaluationError) -> Exact {
        do throws(ArithmeticError) {
            return try body()
        } catch {
            throw .arithmetic(error, line: position.line, column: position.column)
        }
    }

    // MARK: Comparison

    static func compare(_ op: ComparisonOperator, _ left: Outcome, _ right: Outcome,
                         at position: SourcePosition) throws(EvaluationError) -> Outcome {
        switch op {
        case .in, .notIn:
            return try Self.membership(left, in: right, negated: op == .notIn, at: position)
        case .equal, .notEqual:
            if let missing = Self.firstMissing(left, right) { return missing }
            let same = try Self.equal(left.value, right.value, at: position)
            return Outcome(.bool(same == (op == .equal)), explainedBy: left, right)
        case .less, .lessEqual, .greater, .greaterEqual:
            guard Self.isNumberOrMissing(left.value), Self.isNumberOrMissing(right.value) else {
                var message = "cannot compare \(left.value.described) with \(right.value.described)"
                if case .string = left.value, case .string = right.value {
                    message += #" using "\#(op.rawValue)"; only numbers can be ordered"#
                }
                throw Self.mismatch(message, at: position)
            }
            if let missing = Self.firstMissing(left, right) { return missing }
            guard case .number(let a) = left.value, case .number(let b) = right.value else {
                preconditionFailure("checked above")
            }
            let c = Exact.compare(a, b)
            let result = switch op {
            case .less: c < 0
            case .lessEqual: c <= 0
            case .greater: c > 0
            default: c >= 0
            }
            return Outcome(.bool(result), explainedBy: left, right)
        }
    }

    /// `x in list` in Kleene logic: true if some element equals x, else missing if some
    /// element is missing, else false.
    private static func membership(_ left: Outcome, in right: Outcome, negated: Bool,
                            at position: SourcePosition) throws(EvaluationError) -> Outcome {
        let items: [Value]
        switch right.value {
        case .list(let list): items = list
        case .missing: items = []
        default:
            throw .notAList(message: #""\#(negated ? "not in" : "in")" needs a list on the right, got \#(right.value.described)"#,
                            line: position.line, column: position.column)
        }
        if let missing = Self.firstMissing(left, right) { return missing }
        var found: Value = .bool(false)
        for item in items {
            if item.isMissing {
                if !found.isMissing { found = item }
            } else if try Self.equal(left.value, item, at: position) {
                found = .bool(true)
                break
            }
        }
        if negated, case .bool(let b) = found { found = .bool(!b) }
        return Outcome(found, explainedBy: left, right)
    }

    private static func equal(_ a: Value, _ b: Value, at position: SourcePosition) throws(EvaluationError) -> Bool {
        switch (a, b) {
        case (.number(let x), .number(let y)): return Exact.compare(x, y) == 0
        case (.string(let x), .string(let y)): return x == y
        case (.bool(let x), .bool(let y)): return x == y
        default: throw Self.mismatch("cannot compare \(a.described) with \(b.described)", at: position)
        }
    }

    /// The first missing operand, explained first; nil when both have values.
    private static func firstMissing(_ left: Outcome, _ right: Outcome) -> Outcome? {
        if left.value.isMissing { return Outcome(left.value, explainedBy: left, right) }
        if right.value.isMissing { return Outcome(right.value, explainedBy: right, left) }
        return nil
    }

    private static func isNumberOrMissing(_ v: Value) -> Bool {
        switch v {
        case .number, .missing: true
        default: false
        }
    }

    // MARK: Functions

    private mutating func call(_ function: BuiltinFunction, _ args: [SyntaxNode], at node: SyntaxNode) throws(EvaluationError) -> Outcome {
        switch function {
        case .count where args.count == 1:
            // count(filter(list, condition)) counts without building the filtered list;
            // outcome and errors are those of the two calls.
            if case .call(.filter, let inner) = args[0].kind, inner.count == 2 {
                let filtered = try filterCount(inner)
                guard case .number = filtered.value else { return filtered }
                return Outcome(filtered.value, explainedBy: filtered)
            }
            fallthrough
        case .any, .all, .count, .filter, .sum:
            let list = try evaluate(args[0])
            let items: [Value]
            switch list.value {
            case .missing: return list
            case .list(let values): items = values
            default:
                throw .notAList(message: #""\#(function.rawValue)" needs a list as its first argument, got \#(list.value.described)"#,
                                line: args[0].position.line, column: args[0].position.column)
            }
            if args.count == 1 {
                return Outcome(.number(Exact(integer: items.count)), explainedBy: list)
            }
            if function == .sum { return try sum(items, args[1], list: list, at: node) }
            return try quantify(function, items, args[1], list: list)
        case .exists:
            let operand = try evaluate(args[0])
            return Outcome(.bool(!operand.value.isMissing), deciding: operand.deciding,
                           record: operand.missingAt ?? operand.record)
        case .abs:
            let operand = try evaluate(args[0])
            switch operand.value {
            case .missing: return operand
            case .number(let n): return Outcome(.number(n.magnitude), explainedBy: operand)
            default: throw Self.mismatch(#""abs" needs a number, got \#(operand.value.described)"#, at: args[0].position)
            }
        case .min, .max:
            return try extreme(function, args, at: node)
        case .coalesce:
            var last = Outcome(.missing(path: node.text))
            for arg in args {
                last = try evaluate(arg)
                if !last.value.isMissing { return last }
            }
            return last
        }
    }

    /// The condition of any/all/count/filter for one element, with `it` bound to it.
    private mutating func condition(_ node: SyntaxNode, for item: Value, of function: BuiltinFunction) throws(EvaluationError) -> Outcome {
        let result = try evaluateBound(node, to: item)
        switch result.value {
        case .bool, .missing: return result
        default:
            throw Self.mismatch(#"the condition of "\#(function.rawValue)" must be true or false, got \#(result.value.described)"#,
                                at: node.position)
        }
    }

    private mutating func evaluateBound(_ node: SyntaxNode, to item: Value) throws(EvaluationError) -> Outcome {
        let outer = element, hadElement = hasElement
        element = item
        hasElement = true
        defer {
            element = outer
            hasElement = hadElement
        }
        return try evaluate(node)
    }

    /// `filter(list, condition)` with the kept elements counted instead of collected.
    private mutating func filterCount(_ args: [SyntaxNode]) throws(EvaluationError) -> Outcome {
        let list = try evaluate(args[0])
        switch list.value {
        case .missing: return list
        case .list(let items): return try quantify(.filter, items, args[1], list: list, countOnly: true)
        default:
            throw .notAList(message: #""filter" needs a list as its first argument, got \#(list.value.described)"#,
                            line: args[0].position.line, column: args[0].position.column)
        }
    }

    private mutating func quantify(_ function: BuiltinFunction, _ items: [Value], _ conditionNode: SyntaxNode,
                                   list: Outcome, countOnly: Bool = false) throws(EvaluationError) -> Outcome {
        var firstMissing: Outcome?
        var kept: [Value] = []
        var keptCount = 0
        var firstKept: Int?
        for item in items {
            // Plain conditions on fields of `it` are decided without building outcomes; their
            // explaining line is the element's, which the cases below prefer anyway.
            // (Elements without a line take the condition's line, so there it may read nothing else.)
            var quickSteps = steps
            if Self.line(of: item) != nil || Self.readsOnlyElement(conditionNode),
               let decided = Self.quickTruth(conditionNode, element: item, scope: scope, steps: &quickSteps, limit: stepLimit) {
                steps = quickSteps
                switch (function, decided) {
                case (.any, true), (.all, false):
                    return Outcome(.bool(decided), deciding: Self.line(of: item), record: list.record)
                case (.count, true), (.filter, true):
                    if keptCount == 0 { firstKept = Self.line(of: item) }
                    keptCount += 1
                    if function == .filter && !countOnly { kept.append(item) }
                default:
                    break
                }
                continue
            }
            let result = try condition(conditionNode, for: item, of: function)
            switch (function, result.bool) {
            case (.any, true?), (.all, false?):
                return Outcome(result.value, deciding: Self.line(of: item) ?? result.line, record: list.record)
            case (.count, true?), (.filter, true?):
                if keptCount == 0 { firstKept = Self.line(of: item) ?? result.line }
                keptCount += 1
                if function == .filter && !countOnly { kept.append(item) }
            case (_, nil):
                if firstMissing == nil {
                    firstMissing = Outcome(result.value, deciding: result.deciding,
                                           missingAt: result.missingAt ?? Self.line(of: item), record: list.record)
                }
            default:
                continue
            }
        }
        switch function {
        case .count: return Outcome(.number(Exact(integer: keptCount)), deciding: firstKept, record: list.record)
        case .filter where countOnly: return Outcome(.number(Exact(integer: keptCount)), deciding: firstKept, record: list.record)
        case .filter: return Outcome(.list(kept), deciding: firstKept, record: list.record)
        default: return firstMissing ?? Outcome(.bool(function == .all), record: list.record)
        }
    }

    private mutating func sum(_ items: [Value], _ termNode: SyntaxNode, list: Outcome,
                              at node: SyntaxNode) throws(EvaluationError) -> Outcome {
        var total = Exact.zero
        for item in items {
            let term = try evaluateBound(termNode, to: item)
            switch term.value {
            case .number(let n):
                total = try arithmetic(at: node.position) { () throws(ArithmeticError) in try total.adding(n) }
            case .missing:
                return Outcome(term.value, deciding: term.deciding,
                               missingAt: term.missingAt ?? Self.line(of: item), record: list.record)
            default:
                throw Self.mismatch(#""sum" needs a number for each element, got \#(term.value.described)"#,
                                    at: termNode.position)
            }
        }
        return Outcome(.number(total), explainedBy: list)
    }

    /// min/max of several numbers, or of the numbers in a single list argument.
    private mutating func extreme(_ function: BuiltinFunction, _ args: [SyntaxNode], at node: SyntaxNode) throws(EvaluationError) -> Outcome {
        var parts: [Outcome] = []
        var candidates: [(value: Value, position: SourcePosition)] = []
        for arg in args {
            let outcome = try evaluate(arg)
            parts.append(outcome)
            if args.count == 1, case .list(let items) = outcome.value {
                candidates = items.map { ($0, arg.position) }
            } else {
                candidates.append((outcome.value, arg.position))
            }
        }
        var best: Exact?
        var missing: Value?
        for (value, position) in candidates {
            switch value {
            case .number(let n):
                if let current = best {
                    best = (function == .min) == (n < current) ? n : current
                } else {
                    best = n
                }
            case .missing:
                if missing == nil { missing = value }
            default:
                throw Self.mismatch(#""\#(function.rawValue)" needs numbers, got \#(value.described)"#, at: position)
            }
        }
        if let missing {
            let explaining = parts.first { $0.value.isMissing }.map { [$0] } ?? []
            return Outcome(missing, explainedBy: explaining + parts)
        }
        guard let best else {
            return Outcome(.missing(path: "\(node.text) (empty list)"), explainedBy: parts)
        }
        return Outcome(.number(best), explainedBy: parts)
    }

    // MARK: Quick conditions

    /// The truth of a condition in the commonest shapes — `exists(it.f)`, `it.f == x`,
    /// `it.f != x`, `it.f in list`, `not`, `and`, `or` over them, with literals, names and
    /// fields — computed directly, counting the steps the evaluator would count. nil whenever
    /// the full evaluator is needed: a missing or non-boolean result, a type mismatch, any
    /// other shape, or a step budget that would run out.
    static func quickTruth(_ node: SyntaxNode, element: Value?, scope: S, steps: inout Int, limit: Int) -> Bool? {
        quickTruth(node, element: Lookup(element), scope: scope, steps: &steps, limit: limit)
    }

    private static func quickTruth(_ node: SyntaxNode, element: Lookup, scope: S, steps: inout Int, limit: Int) -> Bool? {
        steps += 1
        guard steps <= limit else { return nil }
        switch node.kind {
        case .literal(.bool(let b)):
            return b
        case .call(.exists, let args) where args.count == 1:
            guard case .found(let value) = quickValue(args[0], element: element, scope: scope, steps: &steps, limit: limit)
            else { return nil }
            return !value.isMissing
        case .comparison(let op, let left, let right):
            guard case .found(let a) = quickValue(left, element: element, scope: scope, steps: &steps, limit: limit),
                  case .found(let b) = quickValue(right, element: element, scope: scope, steps: &steps, limit: limit),
                  !a.isMissing, !b.isMissing else { return nil }
            switch op {
            case .equal, .notEqual:
                return quickEqual(a, b).map { $0 == (op == .equal) }
            case .in, .notIn:
                guard case .list(let items) = b else { return nil }
                var found = false
                for item in items {
                    guard !item.isMissing, let same = quickEqual(a, item) else { return nil }
                    if same { found = true; break }
                }
                return found == (op == .in)
            default:
                return nil
            }
        case .not(let operand):
            return quickTruth(operand, element: element, scope: scope, steps: &steps, limit: limit).map(!)
        case .and(let operands), .or(let operands):
            let isAnd: Bool = if case .and = node.kind { true } else { false }
            for operand in operands {
                guard let b = quickTruth(operand, element: element, scope: scope, steps: &steps, limit: limit) else { return nil }
                if b != isAnd { return b }  // false decides an and, true an or
            }
            return isAnd
        case .element, .field, .slot, .name:
            steps -= 1  // quickValue counts this node itself
            guard case .found(.bool(let b)) = quickValue(node, element: element, scope: scope, steps: &steps, limit: limit)
            else { return nil }
            return b
        default:
            return nil
        }
    }

    private static func quickValue(_ node: SyntaxNode, element: Lookup, scope: S, steps: inout Int, limit: Int) -> Lookup {
        steps += 1
        guard steps <= limit else { return .absent }
        switch node.kind {
        case .literal(let value): return .found(value)
        case .element:
            if case .found = element { return element }
            return Lookup(scope.value(of: "it"))
        case .slot(let slot, let name): return Lookup(scope.value(ofSlot: slot, name: name))
        case .name(let name): return Lookup(scope.value(of: name))
        case .field(let base, let name, let path, let hint):
            // `it.name`, the commonest field, read from the element in place.
            if case .element = base.kind, case .found = element {
                steps += 1
                guard steps <= limit else { return .absent }
                return element.field(name, hint: hint, orMissing: path)
            }
            return quickValue(base, element: element, scope: scope, steps: &steps, limit: limit)
                .field(name, hint: hint, orMissing: path)
        default: return .absent
        }
    }

    /// True when `node` reads nothing from the scope but `it`: its line can only be the element's.
    static func readsOnlyElement(_ node: SyntaxNode) -> Bool {
        switch node.kind {
        case .literal, .element: return true
        case .name, .slot: return false
        case .list(let nodes), .and(let nodes), .or(let nodes), .call(_, let nodes):
            for n in nodes where !readsOnlyElement(n) { return false }
            return true
        case .field(let base, _, _, _): return readsOnlyElement(base)
        case .negate(let x), .not(let x): return readsOnlyElement(x)
        case .arithmetic(let first, let chain):
            for step in chain where !readsOnlyElement(step.operand) { return false }
            return readsOnlyElement(first)
        case .comparison(_, let l, let r): return readsOnlyElement(l) && readsOnlyElement(r)
        }
    }

    /// Equality as the evaluator's `equal`, nil where it would throw.
    private static func quickEqual(_ a: Value, _ b: Value) -> Bool? {
        switch (a, b) {
        case (.number(let x), .number(let y)): Exact.compare(x, y) == 0
        case (.string(let x), .string(let y)): x == y
        case (.bool(let x), .bool(let y)): x == y
        default: nil
        }
    }

    // MARK: Helpers

    private static func line(of item: Value) -> Int? {
        if case .record(let record) = item { return record.line }
        return nil
    }

    static func mismatch(_ message: String, at position: SourcePosition) -> EvaluationError {
        .typeMismatch(message: message, line: position.line, column: position.column)
    }
}
