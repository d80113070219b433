import Foundation

/// The responsibility-letter list (SPEC §5): every checked report at or above the first tier,
/// sorted by totalTce descending, then credit code. Only these rows are kept in memory.
public struct LetterList: Sendable {
    public struct Row: Sendable {
        public var creditCode: String
        public var name: String
        public var year: Int
        public var totalTce: Exact
        public var tier: String
        /// nil when the report does not say.
        public var letterSigned: Bool?
        public var industryCode: String?
        public var industry: String?
        public var energyIntensity: Exact?
        public var obligations: [String]
        public var unmet: [String]
        public var file: String
    }

    public static let columns = [
        "credit_code", "name", "year", "total_tce", "tier", "letter_signed",
        "industry_code", "industry", "energy_intensity", "obligations", "unmet_obligations", "file",
    ]

    public private(set) var rows: [Row] = []
    let ruleSet: RuleSet

    public init(ruleSet: RuleSet) {
        self.ruleSet = ruleSet
    }

    public mutating func add(_ result: ReportResult) {
        guard result.status == .checked, let report = result.report, let facts = result.facts,
              let tier = result.tier else { return }
        let obligations = Self.obligations(of: result, ruleSet: ruleSet)
        rows.append(Row(
            creditCode: report.enterprise.creditCode, name: report.enterprise.name, year: report.reportingYear,
            totalTce: facts.totalTce, tier: tier, letterSigned: report.management?.letterSigned?.value,
            industryCode: report.enterprise.industryCode, industry: report.enterprise.industry,
            energyIntensity: facts.energyIntensity, obligations: obligations.map(\.ruleID),
            unmet: obligations.filter(\.isFailure).map(\.ruleID), file: result.file))
    }

    /// The tier obligations (letter, benchmarking, audit…) that apply to this report, met or not.
    public static func obligations(of result: ReportResult, ruleSet: RuleSet) -> [Finding] {
        result.findings.filter { $0.outcome != .notApplicable && ruleSet.letterObligations.contains($0.ruleID) }
    }

    public var sortedRows: [Row] {
        rows.sorted { a, b in
            if a.totalTce != b.totalTce { return a.totalTce > b.totalTce }
            if a.creditCode != b.creditCode { return a.creditCode.utf8Precedes(b.creditCode) }
            return a.file.utf8Precedes(b.file)
        }
    }

    /// UTF-8 with a byte-order mark, so Excel reads the Chinese names right; CRLF line ends.
    public func csv() -> String {
        var out = "\u{FEFF}" + Self.columns.joined(separator: ",") + "\r\n"
        for r in sortedRows {
            let fields = [
                r.creditCode, r.name, String(r.year), r.totalTce.formatted(), r.tier,
                r.letterSigned.map { $0 ? "true" : "false" } ?? "",
                r.industryCode ?? "", r.industry ?? "", r.energyIntensity?.formatted() ?? "",
                r.obligations.joined(separator: " "), r.unmet.joined(separator: " "), r.file,
            ]
            out += fields.enumerated().map { Self.field($1, isText: ![2, 3, 8].contains($0)) }.joined(separator: ",") + "\r\n"
        }
        return out
    }

    /// RFC 4180 quoting; text that a spreadsheet would run as a formula is defused with a quote mark.
    static func field(_ s: String, isText: Bool) -> String {
        var s = s
        if isText, let first = s.first, "=+-@\t\r".contains(first) { s = "'" + s }
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
