import Foundation
import Testing
@testable import TCEKit

@Suite struct ReportLoaderTests {
    func errors(_ xml: String, maxSize: Int? = nil) -> [Diagnostic] {
        var loader = Fixtures.checker.loader
        if let maxSize { loader.maxSize = maxSize }
        switch loader.load(bytes: Array(xml.utf8), name: "r.xml") {
        case .success: return []
        case .failure(let list): return list.items
        }
    }

    @Test func loadsTheSpecExample() throws {
        let xml = Fixtures.report(items: """
            <Item type="raw-coal" unit="t">2100</Item>
            <Item type="electricity" unit="10k-kWh">560</Item>
            <Item type="natural-gas" unit="10k-m3" coefficient="1.2143">12.5</Item>
            <Item type="electricity" unit="kWh" use="exported">150000</Item>
            """)
        let report = try Fixtures.checker.loader.load(bytes: Array(xml.utf8), name: "r.xml").get()
        #expect(report.enterprise.name == "瓜州县测试有限公司")
        #expect(report.items.count == 4)
        #expect(report.items[1].baseQuantity == Fixtures.exact("5600000"))
        #expect(report.items[3].exported)
        #expect(report.items[2].declaredCoefficient == Fixtures.exact("1.2143"))
        #expect(report.industrialValueAdded == Fixtures.exact("13500"))
    }

    /// The schema reads attribute values as tokens: blanks around them (and runs inside) do not
    /// count. A report written that way is the same report, finding for finding. (Not the date:
    /// XSD collapses its blanks too, but libxml2 refuses them, and libxml2 decides; see the
    /// date edges in CompiledSchemaTests.)
    @Test func blanksAroundAttributeValuesChangeNothing() throws {
        let items = """
            <Item type="raw-coal" unit="t">2100</Item>
            <Item type="natural-gas" unit="10k-m3" coefficient="1.2143">12.5</Item>
            <Item type="electricity" unit="kWh" use="exported">150000</Item>
            """
        let management = #"<Management><ResponsibilityLetter signed="true" date="2012-02-20"/><Benchmarking status="completed"/></Management>"#
        let equipment = #"<Equipment><Unit kind="earth-kiln" count="2" status="operating"/></Equipment>"#
        let projects = #"<Projects><Project id="P-1" name="余热 发电" status="under-construction" energyReview="none"/></Projects>"#
        let plain = Fixtures.report(items: items, management: management, equipment: equipment, projects: projects)
        let padded = plain.replacing(#/(type|unit|use|coefficient|status|kind|count|id|name|energyReview)="([^"]*)"/#) { match in
            "\(match.1)=\" \t\(match.2.replacingOccurrences(of: " ", with: "  "))\n\""
        }
        #expect(padded.contains(#"use=" \#texported\#n""#))
        let a = try Fixtures.checker.loader.load(bytes: Array(plain.utf8), name: "r.xml").get()
        let b = try Fixtures.checker.loader.load(bytes: Array(padded.utf8), name: "r.xml").get()
        #expect(b.items.map(\.type) == ["raw-coal", "natural-gas", "electricity"])
        #expect(b.items[2].exported)
        #expect(b.items[1].declaredCoefficient == Fixtures.exact("1.2143"))
        #expect(b.projects?.first?.name == "余热 发电")
        #expect(b.equipment?.first?.kind == "earth-kiln")
        #expect(b.management?.benchmarking?.status == "completed")
        let findings = { (xml: String) in Fixtures.check(xml).findings.map { "\($0.ruleID) \($0.outcome) \($0.message)" } }
        #expect(findings(padded) == findings(plain))
        #expect(a.items.map(\.baseQuantity) == b.items.map(\.baseQuantity))
    }

