import Testing
@testable import TCEKit

/// SPEC boundaries, decided exactly: 以上 includes the number; ratios never rounded.
@Suite struct RuleBoundaryTests {
    func outcome(_ xml: String, _ rule: String) -> Finding.Outcome? {
        Fixtures.finding(Fixtures.check(xml), rule)?.outcome
    }

    @Test func exactlyOneThousandIsTierOne() {
        let at = Fixtures.check(Fixtures.report(items: Fixtures.items(tce: "1000")))
        #expect(at.tier == "T1")
        #expect(Fixtures.finding(at, "responsibility-letter")?.outcome == .fail)  // applies; no letter reported
        let below = Fixtures.check(Fixtures.report(items: Fixtures.items(tce: "999.9999")))
        #expect(below.tier == nil)
        #expect(Fixtures.finding(below, "responsibility-letter")?.outcome == .notApplicable)
        #expect(Fixtures.check(Fixtures.report(items: Fixtures.items(tce: "3000"))).tier == "T2")
        #expect(Fixtures.check(Fixtures.report(items: Fixtures.items(tce: "5000"))).tier == "T3")
        #expect(Fixtures.check(Fixtures.report(items: Fixtures.items(tce: "4999.99"))).tier == "T2")
    }

    /// totalTce / value added: current intensity; previous from EnergyTotal / value added.
    func decline(previous: String, current: String) -> String {
        // value added 10000 both years: intensity = total / 10000.
        Fixtures.report(
            items: Fixtures.items(tce: current),
            valueAdded: #"<IndustrialValueAdded unit="10k-CNY">10000</IndustrialValueAdded>"#,
            previous: #"<PreviousYear year="2010"><EnergyTotal unit="tce">\#(previous)</EnergyTotal><IndustrialValueAdded unit="10k-CNY">10000</IndustrialValueAdded></PreviousYear>"#)
    }

    @Test func declineOfExactlyThreePercentPasses() {
        #expect(outcome(decline(previous: "9000", current: "8730"), "intensity-reduction") == .pass)  // 0.9 → 0.873
        #expect(outcome(decline(previous: "7000", current: "6790"), "intensity-reduction") == .pass)  // 0.7 → 0.679
        #expect(outcome(decline(previous: "9000", current: "8730.0001"), "intensity-reduction") == .fail)
    }

    @Test func declineWithUnevenValueAddedIsExact() {
        // 0.056128-style ratios: previous 561.28/10000, current chosen so the decline is exactly 3 %.
        let xml = Fixtures.report(
            items: Fixtures.items(tce: "1633.32480"),
            valueAdded: #"<IndustrialValueAdded unit="10k-CNY">30000</IndustrialValueAdded>"#,
            previous: #"<PreviousYear year="2010"><EnergyTotal unit="tce">561.28</EnergyTotal><IndustrialValueAdded unit="10k-CNY">10000</IndustrialValueAdded></PreviousYear>"#)
        // current intensity 1633.3248/30000 = 0.05444416 = 0.056128 × 0.97
        #expect(outcome(xml, "intensity-reduction") == .pass)
    }

    @Test func waterIntensityOfExactlyEightyFivePasses() {
        func water(_ m3: String) -> String {
            Fixtures.report(water: #"<Water><Withdrawal unit="m3">\#(m3)</Withdrawal></Water>"#)
        }
        #expect(outcome(water("1147500"), "water-intensity") == .pass)      // 1147500 / 13500 = 85
        #expect(outcome(water("1147500.0001"), "water-intensity") == .fail)
        #expect(outcome(Fixtures.report(), "water-intensity") == .notApplicable)
    }

    @Test func zeroValueAddedIsNotApplicableNotACrash() {
        let xml = Fixtures.report(
            items: Fixtures.items(tce: "2000"),
            valueAdded: #"<IndustrialValueAdded unit="10k-CNY">0</IndustrialValueAdded>"#,
            water: #"<Water><Withdrawal unit="m3">5</Withdrawal></Water>"#,
            previous: #"<PreviousYear year="2010"><EnergyTotal unit="tce">1</EnergyTotal><IndustrialValueAdded unit="10k-CNY">1</IndustrialValueAdded></PreviousYear>"#)
        let result = Fixtures.check(xml)
        #expect(Fixtures.finding(result, "water-intensity")?.outcome == .notApplicable)
        #expect(Fixtures.finding(result, "intensity-reduction")?.outcome == .notApplicable)
        #expect(result.findings.allSatisfy { $0.ruleError == nil })
    }

    @Test func missingObligationFailsAsNotReported() throws {
        let result = Fixtures.check(Fixtures.report(items: Fixtures.items(tce: "1200")))
        let letter = try #require(Fixtures.finding(result, "responsibility-letter"))
        #expect(letter.outcome == .fail)
        #expect(letter.message.contains("not reported"))
        let zh = Fixtures.check(Fixtures.report(items: Fixtures.items(tce: "1200")), checker: Fixtures.checkerZH)
        #expect(Fixtures.finding(zh, "responsibility-letter")?.message.contains("未报告") == true)
    }

    @Test func everyRuleAppearsOncePerCheckedReport() {
        let result = Fixtures.check(Fixtures.report())
        #expect(result.findings.map(\.ruleID) == Fixtures.ruleSet.rules.map(\.id))
    }

    @Test func failingElementSetsLineAndMessage() throws {
        let xml = Fixtures.report(projects: """
            <Projects>
              <Project id="P-1" name="已批" status="operating" energyReview="approved"/>
              <Project id="P-2" name="硅铁" status="under-construction" energyReview="pending"/>
            </Projects>
            """)
        let f = try #require(Fixtures.finding(Fixtures.check(xml), "project-energy-review"))
        #expect(f.outcome == .fail)
        #expect(f.message.contains("P-2"))
        let line = try #require(f.line)
        let lines = xml.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[line - 1].contains("P-2"))
    }
}
