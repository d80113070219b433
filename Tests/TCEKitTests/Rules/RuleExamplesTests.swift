import Testing
@testable import TCEKit

/// Every rule carries example reports; the suite runs them all, so no rule exists untested.
@Suite struct RuleExamplesTests {
    static let results = ExampleRunner(checker: Fixtures.checker).run()

    @Test func everyRuleHasPassFailAndNotApplicableExamples() {
        let missing = ExampleRunner(checker: Fixtures.checker).rulesMissingExamples()
        #expect(missing.isEmpty, "\(missing.map { "\($0.0.id): \($0.1)" })")
    }

    @Test(arguments: Fixtures.ruleSet.rules.map(\.id))
    func examplesGiveTheirOutcome(_ rule: String) {
        let mine = Self.results.filter { $0.ruleID == rule }
        #expect(!mine.isEmpty)
        for r in mine {
            #expect(r.problems.isEmpty, "\(r.file): \(r.problems)")
            #expect(r.actual == r.expected, "\(r.file)")
        }
    }
}
