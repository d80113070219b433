/// Decides which notices a checked report gets and fills them from its findings.
/// Pure and thread-safe: the batch runner calls it on worker threads.
public struct NoticeBuilder: Sendable {
    public let ruleSet: RuleSet
    public let config: NoticeConfig
    public let kinds: Set<NoticeKind>
    public let issueDate: CivilDate

    public init(ruleSet: RuleSet, config: NoticeConfig, kinds: Set<NoticeKind>, issueDate: CivilDate) {
        self.ruleSet = ruleSet
        self.config = config
        self.kinds = kinds
        self.issueDate = issueDate
    }

    /// Notices for one result, rectification first. Invalid reports get none: they cannot be judged.
    public func notices(for result: ReportResult) -> [Notice] {
        guard result.status == .checked, let report = result.report, let facts = result.facts else { return [] }
        let base = Notice(
            kind: .rectification, issueDate: issueDate, enterpriseName: report.enterprise.name,
            creditCode: report.enterprise.creditCode, reportingYear: report.reportingYear, totalTce: facts.totalTce,
            tier: ruleSet.tier(for: facts.totalTce), sourceFile: result.file)
        var out: [Notice] = []
        let failures = result.findings.filter(\.isFailure)
        if kinds.contains(.rectification), !failures.isEmpty {
            var notice = base
            notice.items = failures.map(item)
            out.append(notice)
        }
        if kinds.contains(.letter), base.tier != nil {
            var notice = base
            notice.kind = .letter
            // In the order the rule set lists the obligations: letter first, as the tiers build up.
            let order = ruleSet.letterObligations
            notice.obligations = LetterList.obligations(of: result, ruleSet: ruleSet)
                .sorted { (order.firstIndex(of: $0.ruleID) ?? 0) < (order.firstIndex(of: $1.ruleID) ?? 0) }
                .map(obligation)
            out.append(notice)
        }
        return out
    }

    private func item(_ f: Finding) -> Notice.Item {
        let rule = ruleSet.rule(f.ruleID)
        let days = config.deadlineDays(for: f.ruleID)
        return Notice.Item(
            ruleID: f.ruleID, title: rule?.title.zh ?? f.ruleID, quote: rule?.citation.quote ?? "",
            quoteSource: rule?.citation.location, message: f.message,
            measured: f.measured.flatMap(Self.text), threshold: f.threshold.flatMap(Self.text),
            unit: config.units[f.ruleID], action: rule?.action?.zh ?? config.text(.rectification, "defaultAction"),
            severity: f.severity, deadline: issueDate.adding(days: days), deadlineDays: days)
    }

    private func obligation(_ f: Finding) -> Notice.Obligation {
        let rule = ruleSet.rule(f.ruleID)
        return Notice.Obligation(
            ruleID: f.ruleID, title: rule?.title.zh ?? f.ruleID, quote: rule?.citation.quote ?? "",
            met: f.outcome == .pass, message: f.message,
            action: rule?.action?.zh ?? config.text(.rectification, "defaultAction"))
    }

    /// A measured value or threshold as a notice shows it; nil when the rule did not measure one.
    static func text(_ v: Value) -> String? {
        if case .missing = v { return nil }
        let s = TextReporter.text(v)
        return s.isEmpty ? nil : s
    }
}

extension NoticeConfig {
    /// A text without placeholders (or with them left empty), for values the code needs.
    func text(_ section: Section, _ key: String) -> String {
        guard let t = texts[section]?[key] else { return "" }
        return (try? t.render(in: NameScope([:]), missing: "")) ?? t.source
    }
}
