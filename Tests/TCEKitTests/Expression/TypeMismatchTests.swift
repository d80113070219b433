import Testing
@testable import TCEKit

/// One expression that must fail at evaluation with this exact description.
struct EvaluationErrorCase: Sendable, CustomTestStringConvertible {
    let source: String
    let description: String

    init(_ source: String, _ description: String) {
        self.source = source
        self.description = description
    }

    var testDescription: String { source.debugDescription }
}

@Suite("Expression type mismatches")
struct TypeMismatchTests {
    static let values: [String: Value] = [
        "n": num("3"),
        "s": .string("a"),
        "m": .missing(path: "m"),
        "xs": .list([num("1"), num("2")]),
        "site": record(line: 2, ["name": .string("North")]),
    ]

    static let cases: [EvaluationErrorCase] = [
        .init(#""a" < 3"#, #"cannot compare text "a" with number 3 at 1:5"#),
        .init(#""a" < "b""#, #"cannot compare text "a" with text "b" using "<"; only numbers can be ordered at 1:5"#),
        .init("s >= m", #"cannot compare text "a" with a missing value (m) at 1:3"#),
        .init("s == n", #"cannot compare text "a" with number 3 at 1:3"#),
        .init("true != 1", "cannot compare true with number 1 at 1:6"),
        .init("xs == xs", "cannot compare a list of 2 items with a list of 2 items at 1:4"),
        .init("site == site", "cannot compare an element with an element at 1:6"),
        .init("n in ['a']", #"cannot compare number 3 with text "a" at 1:3"#),
        .init("n in 3", #""in" needs a list on the right, got number 3 at 1:3"#),
        .init("n not in s", #""not in" needs a list on the right, got text "a" at 1:3"#),
        .init("1 + s", #""+" needs numbers on both sides, got number 1 and text "a" at 1:3"#),
        .init("m * s", #""*" needs numbers on both sides, got a missing value (m) and text "a" at 1:3"#),
        .init("xs / 2", #""/" needs numbers on both sides, got a list of 2 items and number 2 at 1:4"#),
        .init("-s", #""-" needs a number, got text "a" at 1:1"#),
        .init("not n", #""not" needs true or false, got number 3 at 1:5"#),
        .init("n and true", #""and" needs true or false on both sides, got number 3 at 1:1"#),
        .init("false or s", #""or" needs true or false on both sides, got text "a" at 1:10"#),
        .init("n.b", #"cannot read field "b" of number 3; only elements have fields at 1:3"#),
        .init("site.name.first", #"cannot read field "first" of text "North"; only elements have fields at 1:11"#),
        .init("any(n, true)", #""any" needs a list as its first argument, got number 3 at 1:5"#),
        .init("count(site)", #""count" needs a list as its first argument, got an element at 1:7"#),
        .init("any(xs, it)", #"the condition of "any" must be true or false, got number 1 at 1:9"#),
        .init("filter(xs, 'x')", #"the condition of "filter" must be true or false, got text "x" at 1:12"#),
        .init("sum(xs, s)", #""sum" needs a number for each element, got text "a" at 1:9"#),
        .init("abs(s)", #""abs" needs a number, got text "a" at 1:5"#),
        .init("max(1, s)", #""max" needs numbers, got text "a" at 1:8"#),
        .init("min([1, true])", #""min" needs numbers, got true at 1:5"#),
        .init("min(xs, 1)", #""min" needs numbers, got a list of 2 items at 1:5"#),
        .init("'" + String(repeating: "x", count: 50) + "' < 1",
              #"cannot compare text "\#(String(repeating: "x", count: 40))…" with number 1 at 1:54"#),
    ]

    @Test(arguments: cases)
    func mismatch(_ example: EvaluationErrorCase) throws {
        let error = try #require(try evaluationErrorOf(example.source, Self.values))
        #expect(error.description == example.description)
        switch error {
        case .typeMismatch, .notAList: break
        default: Issue.record("unexpected error kind \(error)")
        }
    }

    @Test func kindsOfErrors() throws {
        #expect(try evaluationErrorOf(#""a" < 3"#) ==
            .typeMismatch(message: #"cannot compare text "a" with number 3"#, line: 1, column: 5))
        #expect(try evaluationErrorOf("1 in 2") ==
            .notAList(message: #""in" needs a list on the right, got number 2"#, line: 1, column: 3))
    }

    @Test func positionsOnLaterLines() throws {
        let error = try #require(try evaluationErrorOf("n > 1 and\n    s > 2", Self.values))
        #expect(error.line == 2)
        #expect(error.column == 7)
    }
}
