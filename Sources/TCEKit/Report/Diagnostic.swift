/// A problem with one input, located in that input: what a person needs to fix it.
public struct Diagnostic: Sendable, Equatable, Error, CustomStringConvertible {
    public var message: String
    public var line: Int?
    public var column: Int?

    /// Longer messages are cut: libxml2 quotes offending values whole, and a value can be
    /// megabytes long.
    public static let maximumMessageLength = 400

    public init(_ message: String, line: Int? = nil, column: Int? = nil) {
        self.message = Self.shortened(message)
        self.line = line
        self.column = column
    }

    public var description: String {
        switch (line, column) {
        case let (l?, c?): "\(l):\(c): \(message)"
        case let (l?, nil): "\(l): \(message)"
        default: message
        }
    }

    private static func shortened(_ message: String) -> String {
        guard message.utf8.count > maximumMessageLength else { return message }
        let count = message.count
        guard count > maximumMessageLength else { return message }
        let keep = maximumMessageLength - 100
        return String(message.prefix(keep)) + "… [\(count - keep) more characters] …" + String(message.suffix(60))
    }
}
