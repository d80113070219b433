/// Turns expression text into tokens, so the parser sees words and operators and every
/// error can point at a line and column. Strict on purpose: anything it does not know is
/// an error with a hint, never silently skipped.
struct Lexer {
    private let source: SourceText
    private let chars: [Character]
    private var index = 0
    private var position: SourcePosition

    init(_ source: SourceText, origin: SourcePosition = .start) {
        self.source = source
        self.chars = source.characters
        self.position = origin
    }

    /// All tokens of `chars`, ending with one `.end` token (positioned just past the text).
    static func tokens(of chars: [Character], origin: SourcePosition = .start) throws(ExpressionSyntaxError) -> [Token] {
        try tokens(of: SourceText(chars), origin: origin)
    }

    static func tokens(of source: SourceText, origin: SourcePosition = .start) throws(ExpressionSyntaxError) -> [Token] {
        var lexer = Lexer(source, origin: origin)
        var result: [Token] = []
        while true {
            let token = try lexer.next()
            result.append(token)
            if token.kind == .end { return result }
        }
    }

    mutating func next() throws(ExpressionSyntaxError) -> Token {
        while let c = peek(), c.isWhitespace { advance() }
        let start = index, at = position
        guard let c = peek() else {
            return Token(kind: .end, text: "", position: at, start: start, end: start)
        }
        if Lexer.isDigit(c) { return try number() }
        if c.isLetter || c == "_" { return try word() }
        if c == "\"" || c == "'" { return try string(quote: c) }
        advance()
        let kind: TokenKind
        switch c {
        case "+": kind = .plus
        case "-": kind = .minus
        case "*": kind = .star
        case "/": kind = .slash
        case ".": kind = .dot
        case ",": kind = .comma
        case "(": kind = .leftParen
        case ")": kind = .rightParen
        case "[": kind = .leftBracket
        case "]": kind = .rightBracket
        case "=":
            guard peek() == "=" else { throw ExpressionSyntaxError(#""=" is not an operator; use "==" to compare"#, at: at) }
            advance()
            kind = .equal
        case "!":
            guard peek() == "=" else { throw ExpressionSyntaxError(#""!" is not an operator; use "not" to negate"#, at: at) }
            advance()
            kind = .notEqual
        case "<":
            if peek() == "=" {
                advance()
                kind = .lessEqual
            } else if peek() == ">" {
                throw ExpressionSyntaxError(#""<>" is not an operator; use "!=" for "not equal""#, at: at)
            } else {
                kind = .less
            }
        case ">":
            if peek() == "=" {
                advance()
                kind = .greaterEqual
            } else {
                kind = .greater
            }
        case "&", "|":
            let text = peek() == c ? "\(c)\(c)" : "\(c)"
            let word = c == "&" ? "and" : "or"
            throw ExpressionSyntaxError(#""\#(text)" is not an operator; use "\#(word)""#, at: at)
        default:
            throw ExpressionSyntaxError(#""\#(c)" cannot be used in an expression"#, at: at)
        }
        return token(kind, from: start, at: at)
    }

    // MARK: Token kinds

    /// Same strict syntax as `Exact(decimal:)`: digits, optionally a point and more digits.
    private mutating func number() throws(ExpressionSyntaxError) -> Token {
        let start = index, at = position
        skipDigits()
        if peek() == "." {
            if let d = peek(1), Lexer.isDigit(d) {
                advance()
                skipDigits()
                if peek() == ".", let d = peek(1), Lexer.isDigit(d) {
                    while let c = peek(), Lexer.isDigit(c) || c == "." { advance() }
                    throw ExpressionSyntaxError(#"number "\#(text(from: start))" has more than one point"#, at: at)
                }
            } else {
                advance()
                let text = text(from: start)
                throw ExpressionSyntaxError(#"number "\#(text)" needs digits after the point, e.g. \#(text)0"#, at: at)
            }
        }
        if let c = peek(), c.isLetter || c == "_" {
            while let c = peek(), Lexer.isWordCharacter(c) { advance() }
            throw ExpressionSyntaxError(
                #""\#(text(from: start))" is neither a number nor a name; names cannot start with a digit"#, at: at)
        }
        let text = text(from: start)
        do throws(NumberSyntaxError) {
            return token(.number(try Exact(decimal: text)), from: start, at: at)
        } catch {
            let reason = error == .tooManyDigits ? "has too many digits (at most 30)" : "is not a valid number"
            throw ExpressionSyntaxError(#"number "\#(text)" \#(reason)"#, at: at)
        }
    }

    private mutating func word() throws(ExpressionSyntaxError) -> Token {
        let start = index, at = position
        while let c = peek(), Lexer.isWordCharacter(c) { advance() }
        let text = text(from: start)
        if let keyword = TokenKind.keywords[text] { return token(keyword, from: start, at: at) }
        let lower = text.lowercased()
        if TokenKind.keywords[lower] != nil {
            throw ExpressionSyntaxError(#""\#(text)" must be written in lowercase: "\#(lower)""#, at: at)
        }
        return token(.identifier(text), from: start, at: at)
    }

    private mutating func string(quote: Character) throws(ExpressionSyntaxError) -> Token {
        let start = index, at = position
        advance()
        var value = ""
        while true {
            guard let c = peek() else {
                throw ExpressionSyntaxError("unclosed quote; end the text with \(quote)", at: at)
            }
            if c == quote {
                advance()
                return token(.string(value), from: start, at: at)
            }
            if c == "\\" {
                let escapeAt = position
                advance()
                guard let escaped = peek() else {
                    throw ExpressionSyntaxError("unclosed quote; end the text with \(quote)", at: at)
                }
                guard escaped == "\"" || escaped == "'" || escaped == "\\" else {
                    throw ExpressionSyntaxError(
                        #"unknown escape "\\#(escaped)" in text; only \", \' and \\ are allowed"#, at: escapeAt)
                }
                value.append(escaped)
                advance()
                continue
            }
            value.append(c)
            advance()
        }
    }

    // MARK: Characters

    private func peek(_ offset: Int = 0) -> Character? {
        index + offset < chars.count ? chars[index + offset] : nil
    }

    private mutating func advance() {
        let c = chars[index]
        index += 1
        if c.isNewline {
            position.line += 1
            position.column = 1
        } else {
            position.column += 1
        }
    }

    private mutating func skipDigits() {
        while let c = peek(), Lexer.isDigit(c) { advance() }
    }

    private func text(from start: Int) -> String { source[start..<index] }

    private func token(_ kind: TokenKind, from start: Int, at: SourcePosition) -> Token {
        Token(kind: kind, text: text(from: start), position: at, start: start, end: index)
    }

    static func isDigit(_ c: Character) -> Bool { c.isASCII && c.isWholeNumber }

    /// Letters (any script), digits and `_`; not `-`, so `a-b` is a subtraction.
    static func isWordCharacter(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" }
}
