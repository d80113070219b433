import Foundation
@testable import TCEKit

/// Shared fixtures: the checkout's paths, the default rule set (loaded once), report builders.
enum Fixtures {
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let rulesPath = root.appendingPathComponent("rules").path
    static let samplesPath = root.appendingPathComponent("samples").path

    static let ruleSet: RuleSet = {
        do { return try RuleSet.load(from: rulesPath) } catch { fatalError("default rules do not load: \(error)") }
    }()

    static let checker = Checker(ruleSet: ruleSet, language: .en)
    static let checkerZH = Checker(ruleSet: ruleSet, language: .zh)

    /// Checks XML text as a single report.
    static func check(_ xml: String, name: String = "test.xml", checker: Checker = checker) -> ReportResult {
        check(bytes: Array(xml.utf8), name: name, checker: checker)
    }

    static func check(bytes: [UInt8], name: String = "test.xml", checker: Checker = checker) -> ReportResult {
        checker.finish(checker.check(checker.loader.load(bytes: bytes, name: name), file: name), duplicateOf: nil)
    }

    static func finding(_ result: ReportResult, _ rule: String) -> Finding? {
        result.findings.first { $0.ruleID == rule }
    }

    /// A valid credit code built from 17 characters.
    static func creditCode(_ body: String = "91620922MA71XY12A") -> String {
        body + String(CreditCode.checkCharacter(for: body)!)
    }

    /// A complete, valid report; each argument replaces one part.
    static func report(
        name: String = "瓜州县测试有限公司",
        code: String = creditCode(),
        commissioned: String = "",
        year: String = "2011",
        items: String = #"<Item type="raw-coal" unit="t">2100</Item>"#,
        declaredTotal: String = "",
        valueAdded: String = #"<IndustrialValueAdded unit="10k-CNY">13500</IndustrialValueAdded>"#,
        water: String = "",
        previous: String = "",
        management: String = "",
        equipment: String = "",
        projects: String = "",
        encoding: String = "UTF-8"
    ) -> String {
        """
        <?xml version="1.0" encoding="\(encoding)"?>
        <EnergyReport xmlns="urn:tce:energy-report:1" version="1">
          <Enterprise>
            <Name>\(name)</Name>
            <CreditCode>\(code)</CreditCode>
            \(commissioned.isEmpty ? "" : "<CommissionedYear>\(commissioned)</CommissionedYear>")
          </Enterprise>
          <ReportingYear>\(year)</ReportingYear>
          <Energy>
            \(items)
            \(declaredTotal)
          </Energy>
          <Economics>
            \(valueAdded)
          </Economics>
          \(water)
          \(previous)
          \(management)
          \(equipment)
          \(projects)
        </EnergyReport>
        """
    }

    /// Raw coal in tonnes giving exactly `tce` (0.7143 tce per t) is awkward; electricity in
    /// kWh at 0.1229 kgce is too. `other` with coefficient 1000 kgce/kg makes kg = tce.
    static func items(tce: String) -> String {
        #"<Item type="other" unit="kg" coefficient="1000">\#(tce)</Item>"#
    }

    static func exact(_ s: String) -> Exact { try! Exact(decimal: s) }

    /// Every `*.xml` below a folder of the checkout, as absolute paths, sorted.
    static func xmlFiles(_ folder: String) -> [String] {
        let base = root.appendingPathComponent(folder).path
        let all = FileManager.default.enumerator(atPath: base)?.compactMap { $0 as? String } ?? []
        return all.filter { $0.hasSuffix(".xml") }.sorted().map { base + "/" + $0 }
    }
}
