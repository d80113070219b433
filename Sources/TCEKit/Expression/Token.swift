/// Where something stands inside an expression's text: 1-based line and column, counting
/// Characters, so an error can tell a rule author exactly where to look.
struct SourcePosition: Sendable, Hashable {
    var line: Int
    var column: Int

    static let start = SourcePosition(line: 1, column: 1)
}

/// One word, number, text or operator of an expression.
struct Token: Sendable, Equatable {
    var kind: TokenKind
    /// The source text, quoted back in error messages.
    var text: String
    var position: SourcePosition
    /// Character offsets into the expression text, so syntax nodes can quote their own source.
    var start: Int
    var end: Int
}

/// What a token is. Keywords get their own cases so a fact can never be named `and`.
enum TokenKind: Sendable, Hashable {
    case number(Exact)
    case string(String)
    case identifier(String)
    case andKeyword, orKeyword, notKeyword, inKeyword, trueKeyword, falseKeyword
    case plus, minus, star, slash
    case equal, notEqual, less, lessEqual, greater, greaterEqual
    case dot, comma, leftParen, rightParen, leftBracket, rightBracket
    case end

    /// The keywords, by spelling; only these exact lowercase words are reserved.
    static let keywords: [String: TokenKind] = [
        "and": .andKeyword, "or": .orKeyword, "not": .notKeyword, "in": .inKeyword,
        "true": .trueKeyword, "false": .falseKeyword,
    ]
}
