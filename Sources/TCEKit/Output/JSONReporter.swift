/// `--format json`: one document, SPEC §6. Each report is one line inside `reports`.
public struct JSONReporter: Reporter {
    public let context: OutputContext
    /// Per rule, in the rule set's order (the order of every report's findings), the JSON of
    /// the finding's fixed fields and of its evidence names (`"name":`), written once rather
    /// than per report. The JSON is viewed in `fixed`'s memory: a view is a plain value, where
    /// an array read out of a table is retained and released again, several times a finding.
    private let ruleJSON: [(id: String, head: FixedJSON.View, title: FixedJSON.View,
                            evidenceKeys: [(name: String, json: FixedJSON.View)])]
    /// `,"severity":"…"` for each severity, by `Rule.Severity.allCases` position.
    private let severityJSON: [FixedJSON.View]
    /// Owns the bytes the views above show.
    private let fixed: FixedJSON

    public init(context: OutputContext) {
        self.context = context
        let fixed = FixedJSON()
        severityJSON = Rule.Severity.allCases.map {
            var w = JSONWriter(capacity: 32)
            w.raw(",\"severity\":")
            w.string($0.rawValue)
            return fixed.keep(w.bytes)
        }
        ruleJSON = context.ruleSet.rules.map { rule in
            var head = JSONWriter(capacity: 64)
            head.raw("{\"rule\":")
            head.string(rule.id)
            var title = JSONWriter(capacity: 128)
            title.raw(",\"title\":")
            title.string(rule.title[context.language])
            let keys = rule.evidence.map { e in
                var key = JSONWriter(capacity: 32)
                key.string(e.name)
                key.byte(UInt8(ascii: ":"))
                return (e.name, fixed.keep(key.bytes))
            }
            return (rule.id, fixed.keep(head.bytes), fixed.keep(title.bytes), keys)
        }
        self.fixed = fixed
    }

    /// Where a finding's message and an evidence entry's value lie in them, to read them in place.
    private static let messageOffset = MemoryLayout<Finding>.offset(of: \.message)!
    private static let evidenceValueOffset = MemoryLayout<Finding.Evidence>.offset(of: \.value)!

    /// Where in `ruleJSON` the rule of the finding at `position` is.
    private func fixedJSON(_ ruleID: String, at position: Int) -> Int? {
        if position < ruleJSON.count, ruleJSON[position].id == ruleID { return position }
        return ruleJSON.firstIndex { $0.id == ruleID }
    }

    public func header() -> String {
        let ruleSet = JSONText.object([("name", JSONText.string(context.ruleSet.name)),
                                       ("title", JSONText.string(context.ruleSet.title[context.language]))])
        return "{\"tool\":{\"name\":\"tce\",\"ruleSet\":\(ruleSet)},\n\"reports\":[\n"
    }

    public var separator: String { ",\n" }

    public func render(_ result: ReportResult) -> String {
        var w = JSONWriter(capacity: 6144)
        render(result, into: &w)
        return w.text
    }

    public func renderUTF8(_ result: ReportResult) -> [UInt8] {
        var w = JSONWriter(capacity: 6144)
        render(result, into: &w)
        return w.bytes
    }

    func render(_ result: ReportResult, into w: inout JSONWriter) {
        w.raw("{\"file\":")
        w.string(result.file)
        guard result.status == .checked, let report = result.report, let facts = result.facts else {
            w.raw(",\"status\":\"invalid\",\"errors\":[")
            for (i, d) in result.errors.enumerated() {
                if i > 0 { w.byte(UInt8(ascii: ",")) }
                w.raw("{\"message\":")
                w.string(d.message)
                if let line = d.line { w.raw(",\"line\":"); w.int(line) }
                if let column = d.column { w.raw(",\"column\":"); w.int(column) }
                w.byte(UInt8(ascii: "}"))
            }
            w.raw("]}")
            return
        }
        w.raw(",\"status\":\"checked\",\"enterprise\":{\"name\":")
        w.string(report.enterprise.name)
        w.raw(",\"creditCode\":")
        w.string(report.enterprise.creditCode)
        if let code = report.enterprise.industryCode {
            w.raw(",\"industryCode\":")
            w.string(code)
        }
        w.raw("},\"year\":")
        w.int(report.reportingYear)
        w.raw(",\"tier\":")
        if let tier = result.tier { w.string(tier) } else { w.raw("null") }
        w.raw(",\"facts\":{\"totalTce\":")
        w.number(facts.totalTce)
        for (name, value) in [("energyIntensity", facts.energyIntensity), ("waterIntensity", facts.waterIntensity),
                              ("previousEnergyIntensity", facts.previousEnergyIntensity),
                              ("intensityDecline", facts.intensityDecline)] {
            w.raw(",\"")
            w.rawText(name)
            w.raw("\":")
            if let value { w.number(value) } else { w.raw("null") }
        }
        w.raw("},\"findings\":[")
        // Through a buffer pointer: each finding is read in place (an array's subscript hands out
        // a copy, retaining every string and value in it, once per use).
        result.findings.withUnsafeBufferPointer { findings in
            let hasBaseline = context.baseline != nil
            for i in findings.indices {
                if i > 0 { w.byte(UInt8(ascii: ",")) }
                let baselined = hasBaseline && context.isBaselined(findings[i], of: result)
                finding(findings.baseAddress! + i, fixed: fixedJSON(findings[i].ruleID, at: i), baselined: baselined,
                        into: &w)
            }
        }
        w.raw("]}")
    }

