/// One output format. The batch runner calls `render` on worker threads, so it must depend
/// on its argument alone; `header` and `footer` frame the stream.
public protocol Reporter: Sendable {
    func header() -> String
    func render(_ result: ReportResult) -> String
    /// `render` as UTF-8 bytes. Reporters that build bytes anyway override it and spare the
    /// batch a String per report; the default converts `render`'s text.
    func renderUTF8(_ result: ReportResult) -> [UInt8]
    /// Written between two rendered reports.
    var separator: String { get }
    func footer(_ summary: BatchSummary) -> String
}

extension Reporter {
    public var separator: String { "" }

    public func renderUTF8(_ result: ReportResult) -> [UInt8] {
        Array(render(result).utf8)
    }
}

/// What every reporter may need besides the findings.
public struct OutputContext: Sendable {
    public var ruleSet: RuleSet
    public var messages: Messages
    public var color: Bool

    public init(ruleSet: RuleSet, messages: Messages, color: Bool = false) {
        self.ruleSet = ruleSet
        self.messages = messages
        self.color = color
    }

    public var language: Language { messages.language }
}
