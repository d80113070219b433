/// Readying parsed rules for being evaluated many times, once per report: names the scope
/// knows become slots (no lookup by text per evaluation), fields carry where they stand in
/// the scope's records (`field`; a guess, checked when read), and every part that depends on
/// constants alone is evaluated once and kept as its value. Both leave results, lines and
/// errors exactly as they were.
extension Expression {
    func prepared(slot: (String) -> Int?, field: (String) -> (index: Int, name: String)? = { _ in nil }, constants: some Scope) -> Expression {
        Expression(source: source, references: references, root: Self.prepare(root, slot, field, constants))
    }

    private static func prepare(_ node: SyntaxNode, _ slot: (String) -> Int?, _ field: (String) -> (index: Int, name: String)?,
                                _ constants: some Scope) -> SyntaxNode {
        if case .literal = node.kind { return node }
        // A part the constants alone decide: no report name, no `it`. Constants carry no
        // report lines, so its value explains nothing either way.
        if let folded = try? Expression(source: node.text, references: [], root: node).evaluate(in: constants),
           folded.line == nil {
            return SyntaxNode(kind: .literal(folded.value), position: node.position, text: node.text, depth: node.depth)
        }
        func recurse(_ n: SyntaxNode) -> SyntaxNode { prepare(n, slot, field, constants) }
        let kind: SyntaxKind
        switch node.kind {
        case .name(let name): kind = slot(name).map { .slot($0, name: name) } ?? node.kind
        case .list(let nodes): kind = .list(nodes.map(recurse))
        case .field(let base, let name, let path, _):
            // The name as the scope's records hold it, so reading compares one string with itself.
            let hint = field(name)
            kind = .field(recurse(base), name: hint?.name ?? name, path: path, hint: hint?.index ?? -1)
        case .call(let function, let args): kind = .call(function, args.map(recurse))
        case .negate(let operand): kind = .negate(recurse(operand))
        case .not(let operand): kind = .not(recurse(operand))
        case .and(let operands): kind = .and(operands.map(recurse))
        case .or(let operands): kind = .or(operands.map(recurse))
        case .arithmetic(let first, let chain):
            kind = .arithmetic(recurse(first), chain.map {
                ArithmeticStep(op: $0.op, operand: recurse($0.operand), position: $0.position, text: $0.text)
            })
        case .comparison(let op, let left, let right): kind = .comparison(op, recurse(left), recurse(right))
        case .literal, .element, .slot: kind = node.kind
        }
        return SyntaxNode(kind: kind, position: node.position, text: node.text, depth: node.depth)
    }
}

extension Template {
    init(source: String, parts: [Part]) {
        self.source = source
        self.parts = parts
    }

    /// Prepared placeholders; those the constants decide become text (numbers, text and
    /// true/false only: a missing value's wording depends on the language).
    func prepared(slot: (String) -> Int?, field: (String) -> (index: Int, name: String)? = { _ in nil }, constants: some Scope) -> Template {
        var parts: [Part] = []
        for part in self.parts {
            var next = part
            if case .placeholder(let expression) = part {
                let ready = expression.prepared(slot: slot, field: field, constants: constants)
                next = .placeholder(ready)
                if case .literal(let value) = ready.root.kind, let text = Self.constantText(value) {
                    next = .text(text)
                }
            }
            if case .text(let t) = next, case .text(let previous)? = parts.last {
                parts[parts.count - 1] = .text(previous + t)
            } else {
                parts.append(next)
            }
        }
        return Template(source: source, parts: parts)
    }

    private static func constantText(_ value: Value) -> String? {
        switch value {
        case .number(let n): n.formatted()
        case .string(let s): s
        case .bool(let b): b ? "true" : "false"
        case .list(let items):
            items.allSatisfy { constantText($0) != nil && !($0.isList) }
                ? items.compactMap(constantText).joined(separator: ", ") : nil
        case .record, .missing: nil
        }
    }
}

extension Value {
    fileprivate var isList: Bool {
        if case .list = self { return true }
        return false
    }
}

extension LocalizedTemplate {
    func prepared(slot: (String) -> Int?, field: (String) -> (index: Int, name: String)? = { _ in nil }, constants: some Scope) -> LocalizedTemplate {
        LocalizedTemplate(zh: zh.prepared(slot: slot, field: field, constants: constants),
                          en: en.prepared(slot: slot, field: field, constants: constants))
    }
}

extension Rule {
    /// The rule with every expression and message prepared for one kind of scope.
    func prepared(slot: (String) -> Int?, field: (String) -> (index: Int, name: String)? = { _ in nil }, constants: some Scope) -> Rule {
        func p(_ e: Expression?) -> Expression? { e?.prepared(slot: slot, field: field, constants: constants) }
        func t(_ m: LocalizedTemplate) -> LocalizedTemplate { m.prepared(slot: slot, field: field, constants: constants) }
        var rule = self
        rule.at = p(at)
        rule.applies = p(applies)
        rule.each = p(each)
        rule.filter = p(filter)
        rule.passes = passes.prepared(slot: slot, field: field, constants: constants)
        rule.measured = p(measured)
        rule.threshold = p(threshold)
        rule.evidence = evidence.map { ($0.name, $0.expression.prepared(slot: slot, field: field, constants: constants)) }
        rule.messages = Rule.Messages(pass: t(messages.pass), fail: t(messages.fail), notApplicable: t(messages.notApplicable))
        return rule
    }
}
