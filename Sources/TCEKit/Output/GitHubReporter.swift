/// `--format github`: GitHub Actions workflow commands, which the runner turns into annotations
/// on the files of a pull request. Failures are `::error` / `::warning` / `::notice` by severity;
/// failures the baseline accepts are `::notice`s marked as such; invalid inputs are `::error`s.
public struct GitHubReporter: Reporter {
    public let context: OutputContext

    public init(context: OutputContext) {
        self.context = context
    }

    private var m: Messages { context.messages }

    public func render(_ result: ReportResult) -> String {
        let file = context.relativePath(result.file)
        guard result.status == .checked else {
            let errors = result.errors.isEmpty ? [Diagnostic(m["invalid"])] : result.errors
            return errors.map { d in
                Self.command("error", [("file", file), ("line", d.line.map(String.init)), ("col", d.column.map(String.init)),
                                       ("title", "tce " + SARIFReporter.invalidInputRule + ": " + m["invalidInput"])], d.message)
            }.joined()
        }
        var out = ""
        for f in result.findings where f.isFailure {
            let title = context.ruleSet.rule(f.ruleID)?.title[context.language]
            let baselined = context.isBaselined(f, of: result)
            let kind = baselined ? "notice" : Self.command(for: f.severity)
            let heading = "tce " + f.ruleID + (title.map { ": " + $0 } ?? "") + (baselined ? " (" + m["baselined"] + ")" : "")
            out += Self.command(kind, [("file", file), ("line", f.line.map(String.init)), ("title", heading)], f.message)
        }
        return out
    }

    public func footer(_ summary: BatchSummary) -> String {
        var out = ""
        let stale = summary.staleBaseline
        if !stale.isEmpty {
            let file = context.relativePath(context.baseline?.source ?? "")
            let lines = context.baseline?.lineNumbers() ?? [:]
            for entry in stale {
                let who = (entry.name.map { $0 + " " } ?? "") + "\(entry.key.creditCode) \(entry.key.year)"
                out += Self.command(summary.gate.strictBaseline ? "error" : "warning",
                                    [("file", file), ("line", lines[entry.key].map(String.init)), ("title", "tce baseline")],
                                    who + " " + entry.key.rule + ": " + m["baselineStale"])
            }
        }
        var totals = "\(summary.reports) \(m["reports"]) · \(summary.checked) \(m["checked"]) · \(summary.invalid) \(m["invalid"])"
            + " · \(summary.failed) \(m["failedReports"])"
        if summary.gate.baseline != nil {
            totals += " · \(summary.newFailures) \(m["newFailures"]) · \(summary.baselinedFailures) \(m["baselined"])"
        }
        return out + "tce " + m["summary"] + ": " + Self.escapeData(totals) + "\n"
    }

    static func command(for severity: Rule.Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .note: "notice"
        }
    }

    /// `::kind key=value,…::message` on one line; nil properties are left out.
    static func command(_ kind: String, _ properties: [(String, String?)], _ message: String) -> String {
        let props = properties.compactMap { key, value in value.map { key + "=" + escapeProperty($0) } }
        return "::" + kind + (props.isEmpty ? "" : " " + props.joined(separator: ",")) + "::" + escapeData(message) + "\n"
    }

    /// The runner's escaping for a command's message: `%`, CR and LF.
    public static func escapeData(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Property values also escape `:` and `,`, which separate properties.
    public static func escapeProperty(_ s: String) -> String {
        var out = ""
        for scalar in escapeData(s).unicodeScalars {
            switch scalar {
            case ":": out += "%3A"
            case ",": out += "%2C"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
