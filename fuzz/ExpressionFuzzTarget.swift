// libFuzzer target: text -> Expression and Template parsers -> evaluator, against a scope
// shaped like a report's (numbers, text, records with lines, lists, missing values).
// Syntax and evaluation errors are expected answers; a crash or hang is a finding.
import Foundation

private struct FuzzScope: Scope {
    static let items: Value = .list((0..<4).map { k in
        .record(Record([
            "type": .string(["raw-coal", "electricity", "other", "natural-gas"][k]),
            "quantity": .number(try! Exact(decimal: ["2100", "0.5", "12.25", "0"][k])),
            "declaredCoefficient": k == 2 ? .number(try! Exact(decimal: "1.2143")) : .missing(path: "coefficient"),
            "exported": .bool(k == 1),
        ], line: 10 + k))
    })
    static let values: [String: Value] = [
        "totalTce": .number(try! Exact(decimal: "2321.6225")),
        "zero": .number(.zero),
        "big": .number(try! Exact(decimal: "999999999999999999999999999999")),
        "tiny": .number(try! Exact(decimal: "0.000000000000000000000000000001")),
        "name": .string("瓜州县宏运矿产有限责任公司"),
        "flag": .bool(true),
        "energy": .record(Record(["items": items, "declaredTotal": .missing(path: "energy.declaredTotal")], line: 8)),
        "management": .missing(path: "management"),
        "kinds": .list([.string("earth-kiln"), .string("lime-kiln")]),
        "tiers": .record(Record(["T1": .number(Exact(integer: 1000)), "T2": .number(Exact(integer: 3000))])),
        "it": .record(Record(["kind": .string("earth-kiln"), "count": .number(Exact(integer: 2))], line: 30)),
        "failures": .number(Exact(integer: 3)),
    ]
    func value(of name: String) -> Value? { Self.values[name] }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func expressionFuzzTarget(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let scope = FuzzScope()
    if let expression = try? Expression(text) {
        _ = expression.references
        // A small step budget keeps each run short; exceeding it is an answer, not a hang.
        _ = try? expression.evaluate(in: scope, stepLimit: 100_000)
        let constants = ConstantScope(constants: ["tiers": FuzzScope.values["tiers"]!, "kinds": FuzzScope.values["kinds"]!])
        let slot: (String) -> Int? = { $0 == "totalTce" ? 0 : nil }
        let prepared = expression.prepared(slot: slot, constants: constants)
        // Field hints are guesses, right for some fields and wrong (or out of range) for others:
        // with or without them, every result and every failure must be the same.
        let hinted = expression.prepared(slot: slot, field: { ($0.utf8.count % 5 - 1, $0) }, constants: constants)
        let plain = Result { () throws(EvaluationError) in try prepared.evaluate(in: scope, stepLimit: 100_000) }
        let withHints = Result { () throws(EvaluationError) in try hinted.evaluate(in: scope, stepLimit: 100_000) }
        switch (plain, withHints) {
        case (.success(let a), .success(let b)):
            precondition(a.value == b.value && a.line == b.line, "field hints changed a result")
        case (.failure, .failure): break
        default: preconditionFailure("field hints changed whether an expression fails")
        }
        // The quick value (evidence, messages) is the evaluator's value whenever it finds one, and
        // the quick outcome (conditions, `at`) its value and line. `evaluate(in:stepLimit:)` is the
        // evaluator alone; `evaluate(in:)` tries the quick outcome first.
        for candidate in [expression, prepared, hinted] {
            let full = Result { () throws(EvaluationError) in
                try candidate.evaluate(in: scope, stepLimit: Expression.defaultStepLimit)
            }
            if case .found(let quick) = candidate.quickValue(in: scope) {
                guard case .success(let evaluation) = full else { preconditionFailure("quick value for a failing expression") }
                precondition(evaluation.value == quick, "quick value differs from the evaluator's")
            }
            if case .found(let quick) = Expression.quickOutcome(candidate.root, scope) {
                guard case .success(let evaluation) = full else { preconditionFailure("quick outcome for a failing expression") }
                precondition(evaluation.value == quick.value && evaluation.line == quick.line,
                             "quick outcome differs from the evaluator's")
            }
        }
    }
    if let template = try? Template(text) {
        _ = template.references
        _ = try? template.render(in: scope, missing: "—")
    }
    return 0
}
