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
    /// Failed findings by severity, baselined ones included.
    public var failedBySeverity: [Rule.Severity: Int] = [:]
    /// The part of `failedBySeverity` that the baseline accepts.
    public var baselinedBySeverity: [Rule.Severity: Int] = [:]
    /// Outcomes by rule id.
    public var byRule: [String: RuleCounts] {
        get { Dictionary(uniqueKeysWithValues: zip(ruleIDs, ruleCounts)) }
        set {
            ruleIDs = newValue.keys.sorted { $0.utf8Precedes($1) }
            ruleCounts = ruleIDs.map { newValue[$0]! }
        }
    }
    /// `byRule` as two lists in the order rules were first met: a checked report's findings come
    /// in the rule set's order, so finding i is counted at position i without hashing its id.
    private var ruleIDs: [String] = []
    private var ruleCounts: [RuleCounts] = []
    public var ruleErrors: [String] = []
    /// What makes the run fail: `--fail-on`, `--baseline`, `--strict-baseline`.
    public var gate: Gate
    private var matchedBaseline: Set<Baseline.Key> = []

    public init(gate: Gate = Gate()) {
        self.gate = gate
    }

    public mutating func add(_ result: ReportResult) {
        reports += 1
        guard result.status == .checked else {
            invalid += 1
            return
        }
        checked += 1
        var anyFailure = false
        // By index: reading a few fields of each finding, not copying (and retaining) all of it.
        for i in result.findings.indices {
            let outcome = result.findings[i].outcome, severity = result.findings[i].severity
            let slot = slot(of: result.findings[i].ruleID, at: i)
            switch outcome {
            case .pass: ruleCounts[slot].pass += 1
            case .fail:
                ruleCounts[slot].fail += 1
                anyFailure = true
                failedBySeverity[severity, default: 0] += 1
                if let baseline = gate.baseline, let key = Baseline.key(result, result.findings[i]), baseline.contains(key) {
                    baselinedBySeverity[severity, default: 0] += 1
                    matchedBaseline.insert(key)
                }
            case .notApplicable: ruleCounts[slot].notApplicable += 1
            }
            if let e = result.findings[i].ruleError, ruleErrors.count < 100, !ruleErrors.contains(e) { ruleErrors.append(e) }
        }
        if anyFailure { failed += 1 }
    }

    /// Where `ruleID`'s counts are: at `position` when the rule was met there before (the usual
    /// case; identical strings compare at once), else found or added.
    private mutating func slot(of ruleID: String, at position: Int) -> Int {
        if position < ruleIDs.count && ruleIDs[position] == ruleID { return position }
        if let found = ruleIDs.firstIndex(of: ruleID) { return found }
        ruleIDs.append(ruleID)
        ruleCounts.append(RuleCounts())
        return ruleIDs.count - 1
    }

    /// Failed findings the baseline does not accept, by severity.
    public var newBySeverity: [Rule.Severity: Int] {
        failedBySeverity.reduce(into: [:]) { $0[$1.key] = $1.value - (baselinedBySeverity[$1.key] ?? 0) }
    }

    public var newFailures: Int { newBySeverity.values.reduce(0, +) }
    public var baselinedFailures: Int { baselinedBySeverity.values.reduce(0, +) }

    /// Baseline entries that no run result matched: fixed (or gone from the drop), so the
    /// baseline should lose them. Sorted as the baseline is.
    public var staleBaseline: [Baseline.Entry] {
        gate.baseline?.entries.filter { !matchedBaseline.contains($0.key) } ?? []
    }

    /// SPEC exit codes: 2 if any input is invalid (or a rule broke); 1 if a failure the baseline
    /// does not accept is at or above `failOn`, or if `--strict-baseline` finds stale entries; else 0.
    public func exitCode(failOn: Rule.Severity? = .error) -> Int32 {
        if invalid > 0 || !ruleErrors.isEmpty { return 2 }
        if gate.strictBaseline && !staleBaseline.isEmpty { return 1 }
        guard let failOn else { return 0 }
        let failing = newBySeverity.contains { $0.key.rank >= failOn.rank && $0.value > 0 }
        return failing ? 1 : 0
    }

    /// The exit code under this run's own gate.
    public var gateExitCode: Int32 { exitCode(failOn: gate.failOn) }
}

/// The policy that turns findings into an exit code.
public struct Gate: Sendable {
    /// The least severity that fails the run; nil for `--fail-on never`.
    public var failOn: Rule.Severity?
    /// Accepted failures: they are reported, but do not fail the run.
    public var baseline: Baseline?
    /// Fail when a baselined failure no longer occurs, so the baseline is kept tidy.
    public var strictBaseline: Bool

    public init(failOn: Rule.Severity? = .error, baseline: Baseline? = nil, strictBaseline: Bool = false) {
        self.failOn = failOn
        self.baseline = baseline
        self.strictBaseline = strictBaseline
    }
}
