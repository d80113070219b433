import Testing
@testable import TCEKit

@Suite("Expression operators")
struct OperatorTests {
    @Test(arguments: [
        ("1 + 2 * 3", "7"),
        ("(1 + 2) * 3", "9"),
        ("10 - 4 - 3", "3"),
        ("8 / 4 / 2", "1"),
        ("-2 * -3", "6"),
        ("- 2.5 + 1", "-1.5"),
        ("2 - -2", "4"),
        ("0.1 + 0.2", "0.3"),
        ("1.50 * 2", "3"),
        ("0 / 5", "0"),
        ("x * 2 - y", "7"),
    ])
    func arithmetic(source: String, expected: String) throws {
        #expect(try valueOf(source, ["x": num("4.5"), "y": num("2")]) == num(expected))
    }

    @Test func divisionIsAnExactFraction() throws {
        let third = try valueOf("1 / 3")
        #expect(third == .number(try Exact(numerator: 1, denominator: 3)))
        #expect(try valueOf("1 / 3 * 3 == 1") == .bool(true))
        #expect(try valueOf("2 / 3 > 0.666666666666666666666666666666") == .bool(true))
    }

    @Test(arguments: [
        ("0.873 / 0.9 >= 0.97", true),
        ("(0.9 - 0.873) / 0.9 >= 0.03", true),
        ("(0.7-0.679)/0.7 >= 0.03", true),
        ("0.056128 / 1 == 0.056128", true),
        ("0.873 / 0.9 > 0.97", false),
        ("(0.7-0.679)/0.7 > 0.03", false),
        ("(0.7-0.6791)/0.7 >= 0.03", false),
        ("0.1 + 0.2 == 0.3", true),
        ("1 / 3 + 1 / 3 + 1 / 3 == 1", true),
    ])
    func exactBoundaries(source: String, expected: Bool) throws {
        #expect(try valueOf(source) == .bool(expected))
    }

    @Test(arguments: [
        ("1 < 2", true), ("2 < 2", false), ("2 <= 2", true), ("3 <= 2", false),
        ("3 > 2", true), ("2 > 2", false), ("2 >= 2", true), ("1 >= 2", false),
        ("2 == 2.0", true), ("2 != 2.0", false), ("1 != 2", true), ("1 == 2", false),
        ("'kWh' == 'kWh'", true), ("'kWh' == \"MWh\"", false), ("'a' != 'b'", true), ("'a' != 'a'", false),
        ("'A' == 'a'", false),
        ("true == true", true), ("true == false", false), ("true != false", true),
        ("2 in [1, 2, 3]", true), ("4 in [1, 2, 3]", false), ("4 not in [1, 2, 3]", true), ("2 not in [1, 2]", false),
        ("'b' in ['a', 'b']", true), ("true in [false]", false),
        ("unit in units", true), ("'GJ' in units", false), ("'GJ' not in units", true),
        ("2 in []", false), ("2 not in []", true),
    ])
    func comparisons(source: String, expected: Bool) throws {
        let values: [String: Value] = ["unit": .string("MWh"), "units": .list([.string("kWh"), .string("MWh")])]
        #expect(try valueOf(source, values) == .bool(expected))
    }

    @Test func literalsAndLists() throws {
        #expect(try valueOf("'text'") == .string("text"))
        #expect(try valueOf("false") == .bool(false))
        #expect(try valueOf("[1, 'a', [true]]") == .list([num("1"), .string("a"), .list([.bool(true)])]))
        #expect(try valueOf("[1 + 1, x]", ["x": .missing(path: "x")]) == .list([num("2"), .missing(path: "x")]))
    }

    @Test func fieldAccess() throws {
        let site = record(line: 3, ["name": .string("North"), "energy": record(line: 4, ["total": num("12.5")])])
        #expect(try valueOf("site.name", ["site": site]) == .string("North"))
        #expect(try valueOf("site.energy.total * 2", ["site": site]) == num("25"))
        #expect(try valueOf("site . energy\n . total", ["site": site]) == num("12.5"))
    }

    @Test func logic() throws {
        #expect(try valueOf("1 < 2 and 2 < 3") == .bool(true))
        #expect(try valueOf("1 > 2 or 2 < 3") == .bool(true))
        #expect(try valueOf("not 1 > 2") == .bool(true))
        #expect(try valueOf("true and true and false") == .bool(false))
        #expect(try valueOf("false or false or true") == .bool(true))
    }

    @Test func unknownName() throws {
        let error = try evaluationErrorOf("a + nope", ["a": num("1")])
        #expect(error == .unknownName(name: "nope", line: 1, column: 5))
        #expect(error?.description == #"unknown name "nope" at 1:5"#)
    }

    @Test func shortCircuitSkipsTheRightSide() throws {
        #expect(try valueOf("false and (1/0 > 1)") == .bool(false))
        // The right side would fail (unknown name, type mismatch) if it were evaluated.
        #expect(try valueOf("false and nope") == .bool(false))
        #expect(try valueOf("true or 'a' < 1") == .bool(true))
        #expect(try evaluationErrorOf("true and nope") != nil)
        #expect(try evaluationErrorOf("false or nope") != nil)
    }

    @Test func overflowIsAnError() throws {
        let big = "100000000000000000000"
        let error = try evaluationErrorOf("x + \(big) * \(big)", ["x": num("1")])
        #expect(error == .arithmetic(.overflow, line: 1, column: 27))
        #expect(error?.description == "number too large to compute exactly at 1:27")
        #expect(try evaluationErrorOf("sum(xs, it * \(big))", ["xs": .list([num(big), num(big)])]) != nil)
    }

    @Test func stepBudgetStopsRunawayEvaluation() throws {
        let xs = Value.list((1...100).map { .number(Exact(integer: $0)) })
        let expression = try Expression("count(xs, count(xs, count(xs, it > 0) > 0) > 0)")
        do {
            _ = try expression.evaluate(in: DictionaryScope(["xs": xs]), stepLimit: 10_000)
            Issue.record("expected the step budget to run out")
        } catch {
            guard case .tooComplex = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(error.message == "the expression needs too many steps to evaluate; simplify it")
        }
        let small = Value.list((1...10).map { .number(Exact(integer: $0)) })
        #expect(try expression.evaluate(in: DictionaryScope(["xs": small]), stepLimit: 10_000).value == num("10"))
    }
}