    @Test func convertsMoneyAndWaterUnits() throws {
        let xml = Fixtures.report(
            valueAdded: #"<IndustrialValueAdded unit="CNY">135000000</IndustrialValueAdded>"#,
            water: #"<Water><Withdrawal unit="10k-m3">48</Withdrawal></Water>"#)
        let report = try Fixtures.checker.loader.load(bytes: Array(xml.utf8), name: "r.xml").get()
        #expect(report.industrialValueAdded == Fixtures.exact("13500"))
        #expect(report.waterWithdrawal?.value == Fixtures.exact("480000"))
    }

    @Test func chineseEncodingsDecode() throws {
        let gbk = try Fixtures.checker.loader.load(file: Fixtures.samplesPath + "/2011-yatai-metal.xml").get()
        #expect(gbk.enterprise.name == "瓜州县亚泰金属有限公司")
        // GB18030: m² is outside GBK, a four-byte sequence.
        let gb18030 = try Fixtures.checker.loader.load(file: Fixtures.samplesPath + "/2011-mofeng-cement.xml").get()
        #expect(gb18030.enterprise.name == "瓜州县漠风水泥有限责任公司")
        #expect(gb18030.projects?.contains { $0.name == "原料堆场封闭2.4万m²" } == true)
        let gb2312 = try Fixtures.checker.loader.load(file: Fixtures.samplesPath + "/2011-beihewan-lime.xml").get()
        #expect(gb2312.enterprise.name == "瓜州县北河湾石灰厂")
    }

    @Test func gbkBytesDeclaredAsUTF8AreInvalid() throws {
        let result = Fixtures.checker.check(file: Fixtures.samplesPath + "/invalid/gbk-bytes-declared-utf8.xml")
        #expect(result.status == .invalid)
        #expect(result.errors.first?.line != nil)
    }

    @Test func malformedXMLNamesLineAndColumn() throws {
        let e = errors("<?xml version=\"1.0\"?>\n<EnergyReport xmlns=\"urn:tce:energy-report:1\" version=\"1\">\n  <Enterprise>\n</EnergyReport>\n")
        let first = try #require(e.first)
        #expect(first.line == 4)
        #expect(first.column != nil)
        #expect(first.message.contains("Enterprise"))
    }

    @Test func wrongNamespaceIsInvalid() throws {
        let xml = Fixtures.report().replacingOccurrences(of: "urn:tce:energy-report:1", with: "urn:other")
        let first = try #require(errors(xml).first)
        #expect(first.message.contains("urn:tce:energy-report:1"))
        #expect(first.line == 2)
    }

    @Test func schemaViolationsAreLocated() throws {
        let xml = Fixtures.report(management: #"<Management><Benchmarking status="someday"/></Management>"#)
        let first = try #require(errors(xml).first)
        #expect(first.message.contains("someday"))
        #expect(first.line != nil && first.column != nil)
    }

    @Test(arguments: ["1,500", "1e3", "-5", "12.", ".5", "0.9x", "1 500"])
    func badQuantitiesAreInvalid(_ quantity: String) throws {
        let xml = Fixtures.report(items: #"<Item type="raw-coal" unit="t">\#(quantity)</Item>"#)
        let first = try #require(errors(xml).first)
        #expect(first.line != nil)
    }

    @Test func unitThatDoesNotFitTheTypeIsInvalid() throws {
        let xml = Fixtures.report(items: #"<Item type="electricity" unit="t">5</Item>"#)
        let first = try #require(errors(xml).first)
        #expect(first.message.contains("unit \"t\" does not fit energy type \"electricity\""))
        #expect(first.message.contains("kWh"))
        #expect(first.line != nil)
        #expect(first.column != nil)
    }

    @Test func unknownEnergyTypeIsInvalid() throws {
        let xml = Fixtures.report(items: #"<Item type="unobtainium" unit="kg">5</Item>"#)
        let first = try #require(errors(xml).first)
        #expect(first.message.contains("unknown energy type \"unobtainium\""))
    }

    @Test func otherNeedsACoefficient() throws {
        let xml = Fixtures.report(items: #"<Item type="other" unit="kg">5</Item>"#)
        #expect(try #require(errors(xml).first).message.contains("coefficient"))
    }

    @Test func creditCodeOfWrongShapeIsInvalid() {
        #expect(!errors(Fixtures.report(code: "91620922MA71XY12AI")).isEmpty)  // I is not allowed
        #expect(!errors(Fixtures.report(code: "91620922")).isEmpty)
    }

    @Test func oversizedFilesAreRefused() throws {
        let xml = Fixtures.report()
        let first = try #require(errors(xml, maxSize: 100).first)
        #expect(first.message.contains("size limit"))
    }

    @Test func externalEntitiesAreNeverRead() throws {
        let secret = FileManager.default.temporaryDirectory.appendingPathComponent("tce-secret-\(getpid()).txt")
        try "TOP-SECRET-CONTENT".write(to: secret, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: secret) }
        let xml = Fixtures.report(name: "&x;").replacingOccurrences(
            of: "<EnergyReport ", with: "<!DOCTYPE EnergyReport [<!ENTITY x SYSTEM \"file://\(secret.path)\">]>\n<EnergyReport ")
        let result = Fixtures.check(xml)
        #expect(result.status == .invalid)
        let text = result.errors.map(\.description).joined()
        #expect(text.contains("DOCTYPE"))
        #expect(!text.contains("TOP-SECRET"))
        #expect(result.errors.first?.line == 2)
    }

    @Test func entityExpansionBombIsRejectedQuickly() {
        var dtd = "<!ENTITY a0 \"lol\">"
        for i in 1...12 { dtd += "<!ENTITY a\(i) \"" + String(repeating: "&a\(i - 1);", count: 10) + "\">" }
        let xml = Fixtures.report(name: "&a12;").replacingOccurrences(
            of: "<EnergyReport ", with: "<!DOCTYPE EnergyReport [\(dtd)]>\n<EnergyReport ")
        let start = ContinuousClock.now
        let result = Fixtures.check(xml)
        #expect(ContinuousClock.now - start < .seconds(1))
        #expect(result.status == .invalid)
    }

    /// The byte scan cannot see a DOCTYPE in UTF-16, so UTF-16 (not a report encoding) is
    /// refused before libxml2 decodes anything; its DOCTYPE hook stays as a second guard.
    @Test func utf16IsRefusedBeforeItsDoctypeIsParsed() {
        let xml = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><r>&x;</r>"
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in xml.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let result = Fixtures.check(bytes: bytes)
        #expect(result.status == .invalid)
        #expect(result.errors.first?.message.hasPrefix("the file is encoded in UTF-16") == true)
        #expect(!result.errors.map(\.message).joined().contains("root:"))
    }

    @Test func emptyFileIsInvalid() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tce-empty-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("empty.xml")
        #expect(FileManager.default.createFile(atPath: file.path, contents: Data()))
        let result = Fixtures.checker.check(file: file.path)
        #expect(result.status == .invalid)
        #expect(result.errors.first?.message.contains("empty") == true)
    }

    @Test func directoriesAndPipesAreNotReadAsReports() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tce-fifo-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let fifo = dir.appendingPathComponent("pipe.xml").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let result = Fixtures.checker.check(file: fifo)
        #expect(result.status == .invalid)
        #expect(result.errors.first?.message.contains("not a regular file") == true)
    }
}
