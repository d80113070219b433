/// `--format sarif`: SARIF 2.1.0, one run, for GitHub code scanning and other SARIF viewers.
/// Streams: rule metadata goes in the header (the rule set is known up front), each report's
/// failures become results as they come, the invocation and totals go in the footer.
public struct SARIFReporter: Reporter {
    public static let schema = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    /// tce's own rule for inputs that cannot be checked; it follows the rule set's rules.
    public static let invalidInputRule = "invalid-input"
    /// Key of the fingerprint that identifies a failure across runs, the same key as the baseline's.
    public static let fingerprintKey = "tceEnterpriseYearRule/v1"

    public let context: OutputContext
    private let ruleIndex: [String: Int]

    public init(context: OutputContext) {
        self.context = context
        var index: [String: Int] = [:]
        for (i, rule) in context.ruleSet.rules.enumerated() { index[rule.id] = i }
        index[Self.invalidInputRule] = context.ruleSet.rules.count
        ruleIndex = index
    }

    private var m: Messages { context.messages }

    public func header() -> String {
        var rules = context.ruleSet.rules.map(descriptor)
        rules.append(JSONText.object([
            ("id", JSONText.string(Self.invalidInputRule)),
            ("name", JSONText.string(Self.camelName(Self.invalidInputRule))),
            ("shortDescription", text(m["invalidInput"])),
            ("fullDescription", text(m["invalidInputHelp"])),
            ("help", text(m["invalidInputHelp"])),
            ("defaultConfiguration", JSONText.object([("level", "\"error\"")])),
            ("properties", JSONText.object([("tags", "[\"input\"]")])),
        ]))
        let driver = JSONText.object([
            ("name", JSONText.string(ToolInfo.name)),
            ("version", JSONText.string(ToolInfo.version)),
            ("semanticVersion", JSONText.string(ToolInfo.version)),
            ("language", JSONText.string(context.language.rawValue)),
            ("rules", "[\n" + rules.joined(separator: ",\n") + "\n]"),
        ])
        let properties = JSONText.object([
            ("ruleSet", JSONText.string(context.ruleSet.name)),
            ("ruleSetTitle", JSONText.string(context.ruleSet.title[context.language])),
        ])
        return "{\"$schema\":\(JSONText.string(Self.schema)),\"version\":\"2.1.0\",\"runs\":[{\n"
            + "\"tool\":{\"driver\":\(driver)},\n\"columnKind\":\"unicodeCodePoints\",\n\"properties\":\(properties),\n\"results\":[\n"
    }

    private func descriptor(_ rule: Rule) -> String {
        let citation = "「" + rule.citation.quote + "」" + (rule.citation.location.map { " (\($0))" } ?? "")
        var help = rule.action.map { $0[context.language] + "\n" } ?? ""
        help += m["source"] + ": " + citation
        return JSONText.object([
            ("id", JSONText.string(rule.id)),
            ("name", JSONText.string(Self.camelName(rule.id))),
            ("shortDescription", text(rule.title[context.language])),
            ("fullDescription", text(citation)),
            ("help", text(help)),
            ("defaultConfiguration", JSONText.object([("level", JSONText.string(Self.level(rule.severity)))])),
            ("properties", JSONText.object([
                ("severity", JSONText.string(rule.severity.rawValue)),
                ("citation", JSONText.string(rule.citation.quote)),
                ("citationLocation", rule.citation.location.map(JSONText.string)),
                ("tags", "[\"compliance\"]"),
            ])),
        ])
    }

    public var separator: String { ",\n" }

    public func render(_ result: ReportResult) -> String {
        let uri = location(result.file)
        guard result.status == .checked, let report = result.report else {
            let errors = result.errors.isEmpty ? [Diagnostic(m["invalid"])] : result.errors
            return errors.map { d in
                JSONText.object([
                    ("ruleId", JSONText.string(Self.invalidInputRule)),
                    ("ruleIndex", String(ruleIndex[Self.invalidInputRule]!)),
                    ("level", "\"error\""),
                    ("message", text(d.message)),
                    ("locations", locations(uri, line: d.line, column: d.column)),
                ])
            }.joined(separator: ",\n")
        }
        return result.findings.filter(\.isFailure).map { f in
            let baselined = context.isBaselined(f, of: result)
            let key = Baseline.key(result, f)!
            var pairs: [(String, String?)] = [
                ("ruleId", JSONText.string(f.ruleID)),
                ("ruleIndex", ruleIndex[f.ruleID].map(String.init)),
                ("level", JSONText.string(Self.level(f.severity))),
                ("message", text(f.message)),
                ("locations", locations(uri, line: f.line, column: nil)),
                ("partialFingerprints", JSONText.object([(Self.fingerprintKey, JSONText.string("\(key.creditCode)|\(key.year)|\(key.rule)"))])),
            ]
            if context.baseline != nil {
                pairs.append(("baselineState", baselined ? "\"unchanged\"" : "\"new\""))
            }
            if baselined {
                pairs.append(("suppressions", "[" + JSONText.object([
                    ("kind", "\"external\""), ("status", "\"accepted\""),
                    ("justification", JSONText.string(m["baselined"] + ": " + (context.baseline?.source ?? ""))),
                ]) + "]"))
            }
            pairs.append(("properties", JSONText.object([
                ("enterprise", JSONText.string(report.enterprise.name)),
                ("creditCode", JSONText.string(report.enterprise.creditCode)),
                ("year", String(report.reportingYear)),
                ("tier", result.tier.map(JSONText.string)),
                ("measured", f.measured.map(JSONText.value)),
                ("threshold", f.threshold.map(JSONText.value)),
            ])))
            return JSONText.object(pairs)
        }.joined(separator: ",\n")
    }

