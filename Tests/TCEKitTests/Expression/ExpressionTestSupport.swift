import Testing
@testable import TCEKit

/// A scope backed by a dictionary: names absent from it are unknown.
struct DictionaryScope: Scope {
    var values: [String: Value]

    init(_ values: [String: Value] = [:]) {
        self.values = values
    }

    func value(of name: String) -> Value? { values[name] }
}

/// A number from decimal text; a leading "-" makes it negative.
func num(_ text: String) -> Value {
    let negative = text.hasPrefix("-")
    let exact = try! Exact(decimal: negative ? String(text.dropFirst()) : text)
    return .number(negative ? try! exact.negated() : exact)
}

func record(line: Int? = nil, _ fields: [String: Value]) -> Value {
    .record(Record(fields, line: line))
}

/// The evaluator's evaluation. `evaluate(in:)` tries `Expression.quickOutcome` first: every
/// expression a test evaluates is also checked to come out the same that way.
func evaluated(_ source: String, _ values: [String: Value] = [:]) throws -> Evaluation {
    let expression = try Expression(source), scope = DictionaryScope(values)
    let evaluation = try expression.evaluate(in: scope, stepLimit: Expression.defaultStepLimit)
    let quickFirst = try expression.evaluate(in: scope)
    #expect(quickFirst == evaluation, "\(source): the quick outcome differs from the evaluator's")
    return evaluation
}

func valueOf(_ source: String, _ values: [String: Value] = [:]) throws -> Value {
    try evaluated(source, values).value
}

/// The syntax error `source` produces, or nil when it parses.
func syntaxErrorOf(_ source: String) -> ExpressionSyntaxError? {
    do {
        _ = try Expression(source)
        return nil
    } catch {
        return error
    }
}

/// The evaluation error `source` produces (it must parse), or nil when it evaluates.
func evaluationErrorOf(_ source: String, _ values: [String: Value] = [:]) throws -> EvaluationError? {
    let expression = try Expression(source)
    let quickFirst = Result { () throws(EvaluationError) in try expression.evaluate(in: DictionaryScope(values)) }
    do {
        _ = try expression.evaluate(in: DictionaryScope(values), stepLimit: Expression.defaultStepLimit)
        return nil
    } catch {
        if case .success = quickFirst { Issue.record("\(source): a quick outcome where the evaluator fails") }
        return error
    }
}

/// The parse tree as nested prefix notation, to check precedence and grouping.
func tree(_ source: String) throws -> String {
    tree(of: try Expression(source).root)
}

func tree(of node: SyntaxNode) -> String {
    switch node.kind {
    case .literal(.number(let n)): return n.formatted()
    case .literal(.string(let s)): return "'\(s)'"
    case .literal(.bool(let b)): return b ? "true" : "false"
    case .literal: return "?"
    case .list(let items): return "[" + items.map(tree(of:)).joined(separator: " ") + "]"
    case .name(let name): return name
    case .slot(let slot, let name): return "\(name)#\(slot)"
    case .element: return "it"
    case .field(let base, let name, _, _): return "\(tree(of: base)).\(name)"
    case .call(let function, let args):
        return "\(function.rawValue)(" + args.map(tree(of:)).joined(separator: " ") + ")"
    case .negate(let operand): return "(neg \(tree(of: operand)))"
    case .not(let operand): return "(not \(tree(of: operand)))"
    case .and(let operands): return "(and " + operands.map(tree(of:)).joined(separator: " ") + ")"
    case .or(let operands): return "(or " + operands.map(tree(of:)).joined(separator: " ") + ")"
    case .arithmetic(let first, let steps):
        return steps.reduce(tree(of: first)) { "(\($1.op.rawValue) \($0) \(tree(of: $1.operand)))" }
    case .comparison(let op, let left, let right):
        return "(\(op.rawValue) \(tree(of: left)) \(tree(of: right)))"
    }
}
