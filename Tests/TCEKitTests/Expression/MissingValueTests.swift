import Testing
@testable import TCEKit

@Suite("Kleene logic and missing values")
struct MissingValueTests {
    /// t, f and m (missing) plus a second missing value to check which path survives.
    static let values: [String: Value] = [
        "t": .bool(true), "f": .bool(false),
        "m": .missing(path: "m"), "m2": .missing(path: "m2"),
    ]

    static func truth(_ name: String) -> Value {
        switch name {
        case "t": .bool(true)
        case "f": .bool(false)
        default: .missing(path: name)
        }
    }

    @Test(arguments: [
        ("t", "t", "t"), ("t", "f", "f"), ("t", "m", "m"),
        ("f", "t", "f"), ("f", "f", "f"), ("f", "m", "f"),
        ("m", "t", "m"), ("m", "f", "f"), ("m", "m2", "m"),
    ])
    func andTable(left: String, right: String, expected: String) throws {
        #expect(try valueOf("\(left) and \(right)", Self.values) == Self.truth(expected))
    }

    @Test(arguments: [
        ("t", "t", "t"), ("t", "f", "t"), ("t", "m", "t"),
        ("f", "t", "t"), ("f", "f", "f"), ("f", "m", "m"),
        ("m", "t", "t"), ("m", "f", "m"), ("m", "m2", "m"),
    ])
    func orTable(left: String, right: String, expected: String) throws {
        #expect(try valueOf("\(left) or \(right)", Self.values) == Self.truth(expected))
    }

    @Test(arguments: [("t", "f"), ("f", "t"), ("m", "m")])
    func notTable(operand: String, expected: String) throws {
        #expect(try valueOf("not \(operand)", Self.values) == Self.truth(expected))
    }

    @Test func longChainsFollowKleeneRules() throws {
        #expect(try valueOf("t and m and m2 and t", Self.values) == .missing(path: "m"))
        #expect(try valueOf("t and m and f", Self.values) == .bool(false))
        #expect(try valueOf("f or m2 or m", Self.values) == .missing(path: "m2"))
        #expect(try valueOf("m or f or t", Self.values) == .bool(true))
    }

    @Test(arguments: [
        ("m + 1", "m"), ("1 + m", "m"), ("m2 - m", "m2"), ("2 * m", "m"), ("m / 0", "m"), ("-m", "m"),
        ("m > 1", "m"), ("1 <= m", "m"), ("m == 'x'", "m"), ("'x' != m2", "m2"), ("m == m2", "m"),
        ("m in [1]", "m"), ("1 in m", "m"), ("1 not in m", "m"), ("1 in [m]", "m"), ("2 in [1, m, m2]", "m"),
        ("2 not in [1, m]", "m"), ("abs(m)", "m"), ("max(1, m2, m)", "m2"), ("min([m, 1])", "m"),
        ("sum(m, it)", "m"), ("any(m, it)", "m"), ("count(m)", "m"), ("filter(m, it)", "m"),
        ("site.gas", "site.gas"), ("site.gas.total", "site.gas"), ("site.energy.gas", "site.energy.gas"),
        ("site.reported.total", "facts.reported"), ("site.energy.gas * 2 > 1", "site.energy.gas"),
        ("m.a.b", "m"), ("(m + 1).a", "m"), ("coalesce(m, m2)", "m2"), ("coalesce(m, m2).x", "m2"),
    ])
    func missingPropagatesWithItsPath(source: String, path: String) throws {
        let values = Self.values.merging([
            "site": record(line: 1, [
                "energy": record(line: 2, ["total": num("5")]),
                "reported": .missing(path: "facts.reported"),
            ]),
        ]) { a, _ in a }
        #expect(try valueOf(source, values) == .missing(path: path))
    }

    @Test func membershipWithMissingElementsStillFindsMatches() throws {
        #expect(try valueOf("1 in [m, 1]", Self.values) == .bool(true))
        #expect(try valueOf("1 not in [m, 1]", Self.values) == .bool(false))
        #expect(try valueOf("2 in [1, 3]", Self.values) == .bool(false))
    }

    @Test func divisionByZeroIsMissingNamingTheDivision() throws {
        let values: [String: Value] = ["a": num("3"), "b": num("2")]
        #expect(try valueOf("a / (b - b)", values) == .missing(path: "a / (b - b) (division by zero)"))
        #expect(try valueOf("1 + 4 / 0", values) == .missing(path: "4 / 0 (division by zero)"))
        #expect(try valueOf("a/0/2", values) == .missing(path: "a/0 (division by zero)"))
        #expect(try valueOf("(a - b) / 0 * 2 > 1", values) == .missing(path: "(a - b) / 0 (division by zero)"))
        #expect(try valueOf("exists(a / 0)", values) == .bool(false))
        #expect(try valueOf("coalesce(a / 0, 7)", values) == num("7"))
        #expect(try valueOf("0 / a", values) == num("0"))
    }
}
