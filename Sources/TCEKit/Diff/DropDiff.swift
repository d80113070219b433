/// What changed from one drop to the next, enterprise-year by enterprise-year (credit code and
/// reporting year): rules that newly fail or no longer fail, enterprise-years that appeared or
/// disappeared, and tier changes. A failure of an enterprise-year that was not in the old drop
/// is new too: a gate on the diff must not let a failing newcomer through.
public struct DropDiff: Sendable {
    public struct RuleChange: Sendable {
        public var key: DropSnapshot.Key
        public var name: String
        public var rule: String
        public var severity: Rule.Severity?
        /// The outcome in the old drop (nil: the enterprise-year was not in it) and in the new one.
        public var was: Finding.Outcome?
        public var now: Finding.Outcome?
        /// For a new failure, the failure as the new drop states it.
        public var failure: DropSnapshot.Failure?
    }

    public struct TierChange: Sendable {
        public var key: DropSnapshot.Key
        public var name: String
        public var from: String?
        public var to: String?
        public var oldTotalTce: Exact
        public var newTotalTce: Exact
    }

    public var old: DropSnapshot
    public var new: DropSnapshot
    public var newlyFailing: [RuleChange] = []
    public var newlyPassing: [RuleChange] = []
    public var appeared: [DropSnapshot.EnterpriseYear] = []
    public var disappeared: [DropSnapshot.EnterpriseYear] = []
    public var tierChanged: [TierChange] = []

    public init(old: DropSnapshot, new: DropSnapshot) {
        self.old = old
        self.new = new
        let byRule: (String, String) -> Bool = { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        for key in new.enterpriseYears.keys.sorted() {
            let now = new.enterpriseYears[key]!
            let before = old.enterpriseYears[key]
            if before == nil { appeared.append(now) }
            for rule in now.failures.keys.sorted(by: byRule) where before?.outcomes[rule] != .fail {
                let failure = now.failures[rule]!
                newlyFailing.append(RuleChange(key: key, name: now.name, rule: rule, severity: failure.severity,
                                               was: before?.outcomes[rule], now: .fail, failure: failure))
            }
            guard let before else { continue }
            for rule in before.failures.keys.sorted(by: byRule) where now.outcomes[rule] != .fail {
                newlyPassing.append(RuleChange(key: key, name: now.name, rule: rule, severity: before.failures[rule]?.severity,
                                               was: .fail, now: now.outcomes[rule], failure: nil))
            }
            if before.tier != now.tier {
                tierChanged.append(TierChange(key: key, name: now.name, from: before.tier, to: now.tier,
                                              oldTotalTce: before.totalTce, newTotalTce: now.totalTce))
            }
        }
        disappeared = old.enterpriseYears.keys.filter { new.enterpriseYears[$0] == nil }.sorted().map { old.enterpriseYears[$0]! }
    }

    public var isEmpty: Bool {
        newlyFailing.isEmpty && newlyPassing.isEmpty && appeared.isEmpty && disappeared.isEmpty && tierChanged.isEmpty
    }

    /// 2 when either drop has an input that cannot be checked, 1 when anything newly fails, else 0.
    public var exitCode: Int32 {
        if !old.invalid.isEmpty || !new.invalid.isEmpty { return 2 }
        return newlyFailing.isEmpty ? 0 : 1
    }
}