    /// One finding, read through a pointer: taken as a value, the whole finding was copied
    /// (and every string and value in it retained) and freed again.
    private func finding(_ f: UnsafePointer<Finding>, fixed: Int?, baselined: Bool, into w: inout JSONWriter) {
        if let fixed {
            w.raw(ruleJSON[fixed].head.bytes)
        } else {
            w.raw("{\"rule\":")
            w.string(f.pointee.ruleID)
        }
        w.raw(",\"outcome\":")
        switch f.pointee.outcome {
        case .pass: w.raw("\"pass\"")
        case .fail: w.raw("\"fail\"")
        case .notApplicable: w.raw("\"not-applicable\"")
        }
        w.raw(severityJSON[Rule.Severity.allCases.firstIndex(of: f.pointee.severity)!].bytes)
        if let fixed { w.raw(ruleJSON[fixed].title.bytes) }
        w.raw(",\"message\":")
        w.string(at: (UnsafeRawPointer(f) + Self.messageOffset).assumingMemoryBound(to: String.self))
        if let line = f.pointee.line { w.raw(",\"line\":"); w.int(line) }
        if let measured = f.pointee.measured { w.raw(",\"measured\":"); w.value(measured) }
        if let threshold = f.pointee.threshold { w.raw(",\"threshold\":"); w.value(threshold) }
        if !f.pointee.evidence.isEmpty {
            w.raw(",\"evidence\":{")
            // A finding lists its rule's evidence in order, leaving out what has no value.
            let keys = fixed.map { ruleJSON[$0].evidenceKeys } ?? []
            var k = 0
            // Read in place: copying each name-value pair out retained both.
            f.pointee.evidence.withUnsafeBufferPointer { evidence in
                for i in evidence.indices {
                    if i > 0 { w.byte(UInt8(ascii: ",")) }
                    while k < keys.count && keys[k].name != evidence[i].name { k += 1 }
                    if k < keys.count {
                        w.raw(keys[k].json.bytes)
                        k += 1
                    } else {
                        w.string(evidence[i].name)
                        w.byte(UInt8(ascii: ":"))
                    }
                    w.value(at: UnsafeRawPointer(evidence.baseAddress! + i).advanced(by: Self.evidenceValueOffset)
                        .assumingMemoryBound(to: Value.self))
                }
            }
            w.byte(UInt8(ascii: "}"))
        }
        if let ruleError = f.pointee.ruleError { w.raw(",\"ruleError\":"); w.string(ruleError) }
        if baselined { w.raw(",\"baselined\":true") }
        w.byte(UInt8(ascii: "}"))
    }

    public func footer(_ summary: BatchSummary) -> String {
        let byRule = summary.byRule
        let rules = context.ruleSet.rules.map { rule in
            let c = byRule[rule.id] ?? BatchSummary.RuleCounts()
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

/// The bytes of a reporter's fixed JSON, kept for as long as any copy of the reporter lives.
private final class FixedJSON: @unchecked Sendable {
    /// Bytes kept by a `FixedJSON`, never written after `keep`: safe to read from any thread.
    struct View: @unchecked Sendable {
        let bytes: UnsafeBufferPointer<UInt8>
    }

    private var blocks: [UnsafeMutableBufferPointer<UInt8>] = []

    /// A lasting copy of `bytes`.
    func keep(_ bytes: [UInt8]) -> View {
        let block = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(1, bytes.count))
        _ = block.initialize(from: bytes)
        blocks.append(block)
        return View(bytes: UnsafeBufferPointer(rebasing: block[0..<bytes.count]))
    }

    deinit {
        for block in blocks { block.deallocate() }
    }
}
