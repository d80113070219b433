/// A name an expression reads from its scope, so rule loading can check every name
/// (and the fields read from it) against the facts a rule may use, before any report.
public struct NameReference: Sendable, Hashable {
    /// The top-level name, e.g. `site` in `site.energy.total`.
    public let name: String
    /// The name with the fields written directly after it, e.g. `site.energy.total`.
    public let path: String
    /// Where the name stands (within the expression, or within the whole template).
    public let line: Int
    public let column: Int

    public init(name: String, path: String, line: Int, column: Int) {
        self.name = name
        self.path = path
        self.line = line
        self.column = column
    }
}
