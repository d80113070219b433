import Testing
@testable import TCEKit

/// One rejected expression with the exact message and position a rule author sees.
struct SyntaxErrorCase: Sendable, CustomTestStringConvertible {
    let source: String
    let message: String
    let line: Int
    let column: Int

    init(_ source: String, _ message: String, _ line: Int, _ column: Int) {
        self.source = source
        self.message = message
        self.line = line
        self.column = column
    }

    var testDescription: String { source.debugDescription }
}

@Suite("Expression syntax errors")
struct SyntaxErrorTests {
    static let cases: [SyntaxErrorCase] = [
        // Empty and incomplete
        .init("", "the expression is empty", 1, 1),
        .init("a and", #"expected a value after "and""#, 1, 6),
        .init("a and * b", #"expected a value after "and", found "*""#, 1, 7),
        .init("* 2", #"expected a value, found "*""#, 1, 1),
        .init("()", #"expected a value after "(", found ")""#, 1, 2),
        .init("[", #"expected a value after "[""#, 1, 2),
        .init("a and\n  b ==\n", #"expected a value after "==""#, 3, 1),
        .init(".5 > a", "a number needs a digit before the point; write 0.5", 1, 1),
        // Characters and operators
        .init("a = 1", #""=" is not an operator; use "==" to compare"#, 1, 3),
        .init("!a", #""!" is not an operator; use "not" to negate"#, 1, 1),
        .init("a && b", #""&&" is not an operator; use "and""#, 1, 3),
        .init("a | b", #""|" is not an operator; use "or""#, 1, 3),
        .init("a || b", #""||" is not an operator; use "or""#, 1, 3),
        .init("a <> b", #""<>" is not an operator; use "!=" for "not equal""#, 1, 3),
        .init("a $ b", #""$" cannot be used in an expression"#, 1, 3),
        .init("a AND b", #""AND" must be written in lowercase: "and""#, 1, 3),
        .init("True", #""True" must be written in lowercase: "true""#, 1, 1),
        // Numbers
        .init("1.", #"number "1." needs digits after the point, e.g. 1.0"#, 1, 1),
        .init("x > 1.2.3", #"number "1.2.3" has more than one point"#, 1, 5),
        .init("12abc", #""12abc" is neither a number nor a name; names cannot start with a digit"#, 1, 1),
        .init(String(repeating: "9", count: 31), #"number "\#(String(repeating: "9", count: 31))" has too many digits (at most 30)"#, 1, 1),
        // Text
        .init("'abc", "unclosed quote; end the text with '", 1, 1),
        .init(#"x == "abc"#, #"unclosed quote; end the text with ""#, 1, 6),
        .init(#"x == 'a\'"#, "unclosed quote; end the text with '", 1, 6),
        .init(#""a\nb""#, #"unknown escape "\n" in text; only \", \' and \\ are allowed"#, 1, 3),
        // Brackets and separators
        .init("(a + b", #"unclosed "("; add ")""#, 1, 1),
        .init("[1, 2", #"unclosed "["; add "]""#, 1, 1),
        .init("sum(xs, it", #"unclosed "("; add ")""#, 1, 4),
        .init("a + b)", #"")" has no matching "(""#, 1, 6),
        .init("(a]", #""]" has no matching "[""#, 1, 3),
        .init("a, b", #""," can only separate list items or function arguments"#, 1, 2),
        .init("a b", #"expected an operator between "a" and "b""#, 1, 3),
        .init("(a 'x')", #"expected an operator between "a" and "'x'""#, 1, 4),
        .init("[1 2]", #"missing "," between "1" and "2""#, 1, 4),
        .init("max(a b)", #"missing "," between "a" and "b""#, 1, 7),
        .init("[1, ]", #"expected a value after ",", found "]""#, 1, 5),
        // Comparisons
        .init("a < b < c", #"comparisons cannot be chained; join them with "and", e.g. a < b and b < c"#, 1, 7),
        .init("a == b != c", #"comparisons cannot be chained; join them with "and", e.g. a < b and b < c"#, 1, 8),
        .init("a not b", #"unexpected "not" after "a"; write "not in" to test a list, or put "not" before a condition"#, 1, 3),
        // Fields and calls
        .init("a.", #"expected a field name after ".""#, 1, 3),
        .init("a.1", #"expected a field name after ".", found "1""#, 1, 3),
        .init("a.b(1)", #"only functions can be called; "b" is a field"#, 1, 4),
        .init("(a)(1)", #"unexpected "(" after ")"; only functions such as sum(…) can be called"#, 1, 4),
        .init("x > sume(xs, it)", #"unknown function "sume"; known functions: abs, all, any, coalesce, count, exists, filter, max, min, sum"#, 1, 5),
        .init("any(xs)", #""any" takes 2 arguments, as in any(list, condition); got 1"#, 1, 1),
        .init("all(xs, true, 1)", #""all" takes 2 arguments, as in all(list, condition); got 3"#, 1, 1),
        .init("filter()", #""filter" takes 2 arguments, as in filter(list, condition); got 0"#, 1, 1),
        .init("sum(xs)", #""sum" takes 2 arguments, as in sum(list, number); got 1"#, 1, 1),
        .init("1 + count(a, b, c)", #""count" takes 1 or 2 arguments, as in count(list) or count(list, condition); got 3"#, 1, 5),
        .init("min()", #""min" takes at least 1 argument, as in min(a, b) or min(list); got 0"#, 1, 1),
        .init("max()", #""max" takes at least 1 argument, as in max(a, b) or max(list); got 0"#, 1, 1),
        .init("coalesce(a)", #""coalesce" takes at least 2 arguments, as in coalesce(value, default); got 1"#, 1, 1),
        .init("abs(1, 2)", #""abs" takes 1 argument, as in abs(number); got 2"#, 1, 1),
        .init("exists()", #""exists" takes 1 argument, as in exists(value); got 0"#, 1, 1),
        .init("f(,)", #"unknown function "f"; known functions: abs, all, any, coalesce, count, exists, filter, max, min, sum"#, 1, 1),
        .init("abs(,)", #"expected a value after "(", found ",""#, 1, 5),
        // Limits
        .init(String(repeating: "(", count: 65) + "1" + String(repeating: ")", count: 65), "expression is nested too deeply", 1, 65),
    ]

    @Test(arguments: cases)
    func messageAndPosition(_ example: SyntaxErrorCase) throws {
        let error = try #require(syntaxErrorOf(example.source))
        #expect(error.message == example.message)
        #expect(error.line == example.line)
        #expect(error.column == example.column)
    }

    @Test func descriptionEndsWithThePosition() throws {
        let error = try #require(syntaxErrorOf("a\n = 1"))
        #expect(error.description == #""=" is not an operator; use "==" to compare at 2:2"#)
    }
}
