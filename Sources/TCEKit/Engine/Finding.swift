/// The verdict of one rule on one report.
public struct Finding: Sendable {
    public enum Outcome: String, Sendable {
        case pass
        case fail
        case notApplicable = "not-applicable"
    }

    public var ruleID: String
    public var severity: Rule.Severity
    public var outcome: Outcome
    public var message: String
    public var line: Int?
    /// The value the rule measured and the limit it holds it to, when the rule names them.
    public var measured: Value?
    public var threshold: Value?
    /// Named values that back the verdict (fields of the report, facts).
    public var evidence: [Evidence]
    /// Set when the rule itself could not be evaluated (a mistake in the rule set).
    public var ruleError: String?

    public var isFailure: Bool { outcome == .fail }

    /// One named value backing a verdict. A struct, not a tuple: arrays of tuples are copied
    /// and freed through the runtime's generic tuple witnesses, once per finding.
    public struct Evidence: Sendable {
        public var name: String
        public var value: Value

        public init(name: String, value: Value) {
            self.name = name
            self.value = value
        }
    }
}
