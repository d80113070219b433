import Testing
@testable import TCEKit

/// A rule's `at`, `applies` and `passes` take `Expression.quickOutcome` when it finds an outcome,
/// and the evaluator otherwise. What it finds must be the evaluator's value and line, missing
/// values and Kleene logic included; what the evaluator would throw or word itself is left to it.
/// (Every expression the other expression tests evaluate is also checked both ways: `evaluated`.)
@Suite struct QuickOutcomeTests {
    static let scope = DictionaryScope([
        "totalTce": num("2321.6225"), "limit": num("1000"), "zero": num("0"), "year": num("2011"),
        "big": num("999999999999999999999999999999"), "done": .list([.string("done"), .string("certified")]),
        "withMissing": .list([.missing(path: "a"), .string("done")]), "flag": .bool(true),
        "enterprise": record(line: 8, ["creditCode": .string("91620102150206653W"), "commissionedYear": num("2011")]),
        "management": record(line: 30, [
            "benchmarking": record(line: 33, ["status": .string("done")]),
            "energyAudit": record(line: 34, ["completed": .bool(false)]),
            "organization": record(line: 35, ["established": .bool(true)]),
            "quota": .missing(path: "management.energyQuota"),
        ]),
        "energy": record(line: 14, ["declaredTotal": num("2300")]),
        "water": .missing(path: "water"),
        "it": record(line: 40, ["kind": .string("earth-kiln"), "status": .string("idle")]),
    ])

    static func quick(_ source: String) throws -> QuickOutcome {
        Expression.quickOutcome(try Expression(source).root, scope)
    }

    /// The shapes of the bundled rules' conditions and `at`, with values present and missing.
    @Test(arguments: [
        "enterprise.creditCode", "management.quota", "water.withdrawal", "management.nothing.deeper",
        "totalTce >= limit", "totalTce >= limit or enterprise.commissionedYear == year",
        "totalTce >= limit and exists(water) and energy.declaredTotal > 0",
        "exists(water.withdrawal) and energy.declaredTotal > 0", "exists(management.quota)", "exists(enterprise)", "exists(management.benchmarking.nothing)",
        "totalTce <= management.quota", "not flag", "not management.quota", "management.energyAudit.completed",
        "management.organization.established and management.energyAudit.completed",
        "management.energyAudit.completed or management.organization.established",
        "management.quota or management.organization.established", "management.energyAudit.completed and management.quota",
        "management.quota and management.energyAudit.completed", "management.benchmarking.status in done",
        "management.benchmarking.status not in done", "'none' in withMissing", "'done' in withMissing",
        "management.quota in done", "abs(energy.declaredTotal - totalTce) <= 0.05 * abs(totalTce)",
        "abs(management.quota - totalTce) <= 0.05 * abs(totalTce)", "totalTce - management.quota", "management.quota * 2",
        "it.status != 'operating'", "year == 2011 and it.kind == 'pump'",
    ])
    func foundOutcomesAreTheEvaluators(source: String) throws {
        guard case .found(let outcome) = try Self.quick(source) else {
            Issue.record("\(source): no quick outcome")
            return
        }
        let evaluation = try Expression(source).evaluate(in: Self.scope, stepLimit: Expression.defaultStepLimit)
        #expect(outcome.value == evaluation.value, "\(source)")
        #expect(outcome.line == evaluation.line, "\(source)")
    }

    /// Unknown names, type mismatches, overflow, division by zero (whose missing value the
    /// evaluator words), quantifiers and negation: the evaluator's.
    @Test(arguments: [
        "nothing", "totalTce > 'a'", "flag and 1", "not totalTce", "enterprise.creditCode.more", "totalTce in limit",
        "big * big * big", "totalTce / zero", "abs(flag)", "flag + 1", "-totalTce", "count(done) > 1",
        "any(done, it == 'done')", "coalesce(water, totalTce)", "min(totalTce, limit)", "[1, 2]",
    ])
    func theRestIsLeftToTheEvaluator(source: String) throws {
        guard case .absent = try Self.quick(source) else {
            Issue.record("\(source): a quick outcome where the evaluator must answer")
            return
        }
    }

    /// A decided `and`/`or` stops reading: an operand the evaluator never reaches cannot keep the
    /// quick path from deciding, as it cannot make the evaluator fail.
    @Test func decidedChainsStopReading() throws {
        for source in ["management.energyAudit.completed and nothing", "flag or totalTce"] {
            guard case .found(let outcome) = try Self.quick(source) else {
                Issue.record("\(source): no quick outcome")
                continue
            }
            let evaluation = try Expression(source).evaluate(in: Self.scope, stepLimit: Expression.defaultStepLimit)
            #expect(outcome.value == evaluation.value && outcome.line == evaluation.line, "\(source)")
        }
    }
}
