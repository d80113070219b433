import Testing
@testable import TCEKit

@Suite("Expression parser")
struct ParserTests {
    @Test(arguments: [
        ("a or b and c", "(or a (and b c))"),
        ("a and b or c and d", "(or (and a b) (and c d))"),
        ("a or b or c", "(or a b c)"),
        ("not a and b", "(and (not a) b)"),
        ("not a == b", "(not (== a b))"),
        ("not not a", "(not (not a))"),
        ("a == b and c < d", "(and (== a b) (< c d))"),
        ("a + b == c * d", "(== (+ a b) (* c d))"),
        ("a + b * c", "(+ a (* b c))"),
        ("(a + b) * c", "(* (+ a b) c)"),
        ("a - b - c", "(- (- a b) c)"),
        ("a / b * c", "(* (/ a b) c)"),
        ("-a * b", "(* (neg a) b)"),
        ("- -a", "(neg (neg a))"),
        ("-a.b.c", "(neg a.b.c)"),
        ("a in [1, 'x', true] and b not in c", "(and (in a [1 'x' true]) (not in b c))"),
        ("x + 1 in xs", "(in (+ x 1) xs)"),
        ("not a in b", "(not (in a b))"),
        ("any(xs, it.v > 1) or count(xs) >= 2", "(or any(xs (> it.v 1)) (>= count(xs) 2))"),
        ("coalesce(a, b).c", "coalesce(a b).c"),
        ("[]", "[]"),
        ("a\n  and\n  b", "(and a b)"),
        ("site.in.or", "site.in.or"),
    ])
    func precedence(source: String, expected: String) throws {
        #expect(try tree(source) == expected)
    }

    @Test func referencesListTopLevelNamesInSourceOrder() throws {
        let expression = try Expression(
            "site.energy.total > limit and any(sites, it.x > threshold and any(it.meters, it > site.min))")
        #expect(expression.references == [
            NameReference(name: "site", path: "site.energy.total", line: 1, column: 1),
            NameReference(name: "limit", path: "limit", line: 1, column: 21),
            NameReference(name: "sites", path: "sites", line: 1, column: 35),
            NameReference(name: "threshold", path: "threshold", line: 1, column: 49),
            NameReference(name: "site", path: "site.min", line: 1, column: 83),
        ])
    }

    @Test func referencesAcrossLines() throws {
        let expression = try Expression("a\n  + b.c")
        #expect(expression.references.map(\.path) == ["a", "b.c"])
        #expect(expression.references[1].line == 2)
        #expect(expression.references[1].column == 5)
    }

    @Test func functionNamesAreOrdinaryNamesWithoutParentheses() throws {
        let expression = try Expression("count + sum")
        #expect(expression.references.map(\.name) == ["count", "sum"])
    }

    @Test func sourceIsKept() throws {
        #expect(try Expression(" a + 1 ").source == " a + 1 ")
    }

    @Test func elementInsideAQuantifierIsNotAReference() throws {
        #expect(try Expression("any(xs, it.kind in kinds and any(it.parts, it > limit))").references.map(\.path)
            == ["xs", "kinds", "limit"])
        // The list argument of an inner quantifier still sees the outer element.
        #expect(try Expression("any(xs, any(it.ys, it > 1))").references.map(\.name) == ["xs"])
    }

    @Test func elementOutsideAQuantifierIsReadFromTheScope() throws {
        let expression = try Expression("it.kind in kinds and any(it.parts, it > 1) and coalesce(it, 1) > 0")
        #expect(expression.references == [
            NameReference(name: "it", path: "it.kind", line: 1, column: 1),
            NameReference(name: "kinds", path: "kinds", line: 1, column: 12),
            NameReference(name: "it", path: "it.parts", line: 1, column: 26),
            NameReference(name: "it", path: "it", line: 1, column: 57),
        ])
    }

    @Test func nestingWithinTheLimitIsAccepted() throws {
        let depth = Parser.maximumDepth
        let source = String(repeating: "(", count: depth) + "1" + String(repeating: ")", count: depth)
        #expect(try valueOf(source) == num("1"))
        #expect(try valueOf(String(repeating: "-", count: depth) + "1") == num("1"))
        #expect(syntaxErrorOf("a" + String(repeating: ".b", count: depth)) == nil)
        // The deepest accepted expression also evaluates without exhausting the stack.
        let nestedAny = String(repeating: "any(xs, ", count: depth - 1) + "it > 0" + String(repeating: ")", count: depth - 1)
        #expect(try valueOf(nestedAny, ["xs": .list([num("1")])]) == .bool(true))
        // Each level adds four operators: x -> abs(-(1 + 2 * x)) = 1 + 2x.
        let mixed = String(repeating: "abs(-(1 + 2 * ", count: 15) + "1" + String(repeating: "))", count: 15)
        #expect(try valueOf(mixed) == num("65535"))
        #expect(syntaxErrorOf(String(repeating: "abs(", count: depth) + "1" + String(repeating: ")", count: depth)) == nil)
    }

    @Test(arguments: [
        String(repeating: "(", count: 65) + "1" + String(repeating: ")", count: 65),
        String(repeating: "[", count: 100) + String(repeating: "]", count: 100),
        String(repeating: "-", count: 5000) + "1",
        String(repeating: "not ", count: 2000) + "true",
        String(repeating: "abs(", count: 70) + "1" + String(repeating: ")", count: 70),
        String(repeating: "any(xs, ", count: 70) + "true" + String(repeating: ")", count: 70),
        "a" + String(repeating: ".b", count: 70),
        String(repeating: "(", count: 5000),
    ])
    func deepNestingIsRejected(source: String) {
        #expect(syntaxErrorOf(source)?.message == "expression is nested too deeply")
    }

    @Test func longFlatChainsAreNotNesting() throws {
        let sum = Array(repeating: "1", count: 3000).joined(separator: "+")
        #expect(try valueOf(sum) == num("3000"))
        let conjunction = Array(repeating: "t", count: 1500).joined(separator: " and ")
        #expect(try valueOf(conjunction, ["t": .bool(true)]) == .bool(true))
    }

    @Test func lengthLimit() throws {
        let fits = "1" + String(repeating: " ", count: Expression.maximumLength - 1)
        #expect(syntaxErrorOf(fits) == nil)
        let error = syntaxErrorOf(fits + " ")
        #expect(error?.message == "expression is too long (10001 characters; at most 10000)")
    }
}
