/// `--format junit`: JUnit XML as GitLab, Jenkins and most CI systems read it. One `testsuite`
/// per report file, one `testcase` per rule: a failed rule is a `failure` (its `type` is the
/// severity), a rule that does not apply is `skipped`, and so is a failure the baseline accepts
/// (its message says so). An input that cannot be checked is a suite with one `error`.
///
/// The output streams, so `<testsuites>` carries no totals (they are only known at the end and
/// the element opens first); every `testsuite` has its own exact counts, which is what CI
/// systems add up.
public struct JUnitReporter: Reporter {
    public let context: OutputContext

    public init(context: OutputContext) {
        self.context = context
    }

    private var m: Messages { context.messages }

    public func header() -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + XMLText.open("testsuites", [("name", ToolInfo.name)]) + ">\n"
    }

    public func render(_ result: ReportResult) -> String {
        let file = context.relativePath(result.file)
        guard result.status == .checked, let report = result.report, let facts = result.facts else {
            let details = result.errors.map { d in
                file + (d.line.map { ":\($0)" } ?? "") + (d.column.map { ":\($0)" } ?? "") + ": " + d.message
            }.joined(separator: "\n")
            let first = result.errors.first?.description ?? m["invalid"]
            return XMLText.open("testsuite", [("name", file), ("tests", "1"), ("failures", "0"), ("errors", "1"), ("skipped", "0")]) + ">\n"
                + "  " + XMLText.open("testcase", [("classname", file), ("name", SARIFReporter.invalidInputRule)]) + ">\n"
                + "    " + XMLText.open("error", [("type", "invalid"), ("message", first)]) + ">"
                + XMLText.escape(details, attribute: false) + "</error>\n"
                + "  </testcase>\n</testsuite>\n"
        }
        var failures = 0, skipped = 0
        var cases = ""
        for f in result.findings {
            cases += "  " + XMLText.open("testcase", [("classname", file), ("name", f.ruleID)])
            switch f.outcome {
            case .pass:
                cases += "/>\n"
            case .notApplicable:
                skipped += 1
                cases += ">\n    " + XMLText.open("skipped", [("message", f.message)]) + "/>\n  </testcase>\n"
            case .fail where context.isBaselined(f, of: result):
                skipped += 1
                cases += ">\n    " + XMLText.open("skipped", [("message", m["baselined"] + ": " + f.message)]) + "/>\n  </testcase>\n"
            case .fail:
                failures += 1
                cases += ">\n    " + XMLText.open("failure", [("type", f.severity.rawValue), ("message", f.message)]) + ">"
                    + XMLText.escape(details(f, file: file), attribute: false) + "</failure>\n  </testcase>\n"
            }
        }
        let properties: [(String, String)] = [
            ("enterprise", report.enterprise.name), ("creditCode", report.enterprise.creditCode),
            ("year", String(report.reportingYear)), ("totalTce", facts.totalTce.formatted()),
        ] + (result.tier.map { [("tier", $0)] } ?? [])
        var out = XMLText.open("testsuite", [
            ("name", file), ("tests", String(result.findings.count)), ("failures", String(failures)),
            ("errors", "0"), ("skipped", String(skipped)),
        ]) + ">\n  <properties>\n"
        for (name, value) in properties {
            out += "    " + XMLText.open("property", [("name", name), ("value", value)]) + "/>\n"
        }
        return out + "  </properties>\n" + cases + "</testsuite>\n"
    }

    /// The failure's body: title, message, measured value and threshold, source, location.
    private func details(_ f: Finding, file: String) -> String {
        let rule = context.ruleSet.rule(f.ruleID)
        var lines: [String] = []
        if let title = rule?.title[context.language] { lines.append(f.ruleID + ": " + title) }
        lines.append(f.message)
        var numbers: [String] = []
        if let measured = f.measured { numbers.append(m["measured"] + " " + TextReporter.text(measured)) }
        if let threshold = f.threshold { numbers.append(m["threshold"] + " " + TextReporter.text(threshold)) }
        if !numbers.isEmpty { lines.append(numbers.joined(separator: " · ")) }
        if let citation = rule?.citation {
            lines.append(m["source"] + ": 「" + citation.quote + "」" + (citation.location.map { " (\($0))" } ?? ""))
        }
        lines.append(file + (f.line.map { ":\($0)" } ?? ""))
        return lines.joined(separator: "\n")
    }

    /// Closes the document; baselined failures that no longer occur get a suite of their own,
    /// failing under `--strict-baseline`, skipped otherwise.
    public func footer(_ summary: BatchSummary) -> String {
        let stale = summary.staleBaseline
        guard !stale.isEmpty else { return "</testsuites>\n" }
        let strict = summary.gate.strictBaseline
        let name = "baseline " + context.relativePath(context.baseline?.source ?? "")
        var out = XMLText.open("testsuite", [
            ("name", name), ("tests", String(stale.count)), ("failures", strict ? String(stale.count) : "0"),
            ("errors", "0"), ("skipped", strict ? "0" : String(stale.count)),
        ]) + ">\n"
        for entry in stale {
            let who = (entry.name.map { $0 + " " } ?? "") + "\(entry.key.creditCode) \(entry.key.year)"
            out += "  " + XMLText.open("testcase", [("classname", name), ("name", entry.key.description)]) + ">\n    "
            out += XMLText.open(strict ? "failure" : "skipped", [("type", strict ? "baseline" : nil), ("message", who + " " + entry.key.rule + ": " + m["baselineStale"])])
                + "/>\n  </testcase>\n"
        }
        return out + "</testsuite>\n</testsuites>\n"
    }
}
