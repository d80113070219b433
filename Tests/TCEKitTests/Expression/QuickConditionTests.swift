import Testing
@testable import TCEKit

/// The evaluator decides plain conditions on `it` without building outcomes (quantifiers,
/// `each` rules). Whenever it does, the answer must be the full evaluator's.
@Suite struct QuickConditionTests {
    static let element = record(line: 7, [
        "kind": .string("earth-kiln"), "status": .string("operating"), "count": num("2"),
        "flag": .bool(true), "gone": .missing(path: "x.gone"),
    ])
    static let scope = DictionaryScope([
        "kinds": .list([.string("earth-kiln"), .string("lime-kiln")]),
        "withMissing": .list([.missing(path: "m"), .string("earth-kiln")]),
        "it": element,
        "limit": num("3"),
    ])

    static let conditions = [
        "exists(it.kind)", "exists(it.gone)", "exists(it.nothing)", "it.kind == 'earth-kiln'", "it.kind != 'earth-kiln'",
        "it.count == 2", "it.count == 2.0", "it.count == '2'", "it.flag", "not it.flag", "it.kind in kinds",
        "it.kind not in kinds", "it.kind in withMissing", "it.gone == 'x'", "it.flag and it.kind in kinds",
        "it.kind == 'x' and it.gone", "it.flag or it.gone", "it.gone or it.flag", "it.kind", "it.count in kinds",
        "true", "false and it.nothing.deeper", "it.count < limit", "it.kind.deeper == 1", "limit == 3",
    ]

    @Test(arguments: conditions)
    func quickAnswerIsTheEvaluatorsAnswer(_ source: String) throws {
        let expression = try Expression(source)
        var steps = 0
        let quick = Evaluator<DictionaryScope>.quickTruth(expression.root, element: Self.element, scope: Self.scope,
                                                          steps: &steps, limit: 1000)
        let full = Result { () throws(EvaluationError) in try expression.evaluate(in: Self.scope, stepLimit: Expression.defaultStepLimit).value }
        if let quick {
            #expect(try full.get() == .bool(quick), "\(source)")
        }
    }

    /// `it.name` is read from the element in place, counting the two steps (the field, `it`)
    /// the evaluator counts, so a step budget runs out at the same point on either path.
    @Test func aQuickFieldOfItCountsTheEvaluatorsSteps() throws {
        let flag = try Expression("it.flag")
        var steps = 0
        #expect(Evaluator<DictionaryScope>.quickTruth(flag.root, element: Self.element, scope: Self.scope,
                                                      steps: &steps, limit: 2) == true)
        #expect(steps == 2)
        steps = 0
        #expect(Evaluator<DictionaryScope>.quickTruth(flag.root, element: Self.element, scope: Self.scope,
                                                      steps: &steps, limit: 1) == nil)
        #expect(try flag.evaluate(in: Self.scope, stepLimit: 2).value == .bool(true))
        #expect(throws: EvaluationError.self) { try flag.evaluate(in: Self.scope, stepLimit: 1) }
        // A missing element's field is missing, on both paths.
        var missingSteps = 0
        let gone = Value.missing(path: "units")
        #expect(Evaluator<DictionaryScope>.quickTruth(try Expression("exists(it.kind)").root, element: gone,
                                                      scope: Self.scope, steps: &missingSteps, limit: 100) == false)
    }

    @Test func quantifiersAgreeWithElementByElementEvaluation() throws {
        let items: Value = .list([
            Self.element,
            record(line: 8, ["kind": .string("lime-kiln"), "status": .string("idle")]),
            record(line: 9, ["kind": .string("earth-kiln"), "status": .missing(path: "s")]),
        ])
        let scope = DictionaryScope(["units": items, "kinds": .list([.string("earth-kiln")])])
        let count = try Expression("count(filter(units, it.kind in kinds and it.status == 'operating'))").evaluate(in: scope)
        #expect(count.value == num("1"))
        #expect(count.line == 7)
        let anyIdle = try Expression("any(units, it.status == 'idle')").evaluate(in: scope)
        #expect(anyIdle.value == .bool(true) && anyIdle.line == 8)
        let all = try Expression("all(filter(units, exists(it.kind)), it.kind in kinds)").evaluate(in: scope)
        #expect(all.value == .bool(false) && all.line == 8)
        // A text among the records: the quick path passes on it, and the evaluator says why.
        let mixed = DictionaryScope(["units": .list([Self.element, .string("not a record")])])
        #expect(throws: EvaluationError.self) { try Expression("count(filter(units, it.kind == 'x'))").evaluate(in: mixed) }
    }
}
