/// What one drop says about each enterprise-year, condensed for comparison with another drop:
/// per rule the outcome (a rule fails if any of the enterprise-year's reports fails it), the
/// tier and where the reports are. Only this is kept, not the reports.
public struct DropSnapshot: Sendable {
    /// A failed finding, with enough to show it.
    public struct Failure: Sendable {
        public var rule: String
        public var severity: Rule.Severity
        public var message: String
        public var file: String
        public var line: Int?
    }

    public struct EnterpriseYear: Sendable {
        public var creditCode: String
        public var year: Int
        public var name: String
        /// Every file reporting this enterprise-year, in input order.
        public var files: [String]
        public var tier: String?
        public var totalTce: Exact
        public var outcomes: [String: Finding.Outcome]
        /// The first failure of each failed rule.
        public var failures: [String: Failure]

        public var key: Key { Key(creditCode: creditCode, year: year) }
        public var failing: [String] { failures.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) } }
    }

    /// Drops are matched by credit code and reporting year, never by file name.
    public struct Key: Hashable, Comparable, Sendable {
        public var creditCode: String
        public var year: Int

        public static func < (a: Key, b: Key) -> Bool {
            a.creditCode != b.creditCode ? a.creditCode.utf8.lexicographicallyPrecedes(b.creditCode.utf8) : a.year < b.year
        }
    }

    public struct Invalid: Sendable {
        public var file: String
        public var errors: [Diagnostic]
    }

    public var paths: [String]
    public private(set) var enterpriseYears: [Key: EnterpriseYear] = [:]
    public private(set) var invalid: [Invalid] = []
    public private(set) var reports = 0

    public init(paths: [String]) {
        self.paths = paths
    }

    /// Checks the drop (in parallel, like `tce check`) and condenses it.
    public static func check(_ paths: [String], checker: Checker, archiveLimits: ZipDrop.Limits = ZipDrop.Limits()) -> DropSnapshot {
        var snapshot = DropSnapshot(paths: paths)
        BatchRunner(checker: checker).run(InputSequence(paths, archiveLimits: archiveLimits), render: { _ in () }) { result, _ in
            snapshot.add(result)
        }
        return snapshot
    }

    public mutating func add(_ result: ReportResult) {
        reports += 1
        guard result.status == .checked, let report = result.report, let facts = result.facts else {
            invalid.append(Invalid(file: result.file, errors: result.errors))
            return
        }
        let key = Key(creditCode: report.enterprise.creditCode, year: report.reportingYear)
        var entry = enterpriseYears[key] ?? EnterpriseYear(
            creditCode: key.creditCode, year: key.year, name: report.enterprise.name, files: [], tier: result.tier,
            totalTce: facts.totalTce, outcomes: [:], failures: [:])
        entry.files.append(result.file)
        for f in result.findings {
            switch (entry.outcomes[f.ruleID], f.outcome) {
            case (.fail?, _): break
            case (_, .fail): entry.outcomes[f.ruleID] = .fail
            case (.pass?, _): break
            default: entry.outcomes[f.ruleID] = f.outcome
            }
            if f.isFailure, entry.failures[f.ruleID] == nil {
                entry.failures[f.ruleID] = Failure(rule: f.ruleID, severity: f.severity, message: f.message, file: result.file, line: f.line)
            }
        }
        enterpriseYears[key] = entry
    }
}
