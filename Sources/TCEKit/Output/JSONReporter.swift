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
        let findings = result.findings.map(finding)
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

    private func finding(_ f: Finding) -> String {
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
            ("exitCode", String(summary.exitCode())),
        ])
        return "\n],\n\"summary\":\(summaryJSON)}\n"
    }
}
