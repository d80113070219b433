/// Recursive-descent parser for rule expressions. Precedence, lowest first:
/// `or`, `and`, `not`, comparison (`== != < <= > >= in`, `not in`; no chaining),
/// `+ -`, `* /`, unary `-`, postfix (`.field`). Nesting is capped so a hostile rule
/// cannot exhaust the stack, here or later during evaluation.
struct Parser {
    /// Deepest allowed nesting of brackets, unary operators and syntax nodes.
    static let maximumDepth = 64

    private let tokens: [Token]
    private let source: SourceText
    private var index = 0
    private var nesting = 0
    /// True inside the condition of any/all/count/filter/sum, where `it` is the element;
    /// elsewhere `it` is read from the scope and so counts as a reference.
    private var elementBound = false
    private var references: [NameReference] = []

    private init(tokens: [Token], source: SourceText) {
        self.tokens = tokens
        self.source = source
    }

    /// Parses `source` whose first character stands at `origin` (not 1:1 inside a template).
    static func parse(_ source: SourceText, origin: SourcePosition = .start) throws(ExpressionSyntaxError)
        -> (root: SyntaxNode, references: [NameReference])
    {
        let tokens = try Lexer.tokens(of: source, origin: origin)
        var parser = Parser(tokens: tokens, source: source)
        let root = try parser.parseRoot()
        return (root, parser.references)
    }

    // MARK: Levels

    private mutating func parseRoot() throws(ExpressionSyntaxError) -> SyntaxNode {
        if current.kind == .end { throw fail("the expression is empty", at: current.position) }
        let root = try parseOr()
        guard current.kind == .end else { throw unexpectedAfterValue() }
        return root
    }

    private mutating func parseOr() throws(ExpressionSyntaxError) -> SyntaxNode {
        let start = current.start
        let first = try parseAnd()
        guard current.kind == .orKeyword else { return first }
        var operands = [first]
        while current.kind == .orKeyword {
            advance()
            operands.append(try parseAnd())
        }
        return try make(.or(operands), at: first.position, from: start, children: operands)
    }

    private mutating func parseAnd() throws(ExpressionSyntaxError) -> SyntaxNode {
        let start = current.start
        let first = try parseNot()
        guard current.kind == .andKeyword else { return first }
        var operands = [first]
        while current.kind == .andKeyword {
            advance()
            operands.append(try parseNot())
        }
        return try make(.and(operands), at: first.position, from: start, children: operands)
    }

    private mutating func parseNot() throws(ExpressionSyntaxError) -> SyntaxNode {
        guard current.kind == .notKeyword else { return try parseComparison() }
        let token = advance()
        try enter(token)
        let operand = try parseNot()
        leave()
        return try make(.not(operand), at: token.position, from: token.start, children: [operand])
    }

    private mutating func parseComparison() throws(ExpressionSyntaxError) -> SyntaxNode {
        let start = current.start
        let left = try parseAdditive()
        guard let (op, token) = try comparisonOperator() else { return left }
        let right = try parseAdditive()
        if try comparisonOperator(consume: false) != nil {
            throw fail(#"comparisons cannot be chained; join them with "and", e.g. a < b and b < c"#,
                       at: current.position)
        }
        return try make(.comparison(op, left, right), at: token.position, from: start, children: [left, right])
    }

    /// The comparison operator at the current token, consumed unless `consume` is false.
    private mutating func comparisonOperator(consume: Bool = true) throws(ExpressionSyntaxError)
        -> (ComparisonOperator, Token)?
    {
        let token = current
        let op: ComparisonOperator
        switch token.kind {
        case .equal: op = .equal
        case .notEqual: op = .notEqual
        case .less: op = .less
        case .lessEqual: op = .lessEqual
        case .greater: op = .greater
        case .greaterEqual: op = .greaterEqual
        case .inKeyword: op = .in
        case .notKeyword:
            guard peekKind(1) == .inKeyword else {
                throw fail(#"unexpected "not" after "\#(previousText)"; write "not in" to test a list, or put "not" before a condition"#,
                           at: token.position)
            }
            if consume { advance() }
            op = .notIn
        default:
            return nil
        }
        if consume { advance() }
        return (op, token)
    }

    private mutating func parseAdditive() throws(ExpressionSyntaxError) -> SyntaxNode {
        try parseChain(of: [.plus: .add, .minus: .subtract]) { parser throws(ExpressionSyntaxError) in
            try parser.parseMultiplicative()
        }
    }

    private mutating func parseMultiplicative() throws(ExpressionSyntaxError) -> SyntaxNode {
        try parseChain(of: [.star: .multiply, .slash: .divide]) { parser throws(ExpressionSyntaxError) in
            try parser.parseUnary()
        }
    }

