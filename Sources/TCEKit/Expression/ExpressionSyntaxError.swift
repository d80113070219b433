/// A rule expression that cannot be read, with a plain message for the rule author and
/// the line and column (within the expression or template text) where the problem is.
public struct ExpressionSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public let line: Int
    public let column: Int

    public init(message: String, line: Int, column: Int) {
        self.message = message
        self.line = line
        self.column = column
    }

    init(_ message: String, at position: SourcePosition) {
        self.init(message: message, line: position.line, column: position.column)
    }

    public var description: String { "\(message) at \(line):\(column)" }
}
