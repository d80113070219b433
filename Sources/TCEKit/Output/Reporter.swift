/// One output format. The batch runner calls `render` on worker threads, so it must depend
/// on its argument alone; `header` and `footer` frame the stream.
public protocol Reporter: Sendable {
    func header() -> String
    func render(_ result: ReportResult) -> String
    /// `render` as UTF-8 bytes. Reporters that build bytes anyway override it and spare the
    /// batch a String per report; the default converts `render`'s text.
    func renderUTF8(_ result: ReportResult) -> [UInt8]
    /// Written between two rendered reports; a report that renders to nothing (SARIF and GitHub
    /// say nothing about a report without failures) gets no separator.
    var separator: String { get }
    func footer(_ summary: BatchSummary) -> String
}

extension Reporter {
    /// Most formats need no preamble.
    public func header() -> String { "" }

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
    /// Failures that are accepted: reported apart from new ones.
    public var baseline: Baseline?
    /// Paths are printed relative to this folder where they lie inside it (SARIF and GitHub
    /// want paths relative to the checkout); nil leaves them as named.
    public var workingDirectory: String?

    public init(ruleSet: RuleSet, messages: Messages, color: Bool = false, baseline: Baseline? = nil,
                workingDirectory: String? = nil) {
        self.ruleSet = ruleSet
        self.messages = messages
        self.color = color
        self.baseline = baseline
        self.workingDirectory = workingDirectory
    }

    public var language: Language { messages.language }

    /// Whether a failed finding is accepted by the baseline.
    public func isBaselined(_ finding: Finding, of result: ReportResult) -> Bool {
        baseline?.covers(result, finding) ?? false
    }

    /// A file as printed, relative to the working directory when it lies inside it.
    public func relativePath(_ file: String) -> String {
        ArtifactPath.relative(file, to: workingDirectory)
    }
}
