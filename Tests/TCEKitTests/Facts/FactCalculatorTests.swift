import Testing
@testable import TCEKit

@Suite struct FactCalculatorTests {
    static let specItems = """
        <Item type="raw-coal" unit="t">2100</Item>
        <Item type="electricity" unit="10k-kWh">560</Item>
        <Item type="natural-gas" unit="10k-m3" coefficient="1.2143">12.5</Item>
        <Item type="electricity" unit="kWh" use="exported">150000</Item>
        """

    func facts(_ xml: String) throws -> Facts {
        try #require(Fixtures.check(xml).facts)
    }

    @Test func specExampleTotalIsExact() throws {
        let f = try facts(Fixtures.report(
            items: Self.specItems, water: #"<Water><Withdrawal unit="m3">480000</Withdrawal></Water>"#,
            previous: #"<PreviousYear year="2010"><EnergyTotal unit="tce">2290</EnergyTotal><IndustrialValueAdded unit="10k-CNY">12100</IndustrialValueAdded></PreviousYear>"#))
        #expect(f.totalTce.formatted() == "2321.6225")
        #expect(f.items.map { $0.tce.formatted() } == ["1500.03", "688.24", "151.7875", "-18.435"])
        #expect(f.waterIntensity?.formatted() == "35.555556")
        #expect(f.energyIntensity == (try Fixtures.exact("2321.6225").divided(by: Fixtures.exact("13500"))))
        #expect(f.previousEnergyIntensity == (try Fixtures.exact("2290").divided(by: Fixtures.exact("12100"))))
        let expected = try f.previousEnergyIntensity!.subtracting(f.energyIntensity!).divided(by: f.previousEnergyIntensity!)
        #expect(f.intensityDecline == expected)
    }

    @Test(arguments: [
        ("kg", "1000", "0.7143"), ("t", "1", "0.7143"), ("t", "1000", "714.3"),
    ])
    func massUnits(unit: String, quantity: String, tce: String) throws {
        let f = try facts(Fixtures.report(items: #"<Item type="raw-coal" unit="\#(unit)">\#(quantity)</Item>"#))
        #expect(f.totalTce.formatted() == tce)
    }

    @Test func everyUnitFamilyConverts() throws {
        let f = try facts(Fixtures.report(items: """
            <Item type="natural-gas" unit="m3">10000</Item>
            <Item type="electricity" unit="MWh">10</Item>
            <Item type="heat" unit="GJ">100</Item>
            <Item type="heat" unit="MJ">100000</Item>
            <Item type="steam" unit="kg">1000</Item>
            """))
        // 12.143 + 1.229 + 3.412 + 3.412 + 0.1286
        #expect(f.totalTce.formatted() == "20.3246")
    }

    @Test func declaredCoefficientUsedOnlyInRange() throws {
        let inRange = try facts(Fixtures.report(items: #"<Item type="natural-gas" unit="10k-m3" coefficient="1.33">1</Item>"#))
        #expect(inRange.totalTce.formatted() == "13.3")
        #expect(inRange.items[0].coefficientInRange == true)
        let outside = try facts(Fixtures.report(items: #"<Item type="natural-gas" unit="10k-m3" coefficient="1.3301">1</Item>"#))
        #expect(outside.totalTce.formatted() == "12.143")
        #expect(outside.items[0].coefficientInRange == false)
    }

    @Test func singleValueTypesAllowFivePercentBothEndsIncluded() throws {
        // raw-coal 0.7143 ± 5 %: 0.678585 … 0.750015
        for (c, ok) in [("0.678585", true), ("0.750015", true), ("0.678584", false), ("0.750016", false)] {
            let f = try facts(Fixtures.report(items: #"<Item type="raw-coal" unit="kg" coefficient="\#(c)">1000</Item>"#))
            #expect(f.items[0].coefficientInRange == ok, "coefficient \(c)")
        }
    }

    @Test func otherAlwaysUsesItsDeclaredCoefficient() throws {
        let f = try facts(Fixtures.report(items: #"<Item type="other" unit="MJ" coefficient="0.5">2000</Item>"#))
        #expect(f.totalTce == Exact(integer: 1))
        #expect(f.items[0].coefficientInRange == true)
    }

    @Test func netExporterIsNegative() throws {
        let f = try facts(Fixtures.report(items: """
            <Item type="diesel" unit="t">1</Item>
            <Item type="electricity" unit="10k-kWh" use="exported">100</Item>
            """))
        #expect(f.totalTce.formatted() == "-121.4429")
    }

    @Test func zeroValueAddedLeavesIntensitiesUnavailable() throws {
        let f = try facts(Fixtures.report(
            valueAdded: #"<IndustrialValueAdded unit="10k-CNY">0</IndustrialValueAdded>"#,
            water: #"<Water><Withdrawal unit="m3">5</Withdrawal></Water>"#))
        #expect(f.energyIntensity == nil && f.waterIntensity == nil)
        #expect(f.unavailable["waterIntensity"] == .valueAddedZero)
    }

    /// The reason a ratio is missing comes from the rule set's messages, in the checker's language.
    @Test func aMissingRatioSaysWhyInTheCheckersLanguage() throws {
        let xml = Fixtures.report(
            valueAdded: #"<IndustrialValueAdded unit="10k-CNY">0</IndustrialValueAdded>"#,
            water: #"<Water><Withdrawal unit="m3">5</Withdrawal></Water>"#)
        let report = try Fixtures.checker.loader.load(bytes: Array(xml.utf8), name: "t.xml").get()
        for (checker, expected) in [(Fixtures.checker, "energyIntensity (industrial value added is 0)"),
                                    (Fixtures.checkerZH, "energyIntensity (工业增加值为零)")] {
            let facts = try checker.calculator.facts(for: report)
            let scope = ReportScope(report: report, facts: facts, file: "t.xml", constants: checker.constants)
            guard case .missing(let path)? = scope.value(of: "energyIntensity") else {
                Issue.record("energyIntensity is not missing")
                continue
            }
            #expect(path == expected)
        }
    }

    @Test func creditCodeCheckCharacter() {
        #expect(CreditCode.isValid(Fixtures.creditCode()))
        #expect(CreditCode.isValid("91350100M000100Y43"))  // a published example
        #expect(!CreditCode.isValid("91350100M000100Y44"))
        #expect(CreditCode.checkCharacter(for: "91350100M000100Y4") == "3")
    }

    /// The facts take validity and the check character from one pass; it must agree with both.
    @Test(arguments: ["91350100M000100Y43", "91350100M000100Y44", "91350100M000100Y4", "91350100M000100Y433",
                      "", "91350100m000100Y43", "9135010０M000100Y43", "91350100M000100Y4中", "91350100I000100Y43"])
    func creditCodeCheckInOnePass(code: String) {
        let check = CreditCode.check(code)
        #expect(check.valid == CreditCode.isValid(code))
        #expect(check.expected == CreditCode.checkCharacter(for: code))
    }
}
