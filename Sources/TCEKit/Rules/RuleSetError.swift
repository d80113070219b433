/// A mistake in a rules file, located so that whoever edits the file can find it.
public struct RuleSetError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var column: Int?
    public var message: String

    public init(file: String, line: Int? = nil, column: Int? = nil, _ message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        var location = file
        if let line { location += ":\(line)" }
        if let column { location += ":\(column)" }
        return "\(location): \(message)"
    }
}

/// All the mistakes found in a rule set, so one run shows every one of them.
public struct RuleSetErrors: Error, Sendable, CustomStringConvertible {
    public var errors: [RuleSetError]

    public init(_ errors: [RuleSetError]) { self.errors = errors }

    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
