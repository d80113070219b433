import Testing
@testable import TCEKit

@Suite("Expression functions")
struct FunctionTests {
    static let values: [String: Value] = [
        "xs": .list([num("1"), num("5"), num("2.5")]),
        "empty": .list([]),
        "flags": .list([.bool(false), .bool(true)]),
        "m": .missing(path: "m"),
        "sites": .list([
            record(line: 10, ["name": .string("North"), "meters": .list([num("1"), num("2")])]),
            record(line: 20, ["name": .string("South"), "meters": .list([num("7")])]),
        ]),
    ]

    @Test(arguments: [
        ("any(xs, it > 4)", Value.bool(true)),
        ("any(xs, it > 5)", .bool(false)),
        ("any(empty, true)", .bool(false)),
        ("all(xs, it > 0)", .bool(true)),
        ("all(xs, it > 1)", .bool(false)),
        ("all(empty, false)", .bool(true)),
        ("any(flags, it)", .bool(true)),
        ("count(xs)", num("3")),
        ("count(empty)", num("0")),
        ("count(xs, it >= 2.5)", num("2")),
        ("count([m, 1, m], it > 0)", num("1")),
        ("sum(xs, it)", num("8.5")),
        ("sum(xs, it * 2)", num("17")),
        ("sum(empty, it)", num("0")),
        ("sum(xs, 1)", num("3")),
        ("filter(xs, it > 1)", .list([num("5"), num("2.5")])),
        ("filter(xs, it > 9)", .list([])),
        ("count(filter(xs, it < 5))", num("2")),
        ("exists(m)", .bool(false)),
        ("exists(xs)", .bool(true)),
        ("exists(0)", .bool(true)),
        ("abs(-3.5)", num("3.5")),
        ("abs(2)", num("2")),
        ("min(3, 1.5, 2)", num("1.5")),
        ("max(3, 1.5, 2)", num("3")),
        ("min(-1, 1)", num("-1")),
        ("max(4)", num("4")),
        ("max(xs)", num("5")),
        ("min(xs)", num("1")),
        ("max(empty)", .missing(path: "max(empty) (empty list)")),
        ("coalesce(m, 0)", num("0")),
        ("coalesce(1, 0)", num("1")),
        ("coalesce(m, m, 'x')", .string("x")),
        ("coalesce(1, nope)", num("1")),
        // Nested calls: the inner `it` shadows the outer one; the inner list uses the outer one.
        ("any(sites, any(it.meters, it > 5))", .bool(true)),
        ("all(sites, any(it.meters, it > 5))", .bool(false)),
        ("sum(sites, count(it.meters))", num("3")),
        ("sum(sites, sum(it.meters, it))", num("10")),
        ("filter(sites, it.name == 'South')", .list([record(line: 20, ["name": .string("South"), "meters": .list([num("7")])])])),
        ("count(sites, count(it.meters, it > 0) > 1)", num("1")),
    ])
    func call(source: String, expected: Value) throws {
        #expect(try valueOf(source, Self.values) == expected)
    }

    @Test(arguments: [
        ("any([false, m], it)", Value.missing(path: "m")),
        ("any([m, true], it)", .bool(true)),
        ("any([false, false], it)", .bool(false)),
        ("all([true, m], it)", .missing(path: "m")),
        ("all([m, false], it)", .bool(false)),
        ("all([true, true], it)", .bool(true)),
        ("any(xs, it / 0 > 1)", .missing(path: "it / 0 (division by zero)")),
        ("sum([1, m, 2], it)", .missing(path: "m")),
        ("filter([m, true], it)", .list([.bool(true)])),
    ])
    func kleeneQuantifiers(source: String, expected: Value) throws {
        #expect(try valueOf(source, Self.values) == expected)
    }

    @Test func itOutsideAQuantifierComesFromTheScope() throws {
        // A rule that runs per element binds `it` in its scope; quantifiers shadow it.
        let values: [String: Value] = ["it": record(line: 7, ["parts": .list([num("3"), num("4")]), "limit": num("3")])]
        #expect(try valueOf("it.limit", values) == num("3"))
        #expect(try valueOf("any(it.parts, it > 3)", values) == .bool(true))
        #expect(try valueOf("count(it.parts, it > 1) + it.limit", values) == num("5"))
        #expect(try evaluated("it.missing", values) == Evaluation(value: .missing(path: "it.missing"), line: 7))
        #expect(try evaluationErrorOf("it.limit > 1") == .unknownName(name: "it", line: 1, column: 1))
        #expect(try evaluationErrorOf("any([1], true) and it") == .unknownName(name: "it", line: 1, column: 20))
    }

    @Test func quantifiersStopAtTheDecidingElement() throws {
        // The second element would be a type error if it were evaluated.
        #expect(try valueOf("any([1, 'a'], it > 0)") == .bool(true))
        #expect(try valueOf("all([1, 'a'], it > 5)") == .bool(false))
        #expect(try evaluationErrorOf("any([0, 'a'], it > 0)") != nil)
    }
}
