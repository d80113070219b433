/// One rule of a rule set, as written in its file under `rules/rules/`.
public struct Rule: Sendable {
    public enum Severity: String, Sendable, CaseIterable {
        case error, warning, note
    }

    /// Where in the speech (or standard) the rule comes from.
    public struct Citation: Sendable {
        public var quote: String
        public var location: String?
    }

    /// The finding's message for each outcome, in both languages.
    public struct Messages: Sendable {
        public var pass: LocalizedTemplate
        public var fail: LocalizedTemplate
        public var notApplicable: LocalizedTemplate
    }

    public var id: String
    public var severity: Severity
    public var title: Localized
    public var citation: Citation
    /// When the rule applies; nil means always (or, with `each`, when some element matches).
    public var applies: Expression?
    /// A list to check element by element; each element is `it` in `where`, `passes` and messages.
    public var each: Expression?
    public var filter: Expression?
    public var passes: Expression
    /// The value the rule measures and the limit it holds it to, shown with every finding.
    public var measured: Expression?
    public var threshold: Expression?
    /// The report element a finding points at when the conditions themselves name none.
    public var at: Expression?
    /// Labelled values shown as evidence with every finding.
    public var evidence: [(name: String, expression: Expression)]
    public var messages: Messages
    /// What the enterprise must do when the rule fails: the notices' 整改要求.
    public var action: Localized?
    public var file: String
    /// True when the rule needs facts about the whole batch (duplicates), so it runs in order.
    public var usesBatchFacts: Bool
}

/// A message template in Chinese and English.
public struct LocalizedTemplate: Sendable {
    public var zh: Template
    public var en: Template

    public subscript(language: Language) -> Template {
        switch language {
        case .zh: zh
        case .en: en
        }
    }
}
