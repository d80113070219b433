/// `--format text`: for people. One block per enterprise-year, failures first with the
/// measured value, the threshold and the rule's source; a summary table at the end.
public struct TextReporter: Reporter {
    public let context: OutputContext

    public init(context: OutputContext) {
        self.context = context
    }

    private var m: Messages { context.messages }

    public func render(_ result: ReportResult) -> String {
        guard result.status == .checked, let report = result.report, let facts = result.facts else {
            var out = paint("✗ ", .red) + bold(result.file) + "  " + paint(m["invalid"], .red) + "\n"
            for e in result.errors {
                out += "    " + result.file + (e.line.map { ":\($0)" } ?? "") + (e.column.map { ":\($0)" } ?? "")
                    + ": " + e.message + "\n"
            }
            return out + "\n"
        }
        let allFailures = result.findings.filter(\.isFailure)
        let failures = allFailures.filter { !context.isBaselined($0, of: result) }.sorted { $0.severity.rank > $1.severity.rank }
        let baselined = allFailures.filter { context.isBaselined($0, of: result) }
        let mark = failures.isEmpty ? paint("✓ ", .green) : paint("✗ ", failures[0].severity == .error ? .red : .yellow)
        var out = mark + bold(report.enterprise.name) + "  " + report.enterprise.creditCode + "  " + String(report.reportingYear)
            + "  " + dim(result.file) + "\n"
        out += "    " + m["total"] + " " + facts.totalTce.formatted() + " tce"
            + (result.tier.map { " · " + m["tier"] + " " + $0 } ?? "") + "\n"
        for f in failures {
            out += describe(f, file: result.file)
        }
        if !baselined.isEmpty {
            out += "    " + dim(m["baselineSection"] + ":") + "\n"
            for f in baselined {
                out += "      " + dim(m[f.severity.rawValue] + " " + f.ruleID + ": " + f.message) + "\n"
            }
        }
        let passed = result.findings.count { $0.outcome == .pass }
        let na = result.findings.count { $0.outcome == .notApplicable }
        let summary = allFailures.isEmpty ? m["noFailures"] + " · " : ""
        out += "    " + dim(summary + "\(passed) " + m["passed"] + " · \(na) " + m["notApplicable"]) + "\n"
        for f in result.findings where f.ruleError != nil {
            out += "    " + paint(m["ruleError"], .red) + " " + f.ruleID + ": " + (f.ruleError ?? "") + "\n"
        }
        return out + "\n"
    }

    private func describe(_ f: Finding, file: String) -> String {
        let rule = context.ruleSet.rule(f.ruleID)
        let color: Color = f.severity == .error ? .red : .yellow
        var out = "    " + paint(m[f.severity.rawValue], color) + " " + bold(f.ruleID)
        if let title = rule?.title[context.language] { out += "  " + title }
        out += "\n      " + f.message + "\n"
        var numbers: [String] = []
        if let measured = f.measured { numbers.append(m["measured"] + " " + Self.text(measured)) }
        if let threshold = f.threshold { numbers.append(m["threshold"] + " " + Self.text(threshold)) }
        if !numbers.isEmpty { out += "      " + numbers.joined(separator: " · ") + "\n" }
        if let citation = rule?.citation {
            out += "      " + dim(m["source"] + ": 「" + citation.quote + "」" + (citation.location.map { " (\($0))" } ?? "")) + "\n"
        }
        if let line = f.line { out += "      " + dim("\(file):\(line)") + "\n" }
        return out
    }

    public func footer(_ summary: BatchSummary) -> String {
        var out = bold(m["summary"]) + "\n"
        out += "  \(summary.reports) \(m["reports"]) · \(summary.checked) \(m["checked"]) · "
        out += paint("\(summary.invalid) \(m["invalid"])", summary.invalid > 0 ? .red : .none) + " · "
        out += paint("\(summary.failed) \(m["failedReports"])", summary.failed > 0 ? .red : .none) + "\n\n"
        let width = max(m["rule"].count, context.ruleSet.rules.map(\.id.count).max() ?? 0)
        let columns = [m["pass"], m["fail"], m["notApplicable"]]
        out += "  " + pad(m["rule"], width) + columns.map { "  " + leftPad($0, 8) }.joined() + "\n"
        for rule in context.ruleSet.rules {
            let c = summary.byRule[rule.id] ?? BatchSummary.RuleCounts()
            let fail = leftPad(String(c.fail), 8)
            out += "  " + pad(rule.id, width) + "  " + leftPad(String(c.pass), 8)
                + "  " + (c.fail > 0 ? paint(fail, rule.severity == .error ? .red : .yellow) : fail)
                + "  " + leftPad(String(c.notApplicable), 8) + "\n"
        }
        for e in summary.ruleErrors { out += paint(m["ruleError"] + ": " + e, .red) + "\n" }
        if summary.gate.baseline != nil {
            out += "\n  " + paint("\(summary.newFailures) \(m["newFailures"])", summary.newFailures > 0 ? .red : .none)
                + " · \(summary.baselinedFailures) \(m["baselined"])\n"
            let stale = summary.staleBaseline
            if !stale.isEmpty {
                out += paint(m["baselineStale"] + ":", summary.gate.strictBaseline ? .red : .yellow) + "\n"
                for e in stale {
                    out += "  " + e.key.creditCode + "  " + String(e.key.year) + "  " + e.key.rule + (e.name.map { "  " + $0 } ?? "") + "\n"
                }
            }
        }
        return out
    }

    static func text(_ v: Value) -> String {
        switch v {
        case .number(let n): n.formatted()
        case .string(let s): s
        case .bool(let b): b ? "true" : "false"
        case .list(let l): l.map(text).joined(separator: ", ")
        case .record: "…"
        case .missing: "—"
        }
    }

    // MARK: Layout and colour

    private enum Color: String {
        case red = "31", green = "32", yellow = "33", none = ""
    }

    private func paint(_ s: String, _ color: Color) -> String {
        context.color && color != .none ? "\u{1B}[\(color.rawValue)m\(s)\u{1B}[0m" : s
    }

    private func bold(_ s: String) -> String { context.color ? "\u{1B}[1m\(s)\u{1B}[0m" : s }
    private func dim(_ s: String) -> String { context.color ? "\u{1B}[2m\(s)\u{1B}[0m" : s }

    /// Display width: CJK characters take two columns.
    private func width(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x1100 && $1.properties.isIdeographic || ($1.value >= 0xFF00 && $1.value <= 0xFFEF) ? 2 : 1) }
    }

    private func pad(_ s: String, _ n: Int) -> String { s + String(repeating: " ", count: max(0, n - width(s))) }
    private func leftPad(_ s: String, _ n: Int) -> String { String(repeating: " ", count: max(0, n - width(s))) + s }
}
