import Foundation

/// A complete rule set: the report schema, the energy catalog, constants, rules and wording.
/// Everything a user may want to change lives in its files, never in code.
public struct RuleSet: Sendable {
    public struct Tier: Sendable, Equatable {
        public var id: String
        public var minimum: Exact
    }

    public var name: String
    public var title: Localized
    public var source: Localized
    public var directory: URL
    public var schema: ReportSchema
    public var schemaPath: String
    public var catalog: EnergyCatalog
    public var constants: [String: Value]
    public var rules: [Rule]
    /// Letter tiers, lowest first; a report is listed when totalTce reaches the first.
    public var tiers: [Tier]
    /// Rules listed as tier obligations in the letter list (letter, benchmarking, audit…).
    public var letterObligations: [String]
    public var messages: Messages
    /// Directory of per-rule example reports.
    public var examplesDirectory: URL?

    public func rule(_ id: String) -> Rule? {
        rules.first { $0.id == id }
    }

    /// The highest tier whose minimum totalTce reaches, or nil below the first.
    public func tier(for totalTce: Exact) -> Tier? {
        tiers.last { totalTce >= $0.minimum }
    }

    /// Loads the rule set whose `ruleset.yaml` is in `directory` (or is `directory` itself).
    public static func load(from path: String) throws(RuleSetErrors) -> RuleSet {
        var loader = RuleSetLoader(path: path)
        return try loader.load()
    }

    /// The default rule set: `$TCE_RULES`, or `rules/` next to the tce binary or any folder above it
    /// (a build under `.build/` finds the checkout's), or an installed `share/tce/rules`.
    public static func locateDefault(executable: String, environment: [String: String]) -> String? {
        if let explicit = environment["TCE_RULES"], !explicit.isEmpty { return explicit }
        let fm = FileManager.default
        var dir = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<8 {
            for candidate in [dir.appendingPathComponent("rules"), dir.appendingPathComponent("share/tce/rules")]
            where fm.fileExists(atPath: candidate.appendingPathComponent(RuleSetLoader.indexFile).path) {
                return candidate.path
            }
            let parent = dir.deletingLastPathComponent()
            if parent.path == dir.path { break }
            dir = parent
        }
        return nil
    }
}

/// The fixed vocabulary of tce's own output (headings, labels), translated in `messages.yaml`.
public struct Messages: Sendable {
    /// Keys that tce's code uses; a rule set must define every one.
    public static let requiredKeys = [
        "notReported", "pass", "fail", "notApplicable", "invalid", "checked", "summary", "reports",
        "failedReports", "rule", "severity", "measured", "threshold", "source", "line", "ruleError",
        "noFailures", "missingValue", "tier", "total", "error", "warning", "note", "passed", "failed", "file", "batchTotals",
        "baselined", "baselineSection", "baselineStale", "newFailures", "invalidInput", "invalidInputHelp",
        "diffNewlyFailing", "diffNewlyPassing", "diffAppeared", "diffDisappeared", "diffTierChanged", "diffNoChanges", "noTier", "diffOld", "diffNew",
    ] + Facts.Unavailability.allCases.map(\.rawValue)

    var texts: [String: Localized]
    public var language: Language = .en

    public subscript(key: String) -> String {
        texts[key]?[language] ?? key
    }

    public func localized(_ key: String) -> Localized {
        texts[key] ?? Localized(zh: key, en: key)
    }
}
