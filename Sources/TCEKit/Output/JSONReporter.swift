/// `--format json`: one document, SPEC §6. Each report is one line inside `reports`.
public struct JSONReporter: Reporter {
    public let context: OutputContext

    public init(context: OutputContext) {
        self.context = context
    }

    public func header() -> String {
        let ruleSet = JSONText.object([("name", JSONText.string(context.ruleSet.name)),
                                       ("title", JSONText.string(context.ruleSet.title[context.language]))])
        return "{\"tool\":{\"name\":\"tce\",\"ruleSet\":\(ruleSet)},\n\"reports\":[\n"
    }

    public var separator: String { ",\n" }

    public func render(_ result: ReportResult) -> String {
        guard result.status == .checked, let report = result.report, let facts = result.facts else {
            let errors = result.errors.map { d in
                JSONText.object([("message", JSONText.string(d.message)), ("line", d.line.map(String.init)),
                                 ("column", d.column.map(String.init))])
            }
            return JSONText.object([("file", JSONText.string(result.file)), ("status", "\"invalid\""),
                                    ("errors", "[" + errors.joined(separator: ",") + "]")])
        }
        let enterprise = JSONText.object([
            ("name", JSONText.string(report.enterprise.name)),
            ("creditCode", JSONText.string(report.enterprise.creditCode)),
            ("industryCode", report.enterprise.industryCode.map(JSONText.string)),
        ])
        var factPairs: [(String, String?)] = [("totalTce", JSONText.number(facts.totalTce))]
        for (name, value) in facts.ratios { factPairs.append((name, value.map(JSONText.number) ?? "null")) }
        let findings = result.findings.map { finding($0, baselined: context.isBaselined($0, of: result)) }
        return JSONText.object([
            ("file", JSONText.string(result.file)),
            ("status", "\"checked\""),
            ("enterprise", enterprise),
            ("year", String(report.reportingYear)),
            ("tier", result.tier.map(JSONText.string) ?? "null"),
            ("facts", JSONText.object(factPairs)),
            ("findings", "[" + findings.joined(separator: ",") + "]"),
        ])
    }

    private func finding(_ f: Finding, baselined: Bool) -> String {
        let title = context.ruleSet.rule(f.ruleID)?.title[context.language]
        let evidence = f.evidence.isEmpty ? nil
            : "{" + f.evidence.map { JSONText.string($0.name) + ":" + JSONText.value($0.value) }.joined(separator: ",") + "}"
        return JSONText.object([
            ("rule", JSONText.string(f.ruleID)),
            ("outcome", JSONText.string(f.outcome.rawValue)),
            ("severity", JSONText.string(f.severity.rawValue)),
            ("title", title.map(JSONText.string)),
            ("message", JSONText.string(f.message)),
            ("line", f.line.map(String.init)),
            ("measured", f.measured.map(JSONText.value)),
            ("threshold", f.threshold.map(JSONText.value)),
            ("evidence", evidence),
            ("ruleError", f.ruleError.map(JSONText.string)),
            ("baselined", baselined ? "true" : nil),
        ])
    }

    public func footer(_ summary: BatchSummary) -> String {
        let rules = context.ruleSet.rules.map { rule in
            let c = summary.byRule[rule.id] ?? BatchSummary.RuleCounts()
            return JSONText.string(rule.id) + ":" + JSONText.object([
                ("pass", String(c.pass)), ("fail", String(c.fail)), ("notApplicable", String(c.notApplicable))])
        }
        let summaryJSON = JSONText.object([
            ("reports", String(summary.reports)), ("checked", String(summary.checked)),
            ("invalid", String(summary.invalid)), ("failed", String(summary.failed)),
            ("errors", String(summary.failedBySeverity[.error] ?? 0)),
            ("warnings", String(summary.failedBySeverity[.warning] ?? 0)),
            ("rules", "{" + rules.joined(separator: ",") + "}"),
            ("ruleErrors", summary.ruleErrors.isEmpty ? nil : "[" + summary.ruleErrors.map(JSONText.string).joined(separator: ",") + "]"),
            ("newFailures", String(summary.newFailures)),
            ("baseline", baselineSummary(summary)),
            ("exitCode", String(summary.gateExitCode)),
        ])
        return "\n],\n\"summary\":\(summaryJSON)}\n"
    }

    /// With `--baseline`: how many failures it accepted, and which of its entries no longer occur.
    private func baselineSummary(_ summary: BatchSummary) -> String? {
        guard let baseline = summary.gate.baseline else { return nil }
        let stale = summary.staleBaseline.map { e in
            JSONText.object([("creditCode", JSONText.string(e.key.creditCode)), ("year", String(e.key.year)),
                             ("rule", JSONText.string(e.key.rule)), ("name", e.name.map(JSONText.string))])
        }
        return JSONText.object([
            ("file", baseline.source.map(JSONText.string)),
            ("entries", String(baseline.entries.count)),
            ("baselined", String(summary.baselinedFailures)),
            ("baselinedErrors", String(summary.baselinedBySeverity[.error] ?? 0)),
            ("baselinedWarnings", String(summary.baselinedBySeverity[.warning] ?? 0)),
            ("stale", "[" + stale.joined(separator: ",") + "]"),
            ("strict", summary.gate.strictBaseline ? "true" : "false"),
        ])
    }
}
