/// Message text with `{expression}` placeholders, e.g. finding messages like
/// "site {site.name} used {site.energy} kWh". Placeholders are parsed when the rule is
/// loaded; `{{` and `}}` stand for literal braces.
public struct Template: Sendable {
    /// Longest template accepted.
    public static let maximumLength = 100_000

    enum Part: Sendable {
        case text(String)
        case placeholder(Expression)
    }

    public let source: String
    let parts: [Part]

    public init(_ source: String) throws(ExpressionSyntaxError) {
        let sourceText = SourceText(source)
        let chars = sourceText.characters
        guard chars.count <= Template.maximumLength else {
            throw ExpressionSyntaxError(
                "template is too long (\(chars.count) characters; at most \(Template.maximumLength))", at: .start)
        }
        var parts: [Part] = []
        var text = ""
        var position = SourcePosition.start
        var i = 0
        // Plain characters are taken a run at a time, up to the next brace.
        var runStart = 0
        func endRun(at end: Int) {
            if end > runStart { text += sourceText[runStart..<end] }
        }
        func step(_ c: Character, _ position: inout SourcePosition) {
            if c.isNewline {
                position.line += 1
                position.column = 1
            } else {
                position.column += 1
            }
        }
        while i < chars.count {
            let c = chars[i]
            let next: Character? = i + 1 < chars.count ? chars[i + 1] : nil
            if c == "}" {
                guard next == "}" else {
                    throw ExpressionSyntaxError(#""}" has no matching "{"; write "}}" for a literal brace"#, at: position)
                }
                endRun(at: i)
                text.append("}")
                i += 2
                runStart = i
                position.column += 2
                continue
            }
            guard c == "{" else {
                step(c, &position)
                i += 1
                continue
            }
            endRun(at: i)
            if next == "{" {
                text.append("{")
                i += 2
                runStart = i
                position.column += 2
                continue
            }
            // A placeholder: up to the first "}" outside quotes.
            let open = position
            guard let close = Template.closingBrace(in: chars, after: i) else {
                throw ExpressionSyntaxError(
                    #"unclosed "{"; end the placeholder with "}", or write "{{" for a literal brace"#, at: open)
            }
            let inner = sourceText[(i + 1)..<close]
            if inner.allSatisfy(\.isWhitespace) {
                throw ExpressionSyntaxError(
                    #"empty placeholder; put an expression between "{" and "}", or write "{{" for a literal brace"#, at: open)
            }
            var origin = open
            origin.column += 1
            let expression = try Expression(source: inner, origin: origin)
            if !text.isEmpty { parts.append(.text(text)) }
            text = ""
            parts.append(.placeholder(expression))
            for k in i...close { step(chars[k], &position) }
            i = close + 1
            runStart = i
        }
        endRun(at: chars.count)
        if !text.isEmpty { parts.append(.text(text)) }
        self.source = source
        self.parts = parts
    }

    /// Every top-level name used in any placeholder, in source order, positioned in the template.
    public var references: [NameReference] {
        parts.flatMap { part -> [NameReference] in
            if case .placeholder(let expression) = part { return expression.references }
            return []
        }
    }

    /// The text with each placeholder replaced by its value: numbers exact (or rounded to
    /// 6 places when they do not terminate), true/false, text as is, lists joined with
    /// ", ", and `missing` for a missing value.
    ///
    /// Built as UTF-8 bytes in stack memory and made a String once: a message is rendered for
    /// every finding, and each `String.append` costs a few hundred instructions (it goes
    /// through the generic text-stream path), several times the copying itself; a byte array
    /// would cost an allocation, its growth and its release on top.
    public func render(in scope: some Scope, missing: String) throws(EvaluationError) -> String {
        // Plain wording (most "not applicable" and many "pass" messages) is the text itself.
        if parts.isEmpty { return "" }
        if parts.count == 1, case .text(let text) = parts[0] { return text }
        return try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: TextBytes.stackCapacity) {
            (stack) throws(EvaluationError) -> String in
            var bytes = TextBytes(stack)
            for part in parts {
                switch part {
                case .text(let text):
                    bytes.append(text)
                case .placeholder(let expression):
                    try Template.append(expression.value(in: scope), missing: missing, at: expression.root.position,
                                        to: &bytes)
                }
            }
            return bytes.string
        }
    }

    private static func append(_ value: Value, missing: String, at position: SourcePosition,
                               to bytes: inout TextBytes) throws(EvaluationError) {
        switch value {
        case .number(let n): n.withFormatted { bytes.append($0) }
        case .string(let s): bytes.append(s)
        case .bool(let b): bytes.append(b ? "true" : "false")
        case .missing: bytes.append(missing)
        case .list(let items):
            for (i, item) in items.enumerated() {
                if i > 0 { bytes.append(", ") }
                try append(item, missing: missing, at: position, to: &bytes)
            }
        case .record:
            throw .typeMismatch(message: "cannot show an element as text; show one of its fields, e.g. {site.name}",
                                line: position.line, column: position.column)
        }
    }

    /// Index of the "}" closing the placeholder opened at `open`, skipping quoted text.
    private static func closingBrace(in chars: [Character], after open: Int) -> Int? {
        var quote: Character?
        var i = open + 1
        while i < chars.count {
            let c = chars[i]
            if let q = quote {
                if c == "\\" {
                    i += 1
                } else if c == q {
                    quote = nil
                }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == "}" {
                return i
            }
            i += 1
        }
        return nil
    }
}

/// A rendered message's bytes: in the caller's stack memory while they fit, in an array past that.
private struct TextBytes {
    /// Longer than nearly every message, short enough for the stack.
    static let stackCapacity = 1024

    private let stack: UnsafeMutableBufferPointer<UInt8>
    private var count = 0
    private var spilled: [UInt8]?

    init(_ stack: UnsafeMutableBufferPointer<UInt8>) {
        self.stack = stack
    }

    mutating func append(_ text: String) {
        if text.utf8.withContiguousStorageIfAvailable({ append($0) }) == nil {
            Array(text.utf8).withUnsafeBufferPointer { append($0) }
        }
    }

    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        if spilled == nil, count + bytes.count <= stack.count, let from = bytes.baseAddress, let to = stack.baseAddress {
            (to + count).update(from: from, count: bytes.count)
            count += bytes.count
            return
        }
        if spilled == nil { spilled = Array(UnsafeBufferPointer(rebasing: stack[0..<count])) }
        spilled!.append(contentsOf: bytes)
    }

    var string: String {
        if let spilled { return String(decoding: spilled, as: UTF8.self) }
        return String(decoding: UnsafeBufferPointer(rebasing: stack[0..<count]), as: UTF8.self)
    }
}
