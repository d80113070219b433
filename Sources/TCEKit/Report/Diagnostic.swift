/// A problem with one input, located in that input: what a person needs to fix it.
public struct Diagnostic: Sendable, Equatable, Error, CustomStringConvertible {
    public var message: String
    public var line: Int?
    public var column: Int?

    public init(_ message: String, line: Int? = nil, column: Int? = nil) {
        self.message = message
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
}
