import Testing
@testable import TCEKit

/// Evidence, measured values and message placeholders take `Expression.quickValue` when it finds
/// a value, and the evaluator otherwise. A value it finds must be the evaluator's; whatever would
/// be missing or an error must be left to the evaluator.
@Suite struct QuickValueTests {
    static let scope = DictionaryScope([
        "total": num("2321.6225"), "declared": num("2300"), "zero": num("0"), "negative": num("-3.5"),
        "big": num("999999999999999999999999999999"), "name": .string("kiln"),
        "kinds": .list([.string("earth-kiln"), .string("lime-kiln")]),
        "units": .list([
            record(line: 4, ["kind": .string("earth-kiln"), "status": .string("operating")]),
            record(line: 5, ["kind": .string("lime-kiln"), "status": .string("idle")]),
            record(line: 6, ["kind": .string("earth-kiln"), "status": .string("operating")]),
            record(line: 7, ["kind": .string("pump")]),
        ]),
        "empty": .list([]),
        "energy": record(line: 2, ["declaredTotal": .missing(path: "energy.declaredTotal")]),
        "it": record(line: 9, ["kind": .string("earth-kiln"), "count": num("3")]),
    ])

    static func quick(_ source: String) throws -> Lookup { try Expression(source).quickValue(in: scope) }

    @Test(arguments: [
        "abs(declared - total)", "total * 100", "total / 3", "1 + total - declared * 2 / 5", "abs(negative)",
        "count(units)", "count(empty)", "count(filter(units, it.kind in kinds))",
        "count(filter(units, it.kind in kinds and it.status == 'operating'))",
        "count(filter(coalesce(energy.declaredTotal, units), it.kind == 'pump'))", "coalesce(energy.declaredTotal, total)",
        "it.kind", "it.count * 2", "it.status",
    ])
    func foundValuesAreTheEvaluators(source: String) throws {
        guard case .found(let value) = try Self.quick(source) else {
            Issue.record("\(source): no quick value")
            return
        }
        #expect(value == (try Expression(source).evaluate(in: Self.scope, stepLimit: Expression.defaultStepLimit).value), "\(source)")
    }

    /// Missing operands, division by zero, overflow, type mismatches, unknown names and
    /// conditions the quick ones cannot decide: the evaluator's to word.
    @Test(arguments: [
        "total / zero", "energy.declaredTotal - total", "abs(energy.declaredTotal)", "big * big * big", "name + 1",
        "abs(name)", "count(name)", "count(energy.declaredTotal)", "nothing * 2",
        "count(filter(units, it.status == 'operating'))",  // the pump has no status: missing, not false
        "count(filter(units, it.kind > 'a'))", "coalesce(energy.declaredTotal, nothing)", "coalesce(nothing, total)",
    ])
    func theRestIsLeftToTheEvaluator(source: String) throws {
        guard case .absent = try Self.quick(source) else {
            Issue.record("\(source): quick value where the evaluator must answer")
            return
        }
    }
}
