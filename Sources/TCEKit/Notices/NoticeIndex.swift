/// What `index.html` lists: a small row per notice written, the failures, and the batch totals.
/// Only these rows stay in memory while the batch streams past.
public struct NoticeIndex: Sendable {
    public struct Row: Sendable {
        public var kind: NoticeKind
        public var number: String
        public var enterpriseName: String
        public var creditCode: String
        public var reportingYear: Int
        /// The titles of the failed rules, for a rectification notice.
        public var failedRules: [String]
        public var tier: String?
        public var totalTce: Exact
        /// File names (within the output folder) by format.
        public var files: [NoticeFormat: String]
    }

    /// A file that could not be written, and why.
    public struct Failure: Sendable, Equatable {
        public var file: String
        public var reason: String
    }

    public var issueDate: CivilDate
    public var rows: [Row] = []
    public var failures: [Failure] = []
    public var summary = BatchSummary()

    public init(issueDate: CivilDate) {
        self.issueDate = issueDate
    }

    public func count(_ kind: NoticeKind) -> Int {
        rows.count { $0.kind == kind }
    }
}
