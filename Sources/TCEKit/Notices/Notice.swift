/// One notice to one enterprise for one reporting year, with everything its templates show.
/// Built from a `ReportResult` on a worker thread; numbered later, in output order.
public struct Notice: Sendable {
    /// A failed rule on a rectification notice.
    public struct Item: Sendable {
        public var ruleID: String
        public var title: String
        /// The requirement as the speech (or standard) words it, and where it says so.
        public var quote: String
        public var quoteSource: String?
        /// What the check found, in the rule's own words.
        public var message: String
        public var measured: String?
        public var threshold: String?
        public var unit: String?
        public var action: String
        public var severity: Rule.Severity
        public var deadline: CivilDate
        public var deadlineDays: Int
    }

    /// A tier duty on a letter notice, and whether the report shows it met.
    public struct Obligation: Sendable {
        public var ruleID: String
        public var title: String
        public var quote: String
        public var met: Bool
        public var message: String
        public var action: String
    }

    public var kind: NoticeKind
    public var issueDate: CivilDate
    public var enterpriseName: String
    public var creditCode: String
    public var reportingYear: Int
    public var totalTce: Exact
    public var tier: RuleSet.Tier?
    /// The report the notice is about, as the batch named it.
    public var sourceFile: String
    public var items: [Item] = []
    public var obligations: [Obligation] = []
    /// Set in output order: the sequence number and the document number made from it.
    public var seq: Int = 0
    public var number: String = ""
    /// File name without extension, set when the notice is placed in the output folder.
    public var fileStem: String = ""

    /// The deadline for the notice as a whole: the default number of days after issue.
    public func deadline(_ config: NoticeConfig) -> CivilDate {
        issueDate.adding(days: config.deadlineDays)
    }

    /// `<CreditCode>-<year>` plus the kind's suffix, before sanitising.
    public var baseName: String {
        "\(creditCode)-\(reportingYear)\(kind.fileSuffix)"
    }
}
