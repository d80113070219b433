import Foundation
import Testing
@testable import TCEKit

/// The engine is general: a new rule and a changed tier work from rule files alone.
@Suite struct RuleSetGeneralityTests {
    static let electricityRule = """
        id: electricity-intensity
        severity: error
        title:
          zh: 万元工业增加值电耗
          en: Electricity per 10k CNY of value added
        source:
          quote: 万元GDP电耗下降到466千瓦时
          where: 一、(五) 节能减排扎实有效
        applies: economics.industrialValueAdded > 0 and any(energy.items, it.type == 'electricity')
        passes: sum(filter(energy.items, it.type == 'electricity' and not it.exported), it.baseQuantity) / economics.industrialValueAdded <= electricityIntensityLimit
        measured: sum(filter(energy.items, it.type == 'electricity' and not it.exported), it.baseQuantity) / economics.industrialValueAdded
        threshold: electricityIntensityLimit
        message:
          pass: { zh: "电耗未超过 {electricityIntensityLimit} 千瓦时", en: "within {electricityIntensityLimit} kWh" }
          fail: { zh: "电耗超过 {electricityIntensityLimit} 千瓦时", en: "over {electricityIntensityLimit} kWh per 10k CNY" }
          notApplicable: { zh: 不适用, en: no electricity reported }

        """

    static func customRules() throws -> URL {
        let dir = try RuleSetLoaderTests.copyOfRules()
        try RuleSetLoaderTests.edit(dir.appendingPathComponent("ruleset.yaml"), "    T1: 1000", "    T1: 2000")
        try RuleSetLoaderTests.edit(dir.appendingPathComponent("ruleset.yaml"), "  waterIntensityLimit: 85",
                                    "  waterIntensityLimit: 85\n  electricityIntensityLimit: 466")
        try electricityRule.write(to: dir.appendingPathComponent("rules/electricity-intensity.yaml"), atomically: true, encoding: .utf8)
        return dir
    }

    @Test func newRuleAndChangedTierFromFilesAlone() throws {
        let dir = try Self.customRules()
        defer { try? FileManager.default.removeItem(at: dir) }
        let ruleSet = try RuleSet.load(from: dir.path)
        let checker = Checker(ruleSet: ruleSet, language: .en)
        #expect(ruleSet.rule("electricity-intensity") != nil)

        // 466 kWh per 10k CNY exactly passes; a kWh more fails. Value added 100 → 46600 kWh.
        func check(_ kWh: String, tce: String = "1500") -> ReportResult {
            Fixtures.check(Fixtures.report(
                items: Fixtures.items(tce: tce) + #"<Item type="electricity" unit="kWh">\#(kWh)</Item>"#,
                valueAdded: #"<IndustrialValueAdded unit="10k-CNY">100</IndustrialValueAdded>"#), checker: checker)
        }
        #expect(Fixtures.finding(check("46600"), "electricity-intensity")?.outcome == .pass)
        let over = check("46601")
        #expect(Fixtures.finding(over, "electricity-intensity")?.outcome == .fail)
        #expect(Fixtures.finding(over, "electricity-intensity")?.measured == .number(Fixtures.exact("466.01")))

        // With T1 at 2000, 1500 tce no longer needs a letter; under the default rules it does.
        #expect(Fixtures.finding(check("1"), "responsibility-letter")?.outcome == .notApplicable)
        #expect(check("1").tier == nil)
        #expect(check("1", tce: "2000").tier == "T1")
        let standard = Fixtures.check(Fixtures.report(items: Fixtures.items(tce: "1500")))
        #expect(Fixtures.finding(standard, "responsibility-letter")?.outcome == .fail)
    }
}
