/// Totals over a batch, gathered in order as results stream past.
public struct BatchSummary: Sendable {
    public struct RuleCounts: Sendable {
        public var pass = 0, fail = 0, notApplicable = 0
    }

    public var reports = 0
    public var checked = 0
    public var invalid = 0
    /// Checked reports with at least one failed finding.
    public var failed = 0
    public var failedBySeverity: [Rule.Severity: Int] = [:]
    public var byRule: [String: RuleCounts] = [:]
    public var ruleErrors: [String] = []

    public init() {}

    public mutating func add(_ result: ReportResult) {
        reports += 1
        guard result.status == .checked else {
            invalid += 1
            return
        }
        checked += 1
        var anyFailure = false
        for f in result.findings {
            var counts = byRule[f.ruleID] ?? RuleCounts()
            switch f.outcome {
            case .pass: counts.pass += 1
            case .fail:
                counts.fail += 1
                anyFailure = true
                failedBySeverity[f.severity, default: 0] += 1
            case .notApplicable: counts.notApplicable += 1
            }
            byRule[f.ruleID] = counts
            if let e = f.ruleError, ruleErrors.count < 100, !ruleErrors.contains(e) { ruleErrors.append(e) }
        }
        if anyFailure { failed += 1 }
    }

    /// SPEC exit codes: 2 if any input is invalid (or a rule broke), 1 if a failure at or above
    /// `failOn` severity, else 0.
    public func exitCode(failOn: Rule.Severity? = .error) -> Int32 {
        if invalid > 0 || !ruleErrors.isEmpty { return 2 }
        guard let failOn else { return 0 }
        let failing = failedBySeverity.contains { $0.key.rank >= failOn.rank && $0.value > 0 }
        return failing ? 1 : 0
    }
}
