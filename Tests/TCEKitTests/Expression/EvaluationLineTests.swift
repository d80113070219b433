import Testing
@testable import TCEKit

@Suite("Evaluation lines")
struct EvaluationLineTests {
    static let values: [String: Value] = [
        "sites": .list([
            record(line: 10, ["name": .string("North"), "energy": num("50")]),
            record(line: 20, ["name": .string("South")]),
            record(line: 30, ["name": .string("East"), "energy": num("150")]),
            record(line: 40, ["name": .string("West"), "energy": num("160")]),
        ]),
        "report": record(line: 1, [
            "site": record(line: 5, ["name": .string("North")]),
            "sites": .list([]),
        ]),
        "unlined": .list([record(["energy": num("1")]), record(["energy": num("9")])]),
        "m": .missing(path: "m"),
        "t": .bool(true),
    ]

    private func line(_ source: String) throws -> Int? {
        try evaluated(source, Self.values).line
    }

    @Test func anyPointsAtTheFirstElementThatMadeItTrue() throws {
        #expect(try evaluated("any(sites, it.energy > 100)", Self.values) == Evaluation(value: .bool(true), line: 30))
        #expect(try line("any(sites, exists(it.name))") == 10)
    }

    @Test func allPointsAtTheFirstCounterexample() throws {
        // North passes, South is missing (not a counterexample), East fails.
        #expect(try evaluated("all(sites, it.energy < 100)", Self.values) == Evaluation(value: .bool(false), line: 30))
        #expect(try line("all(sites, exists(it.energy))") == 20)
    }

    @Test func undecidedQuantifierPointsAtTheMissingElement() throws {
        let result = try evaluated("all(sites, it.energy < 200)", Self.values)
        #expect(result == Evaluation(value: .missing(path: "it.energy"), line: 20))
        #expect(try line("any(sites, it.energy > 500)") == 20)
    }

    @Test func countAndFilterPointAtTheFirstCountedElement() throws {
        #expect(try evaluated("count(sites, it.energy > 100)", Self.values) == Evaluation(value: num("2"), line: 30))
        #expect(try line("count(filter(sites, it.energy > 100)) >= 2") == 30)
        #expect(try line("count(sites, it.energy > 1000) > 0") == nil)
    }

    @Test func elementsWithoutLinesFallBackToTheCondition() throws {
        #expect(try line("any(unlined, it.energy > 5)") == nil)
        #expect(try line("any(sites, any(unlined, it.energy > 5) and it.energy > 100)") == 30)
    }

    @Test func missingPointsAtTheDeepestRecordReached() throws {
        #expect(try evaluated("report.site.energy", Self.values) == Evaluation(value: .missing(path: "report.site.energy"), line: 5))
        #expect(try evaluated("report.nothing.energy", Self.values) == Evaluation(value: .missing(path: "report.nothing"), line: 1))
        #expect(try line("report.site.energy * 2 > 1") == 5)
        #expect(try line("t and report.site.energy > 1") == 5)
        #expect(try line("exists(report.site.energy)") == 5)
    }

    @Test func otherwiseTheFirstRecordReached() throws {
        #expect(try evaluated("report.site.name == 'North'", Self.values) == Evaluation(value: .bool(true), line: 1))
        #expect(try line("count(report.sites)") == 1)
    }

    @Test func noRecordNoLine() throws {
        #expect(try line("1 + 2") == nil)
        #expect(try line("m + 1") == nil)
        #expect(try line("count(sites)") == nil)
    }

    @Test func logicPicksTheOperandThatDecided() throws {
        // `and` is false because of the all(); its counterexample explains it.
        #expect(try line("any(sites, it.energy > 100) and all(sites, it.energy < 100)") == 30)
        #expect(try line("all(sites, exists(it.name)) and all(sites, exists(it.energy))") == 20)
        // Both sides true: the first explanation wins.
        #expect(try line("any(sites, it.energy > 155) and any(sites, it.energy < 100)") == 40)
        // `or` is true because of its second operand.
        #expect(try line("any(sites, it.energy > 999) or any(sites, it.energy > 155)") == 40)
        #expect(try line("m or any(sites, it.energy > 155)") == 40)
        #expect(try line("not all(sites, it.energy < 100)") == 30)
        // A false left side decides an `and` on its own.
        #expect(try line("all(sites, it.energy < 100) and any(sites, it.energy > 100)") == 30)
    }
}