    public func footer(_ summary: BatchSummary) -> String {
        var out = ""
        // Every failure and every invalid input wrote at least one result before this point.
        var first = summary.invalid == 0 && summary.failedBySeverity.values.reduce(0, +) == 0
        let stale = summary.staleBaseline
        let lines = stale.isEmpty ? [:] : context.baseline?.lineNumbers() ?? [:]
        for entry in stale {
            out += (first ? "" : ",\n") + staleResult(entry, line: lines[entry.key], strict: summary.gate.strictBaseline)
            first = false
        }
        let notifications = summary.ruleErrors.map { e in
            JSONText.object([("level", "\"error\""), ("message", text(m["ruleError"] + ": " + e))])
        }
        let invocation = JSONText.object([
            ("executionSuccessful", summary.ruleErrors.isEmpty ? "true" : "false"),
            ("exitCode", String(summary.gateExitCode)),
            ("toolExecutionNotifications", notifications.isEmpty ? nil : "[" + notifications.joined(separator: ",") + "]"),
            ("properties", JSONText.object([
                ("reports", String(summary.reports)), ("checked", String(summary.checked)),
                ("invalid", String(summary.invalid)), ("failed", String(summary.failed)),
                ("newFailures", String(summary.newFailures)),
                ("baselinedFailures", summary.gate.baseline == nil ? nil : String(summary.baselinedFailures)),
                ("staleBaselineEntries", summary.gate.baseline == nil ? nil : String(summary.staleBaseline.count)),
            ])),
        ])
        return (out.isEmpty ? "" : out + "\n") + "],\n\"invocations\":[\(invocation)]\n}]}\n"
    }

    /// A baselined failure that no longer occurs: SARIF's `absent` state, located at its line in the baseline.
    private func staleResult(_ entry: Baseline.Entry, line: Int?, strict: Bool) -> String {
        let baseline = context.baseline
        let who = (entry.name.map { $0 + " " } ?? "") + "\(entry.key.creditCode) \(entry.key.year)"
        return JSONText.object([
            ("ruleId", JSONText.string(entry.key.rule)),
            ("ruleIndex", ruleIndex[entry.key.rule].map(String.init)),
            ("level", strict ? "\"error\"" : "\"note\""),
            ("message", text("\(who) \(entry.key.rule): \(m["baselineStale"])")),
            ("locations", locations(location(baseline?.source ?? "baseline.json"), line: line, column: nil)),
            ("partialFingerprints", JSONText.object([(Self.fingerprintKey, JSONText.string("\(entry.key.creditCode)|\(entry.key.year)|\(entry.key.rule)"))])),
            ("baselineState", "\"absent\""),
        ])
    }

    // MARK: Pieces

    private func text(_ s: String) -> String { JSONText.object([("text", JSONText.string(s))]) }

    private func location(_ file: String) -> (uri: String, isRelative: Bool) {
        ArtifactPath.uri(context.relativePath(file))
    }

    /// GitHub needs a region on every result; a line-less problem points at line 1.
    private func locations(_ uri: (uri: String, isRelative: Bool), line: Int?, column: Int?) -> String {
        let artifact = JSONText.object([("uri", JSONText.string(uri.uri)), ("uriBaseId", uri.isRelative ? "\"%SRCROOT%\"" : nil)])
        let region = JSONText.object([("startLine", String(max(1, line ?? 1))), ("startColumn", column.map { String(max(1, $0)) })])
        return "[{\"physicalLocation\":" + JSONText.object([("artifactLocation", artifact), ("region", region)]) + "}]"
    }

    static func level(_ severity: Rule.Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .note: "note"
        }
    }

    /// `responsibility-letter` → `ResponsibilityLetter`, SARIF's convention for a rule's name.
    static func camelName(_ id: String) -> String {
        id.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
}