    /// A left-to-right chain of one precedence level, kept flat.
    private mutating func parseChain(
        of operators: [TokenKind: ArithmeticOperator],
        operand: (inout Parser) throws(ExpressionSyntaxError) -> SyntaxNode
    ) throws(ExpressionSyntaxError) -> SyntaxNode {
        let start = current.start
        let first = try operand(&self)
        var steps: [ArithmeticStep] = []
        while let op = operators[current.kind] {
            let token = advance()
            let next = try operand(&self)
            steps.append(ArithmeticStep(op: op, operand: next, position: token.position, text: text(from: start)))
        }
        guard !steps.isEmpty else { return first }
        return try make(.arithmetic(first, steps), at: first.position, from: start,
                        children: [first] + steps.map(\.operand))
    }

    private mutating func parseUnary() throws(ExpressionSyntaxError) -> SyntaxNode {
        guard current.kind == .minus else { return try parsePostfix() }
        let token = advance()
        try enter(token)
        let operand = try parseUnary()
        leave()
        return try make(.negate(operand), at: token.position, from: token.start, children: [operand])
    }

    private mutating func parsePostfix() throws(ExpressionSyntaxError) -> SyntaxNode {
        let start = current.start
        let referencesBefore = references.count
        var node = try parsePrimary()
        // When the chain starts with a scope name, its reference gets the full dotted path.
        var reference: Int?
        switch node.kind {
        case .name, .element: if references.count == referencesBefore + 1 { reference = referencesBefore }
        default: break
        }
        while true {
            if current.kind == .dot {
                advance()
                let token = current
                guard let name = Parser.fieldName(token.kind) else {
                    let found = token.kind == .end ? "" : #", found "\#(token.text)""#
                    throw fail(#"expected a field name after ".""# + found, at: token.position)
                }
                advance()
                let path = Parser.pathText(of: node) + "." + name
                node = try make(.field(node, name: name, path: path, hint: -1), at: token.position, from: start, children: [node])
                if let r = reference {
                    let old = references[r]
                    references[r] = NameReference(name: old.name, path: path, line: old.line, column: old.column)
                }
            } else if current.kind == .leftParen {
                if case .field(_, let name, _, _) = node.kind {
                    throw fail(#"only functions can be called; "\#(name)" is a field"#, at: current.position)
                }
                throw fail(#"unexpected "(" after "\#(previousText)"; only functions such as sum(…) can be called"#,
                           at: current.position)
            } else {
                return node
            }
        }
    }

    private mutating func parsePrimary() throws(ExpressionSyntaxError) -> SyntaxNode {
        let token = current
        switch token.kind {
        case .number(let n):
            advance()
            return try make(.literal(.number(n)), at: token.position, from: token.start, children: [])
        case .string(let s):
            advance()
            return try make(.literal(.string(s)), at: token.position, from: token.start, children: [])
        case .trueKeyword, .falseKeyword:
            advance()
            return try make(.literal(.bool(token.kind == .trueKeyword)), at: token.position, from: token.start, children: [])
        case .leftParen:
            advance()
            try enter(token)
            let inner = try parseOr()
            guard current.kind == .rightParen else {
                if current.kind == .end { throw fail(#"unclosed "("; add ")""#, at: token.position) }
                throw unexpectedAfterValue()
            }
            advance()
            leave()
            return inner
        case .leftBracket:
            advance()
            try enter(token)
            let items = try parseItems(closing: .rightBracket, opener: token) { _ in false }
            leave()
            return try make(.list(items), at: token.position, from: token.start, children: items)
        case .identifier(let name):
            if peekKind(1) == .leftParen { return try parseCall(name: token) }
            advance()
            if name == "it" && elementBound {
                return try make(.element, at: token.position, from: token.start, children: [])
            }
            references.append(NameReference(name: name, path: name, line: token.position.line,
                                             column: token.position.column))
            return try make(name == "it" ? .element : .name(name), at: token.position, from: token.start, children: [])
        default:
            throw expectedValue()
        }
    }

    private mutating func parseCall(name token: Token) throws(ExpressionSyntaxError) -> SyntaxNode {
        guard case .identifier(let name) = token.kind, let function = BuiltinFunction(rawValue: name) else {
            throw fail(#"unknown function "\#(token.text)"; known functions: \#(BuiltinFunction.knownNames)"#,
                       at: token.position)
        }
        advance()
        let open = advance()
        try enter(open)
        let args = try parseItems(closing: .rightParen, opener: open) { index in
            function.bindsElement && index == 1
        }
        leave()
        guard function.arity.contains(args.count) else {
            throw fail(function.arityMessage(got: args.count), at: token.position)
        }
        return try make(.call(function, args), at: token.position, from: token.start, children: args)
    }

    /// Comma-separated expressions up to `closing` (already past the opener).
    /// `bindsElement(i)` says whether `it` means the list element inside item `i`.
    private mutating func parseItems(
        closing: TokenKind, opener: Token, bindsElement: (Int) -> Bool
    ) throws(ExpressionSyntaxError) -> [SyntaxNode] {
        var items: [SyntaxNode] = []
        if current.kind == closing {
            advance()
            return items
        }
        while true {
            let outer = elementBound
            if bindsElement(items.count) { elementBound = true }
            items.append(try parseOr())
            elementBound = outer
            switch current.kind {
            case .comma:
                advance()
            case closing:
                advance()
                return items
            case .end:
                let close = closing == .rightParen ? ")" : "]"
                throw fail(#"unclosed "\#(opener.text)"; add "\#(close)""#, at: opener.position)
            default:
                if Parser.startsValue(current.kind) {
                    throw fail(#"missing "," between "\#(previousText)" and "\#(current.text)""#, at: current.position)
                }
                throw unexpectedAfterValue()
            }
        }
    }

    // MARK: Errors

    /// A complete value was followed by something that cannot continue it.
    private func unexpectedAfterValue() -> ExpressionSyntaxError {
        let token = current
        switch token.kind {
        case .rightParen: return fail(#"")" has no matching "(""#, at: token.position)
        case .rightBracket: return fail(#""]" has no matching "[""#, at: token.position)
        case .comma: return fail(#""," can only separate list items or function arguments"#, at: token.position)
        default:
            return fail(#"expected an operator between "\#(previousText)" and "\#(token.text)""#, at: token.position)
        }
    }

    /// A value (number, text, name, call, list, bracket) was needed here.
    private func expectedValue() -> ExpressionSyntaxError {
        let token = current
        if token.kind == .end {
            guard index > 0 else { return fail("the expression is empty", at: token.position) }
            return fail(#"expected a value after "\#(previousText)""#, at: token.position)
        }
        if token.kind == .dot, case .number = peekKind(1) {
            let digits = tokens[index + 1].text
            return fail(#"a number needs a digit before the point; write 0.\#(digits)"#, at: token.position)
        }
        guard index > 0 else { return fail(#"expected a value, found "\#(token.text)""#, at: token.position) }
        return fail(#"expected a value after "\#(previousText)", found "\#(token.text)""#, at: token.position)
    }

    private func fail(_ message: String, at position: SourcePosition) -> ExpressionSyntaxError {
        ExpressionSyntaxError(message, at: position)
    }

    // MARK: Helpers

    private var current: Token { tokens[index] }
    private var previousText: String { index > 0 ? tokens[index - 1].text : "" }

    private func peekKind(_ offset: Int) -> TokenKind { tokens[min(index + offset, tokens.count - 1)].kind }

    @discardableResult
    private mutating func advance() -> Token {
        let token = tokens[index]
        if index < tokens.count - 1 { index += 1 }
        return token
    }

    private mutating func enter(_ token: Token) throws(ExpressionSyntaxError) {
        nesting += 1
        if nesting > Parser.maximumDepth { throw fail("expression is nested too deeply", at: token.position) }
    }

    private mutating func leave() { nesting -= 1 }

    /// Source text from character `start` through the last consumed token.
    private func text(from start: Int) -> String {
        let end = index > 0 ? tokens[index - 1].end : start
        return end > start ? source[start..<end] : ""
    }

    private func make(_ kind: SyntaxKind, at position: SourcePosition, from start: Int,
                      children: [SyntaxNode]) throws(ExpressionSyntaxError) -> SyntaxNode {
        // Leaves have depth 0, so the limit counts operators and calls, like bracket nesting.
        let depth = children.isEmpty ? 0 : 1 + (children.map(\.depth).max() ?? 0)
        if depth > Parser.maximumDepth { throw fail("expression is nested too deeply", at: position) }
        return SyntaxNode(kind: kind, position: position, text: text(from: start), depth: depth)
    }

    /// Field names are words; keywords are accepted too, since data may use them.
    private static func fieldName(_ kind: TokenKind) -> String? {
        if case .identifier(let name) = kind { return name }
        return TokenKind.keywords.first { $0.value == kind }?.key
    }

    private static func pathText(of node: SyntaxNode) -> String {
        switch node.kind {
        case .name(let name), .slot(_, let name): name
        case .element: "it"
        case .field(_, _, let path, _): path
        default: node.text
        }
    }

    private static func startsValue(_ kind: TokenKind) -> Bool {
        switch kind {
        case .number, .string, .identifier, .trueKeyword, .falseKeyword, .leftParen, .leftBracket, .notKeyword: true
        default: false
        }
    }
}
