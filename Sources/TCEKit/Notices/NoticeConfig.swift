/// What an office sets for its notices, read from `notices.yaml` next to the rules:
/// the issuing authority, numbering, deadlines, contact block and all wording, plus the
/// Mustache templates in `templates/`.
public struct NoticeConfig: Sendable {
    public static let fileName = "notices.yaml"
    public static let templatesFolder = "templates"

    public struct ContactLine: Sendable, Equatable {
        public var label: String
        public var value: String
    }

    /// A group of texts in `notices.yaml`; each becomes Mustache names in its templates.
    public enum Section: String, Sendable, CaseIterable {
        /// `texts`: on both kinds of notice.
        case common = "texts"
        case rectification
        case letter
        case index

        /// Texts tce's own code needs; the templates may use any others the office adds.
        var requiredKeys: [String] {
            switch self {
            case .common: []
            case .rectification: ["title", "defaultAction", "noMeasure"]
            case .letter: ["title", "obligationMet", "obligationUnmet"]
            case .index: ["title"]
            }
        }

        /// Names a text's {placeholders} may use.
        var placeholderNames: [String] {
            self == .index ? NoticeConfig.indexPlaceholders : NoticeConfig.noticePlaceholders
        }
    }

    /// Placeholders in the texts of a notice.
    public static let noticePlaceholders = [
        "authority", "number", "issueDate", "issueYear", "deadline", "deadlineDays", "enterpriseName", "creditCode",
        "reportingYear", "totalTce", "tier", "tierMinimum", "findingCount", "sourceFile",
    ]
    /// Placeholders in the texts of the index page.
    public static let indexPlaceholders = [
        "authority", "issueDate", "issueYear", "countReports", "countChecked", "countInvalid", "countFailed",
        "countRectification", "countLetter",
    ]
    static let numberPlaceholders = ["issueYear", "seq", "reportingYear", "creditCode"]
    static let datePlaceholders = ["year", "month", "day"]
    static let tierPlaceholders = ["tier", "minimum"]

    public var path: String
    public var authority: String
    /// Document number pattern per kind, e.g. `瓜工信节〔{issueYear}〕{seq}号`.
    public var numbering: [NoticeKind: Template]
    /// The first {seq} of a run.
    public var firstNumber: Int
    public var dateFormat: Template
    public var deadlineDays: Int
    public var deadlineDaysByRule: [String: Int]
    /// Unit shown after a rule's measured value and threshold.
    public var units: [String: String]
    public var contact: [ContactLine]
    public var severityNames: [Rule.Severity: String]
    public var texts: [Section: [String: Template]]
    /// What each letter tier must do, by tier id.
    public var tierTexts: [String: Template]
    public var templates: NoticeTemplates

    /// Days allowed to put right a failure of `ruleID`.
    public func deadlineDays(for ruleID: String) -> Int {
        deadlineDaysByRule[ruleID] ?? deadlineDays
    }

    /// The date as the office writes it, e.g. 2012年3月5日.
    public func format(_ date: CivilDate) -> String {
        let scope = NameScope([
            "year": .number(Exact(integer: date.year)), "month": .number(Exact(integer: date.month)),
            "day": .number(Exact(integer: date.day)),
        ])
        return (try? dateFormat.render(in: scope, missing: "")) ?? date.iso
    }
}

/// Fixed names for rendering a text template.
struct NameScope: Scope {
    let values: [String: Value]
    init(_ values: [String: Value]) { self.values = values }
    func value(of name: String) -> Value? { values[name] }
}
