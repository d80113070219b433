import Testing
@testable import TCEKit

@Suite("Expression lexer")
struct LexerTests {
    private func kinds(_ source: String) throws -> [TokenKind] {
        try Lexer.tokens(of: Array(source)).map(\.kind)
    }

    @Test func operatorsKeywordsAndLiterals() throws {
        let tokens = try kinds(#"a.b >= 12.5 and not "x" in ['y'] or c != -1"#)
        #expect(tokens == [
            .identifier("a"), .dot, .identifier("b"), .greaterEqual, .number(try Exact(decimal: "12.5")),
            .andKeyword, .notKeyword, .string("x"), .inKeyword, .leftBracket, .string("y"), .rightBracket,
            .orKeyword, .identifier("c"), .notEqual, .minus, .number(.one), .end,
        ])
        #expect(try kinds("== < <= > >= + * / , ( )") == [
            .equal, .less, .lessEqual, .greater, .greaterEqual, .plus, .star, .slash, .comma,
            .leftParen, .rightParen, .end,
        ])
        #expect(try kinds("true false") == [.trueKeyword, .falseKeyword, .end])
    }

    @Test func minusIsNeverPartOfAName() throws {
        #expect(try kinds("a-b") == [.identifier("a"), .minus, .identifier("b"), .end])
    }

    @Test func namesMayUseAnyScriptDigitsAndUnderscores() throws {
        #expect(try kinds("énergie_2 名前 _x") == [
            .identifier("énergie_2"), .identifier("名前"), .identifier("_x"), .end,
        ])
        // Keywords are exact lowercase words; longer words merely start with them.
        #expect(try kinds("android notice") == [.identifier("android"), .identifier("notice"), .end])
    }

    @Test func stringsWithEscapes() throws {
        #expect(try kinds(#"'it\'s' "say \"hi\"" "a\\b" 'mixed "q"'"#) == [
            .string("it's"), .string(#"say "hi""#), .string(#"a\b"#), .string(#"mixed "q""#), .end,
        ])
    }

    @Test func numbersAreExact() throws {
        let tokens = try kinds("0.1 007 123456789012345678901234567890")
        #expect(tokens[0] == .number(try Exact(numerator: 1, denominator: 10)))
        #expect(tokens[1] == .number(Exact(integer: 7)))
        #expect(tokens[2] == .number(try Exact(decimal: "123456789012345678901234567890")))
    }

    @Test func positionsCountLinesAndCharacters() throws {
        let tokens = try Lexer.tokens(of: Array("a\n  + é\t== \"👍🏽\"  x"))
        let positions = tokens.map { "\($0.position.line):\($0.position.column)" }
        // a, +, é, ==, "👍🏽" (one character), x, end
        #expect(positions == ["1:1", "2:3", "2:5", "2:7", "2:10", "2:15", "2:16"])
        #expect(tokens.map(\.text) == ["a", "+", "é", "==", "\"👍🏽\"", "x", ""])
    }

    @Test func positionsStartAtTheGivenOrigin() throws {
        let tokens = try Lexer.tokens(of: Array("a +\nb"), origin: SourcePosition(line: 3, column: 7))
        #expect(tokens.map(\.position) == [
            SourcePosition(line: 3, column: 7), SourcePosition(line: 3, column: 9),
            SourcePosition(line: 4, column: 1), SourcePosition(line: 4, column: 2),
        ])
    }
}
