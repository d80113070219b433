import Foundation
import Testing
@testable import TCEKit

@Suite struct RuleSetLoaderTests {
    @Test func defaultRuleSetHasTheThirteenRules() {
        let ids = Set(Fixtures.ruleSet.rules.map(\.id))
        #expect(ids == [
            "responsibility-letter", "energy-management", "efficiency-benchmarking", "energy-audit", "water-intensity",
            "intensity-reduction", "energy-quota", "obsolete-capacity", "project-energy-review", "declared-total",
            "coefficient-range", "credit-code", "duplicate-report",
        ])
        #expect(Fixtures.ruleSet.tiers.map(\.id) == ["T1", "T2", "T3"])
        #expect(Fixtures.ruleSet.rule("declared-total")?.severity == .warning)
        #expect(Fixtures.ruleSet.rule("coefficient-range")?.severity == .warning)
        #expect(Fixtures.ruleSet.rule("credit-code")?.severity == .error)
    }

    @Test func everyRuleCitesItsSource() throws {
        let speech = try String(contentsOf: Fixtures.root.deletingLastPathComponent()
            .appendingPathComponent("shared/source/speech-2012.zh-Hans.txt"), encoding: .utf8)
        for rule in Fixtures.ruleSet.rules where !rule.citation.quote.hasPrefix("GB") && !rule.citation.quote.hasPrefix("数据质量") {
            // Quotes may join two places with ";" — each part must be in the speech.
            for part in rule.citation.quote.split(separator: ";") {
                #expect(speech.contains(part), "rule \(rule.id) quotes words not in the speech: \(part)")
            }
        }
    }

    /// A temporary copy of the default rule set to edit.
    static func copyOfRules() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tce-rules-\(UUID().uuidString)")
        try FileManager.default.copyItem(atPath: Fixtures.rulesPath, toPath: dir.path)
        return dir
    }

    static func edit(_ file: URL, _ old: String, _ new: String) throws {
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.contains(old))
        try text.replacingOccurrences(of: old, with: new).write(to: file, atomically: true, encoding: .utf8)
    }

    func errors(afterEditing file: String, _ old: String, _ new: String) throws -> [RuleSetError] {
        let dir = try Self.copyOfRules()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.edit(dir.appendingPathComponent(file), old, new)
        do {
            _ = try RuleSet.load(from: dir.path)
            return []
        } catch {
            return error.errors.map { e in
                var e = e
                e.file = e.file.replacingOccurrences(of: dir.path + "/", with: "")
                return e
            }
        }
    }

    @Test func expressionMistakeIsLocatedInTheFile() throws {
        let e = try #require(try errors(afterEditing: "rules/water-intensity.yaml",
            "passes: waterIntensity <= waterIntensityLimit", "passes: waterIntensity <= ").first)
        #expect(e.file == "rules/water-intensity.yaml")
        #expect(e.line == 10)
        #expect(e.column != nil)
        #expect(e.description.hasPrefix("rules/water-intensity.yaml:10:"))
    }

    @Test func unknownNameSuggestsTheRightOne() throws {
        let e = try #require(try errors(afterEditing: "rules/water-intensity.yaml",
            "passes: waterIntensity <= waterIntensityLimit", "passes: waterIntensty <= waterIntensityLimit").first)
        #expect(e.message.contains("unknown name \"waterIntensty\""))
        #expect(e.message.contains("did you mean \"waterIntensity\""))
        #expect(e.line == 10 && e.column == 9)
    }

    @Test func typoInAKeyIsReported() throws {
        let e = try #require(try errors(afterEditing: "rules/water-intensity.yaml", "severity: error", "severty: error").first {
            $0.message.contains("severty") })
        #expect(e.message.contains("did you mean \"severity\""))
        #expect(e.line == 2)
    }

    @Test func brokenYAMLIsReportedWithPosition() throws {
        let e = try #require(try errors(afterEditing: "ruleset.yaml", "  waterIntensityLimit: 85", "  waterIntensityLimit: [85").first)
        #expect(e.file == "ruleset.yaml")
        #expect(e.line != nil)
        #expect(e.message.contains("not valid YAML"))
    }

    @Test func badNumberInConstants() throws {
        let e = try errors(afterEditing: "ruleset.yaml", "waterIntensityLimit: 85", "waterIntensityLimit: 8,5")
        #expect(e.contains { $0.message.contains("not a plain decimal number") && $0.file == "ruleset.yaml" && $0.line != nil })
    }

    @Test func badSeverityAndMissingMessage() throws {
        let e = try errors(afterEditing: "rules/energy-quota.yaml", "severity: error", "severity: fatal")
        #expect(e.contains { $0.message.contains("severity \"fatal\" is not one of: error, warning, note") })
        let m = try errors(afterEditing: "messages.yaml", "summary:        { zh: 汇总, en: Summary }\n", "")
        #expect(m.contains { $0.message.contains("message \"summary\" is missing") })
    }

    @Test func unitCatalogMistakes() throws {
        let e = try errors(afterEditing: "energy.yaml", "family: mass, coefficient: 0.7143 }", "family: masss, coefficient: 0.7143 }")
        #expect(e.contains { $0.message.contains("family \"masss\" is not defined") && $0.file == "energy.yaml" })
    }

    @Test func missingRuleSetSaysSo() {
        #expect(throws: RuleSetErrors.self) { try RuleSet.load(from: "/nonexistent/rules") }
    }
}
