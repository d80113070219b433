/// Everything tce says about one input file.
public struct ReportResult: Sendable {
    public enum Status: String, Sendable {
        case checked
        case invalid
    }

    /// The path as printed: how the user named it, joined with the path inside a folder.
    public var file: String
    public var status: Status
    public var report: Report?
    public var facts: Facts?
    public var findings: [Finding]
    /// Why the file could not be checked; empty when checked.
    public var errors: [Diagnostic]
    /// Tier for the responsibility letter, when totalTce reaches one.
    public var tier: String?

    public static func invalid(_ file: String, _ errors: [Diagnostic]) -> ReportResult {
        ReportResult(file: file, status: .invalid, report: nil, facts: nil, findings: [], errors: errors, tier: nil)
    }

    /// Key that identifies an enterprise-year across files.
    public var enterpriseYear: String? {
        report.map { "\($0.enterprise.creditCode)|\($0.reportingYear)" }
    }

    public func failures(atLeast severity: Rule.Severity = .note) -> [Finding] {
        findings.filter { $0.isFailure && $0.severity.rank >= severity.rank }
    }
}

extension Rule.Severity {
    /// error > warning > note.
    public var rank: Int {
        switch self {
        case .error: 2
        case .warning: 1
        case .note: 0
        }
    }
}
