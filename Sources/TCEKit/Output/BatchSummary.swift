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
    public var byRule: [String: RuleCounts] {
        get { Dictionary(uniqueKeysWithValues: zip(ruleIDs, ruleCounts)) }
        set {
            ruleIDs = Array(newValue.keys)
            ruleCounts = ruleIDs.map { newValue[$0]! }
        }
    }
    public var ruleErrors: [String] = []
    /// Counts by rule, in the order findings come (the rule set's): a batch adds thirteen
    /// findings per report, and finding a rule's slot by position beats hashing its id.
    private var ruleIDs: [String] = []
    private var ruleCounts: [RuleCounts] = []

    public init() {}

    public mutating func add(_ result: ReportResult) {
        reports += 1
        guard result.status == .checked else {
            invalid += 1
            return
        }
        checked += 1
        var anyFailure = false
        for (position, f) in result.findings.enumerated() {
            let slot: Int
            if position < ruleIDs.count, ruleIDs[position] == f.ruleID {
                slot = position
            } else if let found = ruleIDs.firstIndex(of: f.ruleID) {
                slot = found
            } else {
                ruleIDs.append(f.ruleID)
                ruleCounts.append(RuleCounts())
                slot = ruleIDs.count - 1
            }
            switch f.outcome {
            case .pass: ruleCounts[slot].pass += 1
            case .fail:
                ruleCounts[slot].fail += 1
                anyFailure = true
                failedBySeverity[f.severity, default: 0] += 1
            case .notApplicable: ruleCounts[slot].notApplicable += 1
            }
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
