import Foundation
import Testing
@testable import TCEKit

/// A report is parsed and validated in one streaming pass when it is valid (the fast path), and
/// parsed into a libxml2 tree and validated whole when it is not (the slow path, which explains).
/// Both paths must accept the same reports and give the same tree: these tests compare them on
/// every report file in the project, on the hostile cases, and on the awkward shapes of XML.
@Suite struct StreamingValidationTests {
    static let loader = Fixtures.checker.loader

    /// What each path makes of `bytes`: the fast path's tree, or nil; the slow path's tree, or its reasons.
    static func paths(_ bytes: [UInt8]) -> (fast: ElementTree?, slow: Result<ElementTree, DiagnosticList>)? {
        bytes.withUnsafeBytes { raw in
            guard HardenedXML.preflight(raw) == nil else { return nil }
            let fast = loader.schema.validTree(raw)
            let slow = Result { () throws(DiagnosticList) in
                try loader.explain(raw, name: "r.xml", source: ReportSource(bytes: raw))
            }
            return (fast, slow)
        }
    }

    /// Checks that both paths agree on `bytes`; returns the fast path's tree.
    @discardableResult
    static func expectAgreement(_ bytes: [UInt8], _ what: String) -> ElementTree? {
        guard let (fast, slow) = paths(bytes) else { return nil }
        switch (fast, slow) {
        case (let fast?, .success(let slow)):
            #expect(fast.root!.outline == slow.root!.outline, "\(what)")
        case (nil, .failure(let reasons)):
            #expect(!reasons.items.isEmpty, "\(what)")
        case (nil, .success):
            Issue.record("\(what): the fast path refused a report the slow path accepts")
        case (_?, .failure(let reasons)):
            Issue.record("\(what): the fast path accepted a report the slow path refuses: \(reasons.items.first?.message ?? "")")
        }
        return fast
    }

    static func file(_ path: String) -> [UInt8] { Array(FileManager.default.contents(atPath: path) ?? Data()) }

    @Test func everyReportFileOfTheProjectTakesTheSameWayOnBothPaths() {
        let files = Fixtures.xmlFiles("samples") + Fixtures.xmlFiles("rules/examples") + Fixtures.xmlFiles("Tests/TCEKitTests/Fuzz/Inputs")
        #expect(files.count > 100)
        var accepted = 0
        for path in files where Self.expectAgreement(Self.file(path), path) != nil { accepted += 1 }
        // Most example reports are valid (they fail rules, not the schema); a few are invalid on purpose.
        #expect(accepted > files.count / 2)
        #expect(accepted < files.count)
    }

    /// The fast path keeps one libxml2 parser context per thread (`ReusedParserContext`). A report
    /// read after a refused one, after one in GB18030, and after one with more element names than
    /// a kept context may hold (it is then freed and made anew) reads as if it came first.
    @Test func aReusedParserContextReadsEachReportAsIfItCameFirst() throws {
        let valid = Self.file(Fixtures.samplesPath + "/2011-jinyuan-coal.xml")
        // A tree is held while its elements are read: they do not keep it alive.
        let firstTree = try #require(Self.expectAgreement(valid, "first"))
        let first = firstTree.root!.outline
        let manyNames = #"<?xml version="1.0" encoding="UTF-8"?><EnergyReport xmlns="urn:tce:energy-report:1" version="1">"#
            + (0..<(ReusedParserContext.dictionaryLimit + 100)).map { "<n\($0)/>" }.joined() + "</EnergyReport>"
        let others: [(String, [UInt8])] = [
            ("cut short", Array(valid.prefix(valid.count / 2))),
            ("GB18030", Self.file(Fixtures.samplesPath + "/2011-mofeng-cement.xml")),
            ("too many names", Array(manyNames.utf8)),
            ("not XML", Array("\u{0}\u{1}junk".utf8)),
        ]
        for (name, bytes) in others {
            Self.expectAgreement(bytes, name)
            let tree = Self.expectAgreement(valid, "after \(name)")
            #expect(tree?.root?.outline == first, "after \(name)")
        }
    }

    @Test func hostileCasesNeverTakeTheFastPath() {
        for (name, bytes) in HostileXMLTests.cases {
            #expect(Self.expectAgreement(bytes, name) == nil, "\(name)")
        }
    }

    @Test func referencesCommentsAndCDATAReadAlikeOnBothPaths() throws {
        let xml = Fixtures.report(
            name: "瓜州&amp;&#x4E2D;<!-- 注 -->测试<![CDATA[<公司>]]>",
            items: #"<Item type="raw-coal" unit="t">&#50;1<!-- 千 -->00</Item>"#,
            projects: #"<Projects><Project id="P&amp;1&#38;2" name="A &lt; B &#x4E2D; &quot;x&quot;" status="planned" energyReview="none"/></Projects>"#)
        let tree = try #require(Self.expectAgreement(Array(xml.utf8), "references"))
        let report = try Self.loader.load(bytes: Array(xml.utf8), name: "r.xml").get()
        #expect(report.enterprise.name == "瓜州&中测试<公司>")
        #expect(report.items.first?.quantity == Fixtures.exact("2100"))
        #expect(report.projects?.first?.id == "P&1&2")
        #expect(report.projects?.first?.name == "A < B 中 \"x\"")
        #expect(tree.root?.child("Enterprise")?.child("Name")?.line == 4)
    }

    @Test func namespacedAttributesAreKeptApartOnBothPaths() throws {
        let xml = Fixtures.report(equipment: #"<Equipment xmlns:x="urn:example:x"><Unit kind="earth-kiln" x:kind="other" status="idle"/></Equipment>"#)
        // The schema may or may not allow foreign attributes; either way both paths agree.
        Self.expectAgreement(Array(xml.utf8), "foreign attribute")
        let plain = Fixtures.report(equipment: #"<Equipment><Unit kind="earth-kiln" status="idle"/></Equipment>"#)
        let tree = try #require(Self.expectAgreement(Array(plain.utf8), "plain"))
        #expect(tree.root?.child("Equipment")?.child("Unit")?.attribute("kind") == "earth-kiln")
        #expect(tree.root?.child("Equipment")?.child("Unit")?.attribute("count") == nil)
    }

    @Test func gbEncodedReportsAreDecodedAlikeOnBothPaths() throws {
        let samples: [(file: String, name: String)] = [
            ("2011-yatai-metal-resubmitted.xml", "瓜州县亚泰金属有限公司"),   // GBK
            ("2011-mofeng-cement.xml", ""),                                   // GB18030
            ("2011-beihewan-lime.xml", ""),                                   // GB2312
        ]
        for sample in samples {
            let tree = try #require(Self.expectAgreement(Self.file(Fixtures.samplesPath + "/" + sample.file), sample.file))
            let name = tree.root?.child("Enterprise")?.child("Name")?.text.trimmingWhitespace ?? ""
            #expect(name.hasPrefix("瓜州县"), "\(sample.file): \(name)")
            if !sample.name.isEmpty { #expect(name == sample.name) }
        }
    }

    @Test func aParserWarningTakesTheSlowPathWhichReportsIt() throws {
        // XML 1.1 is only a warning for libxml2 (it parses the file as 1.0); the slow path reports it.
        let xml = Fixtures.report().replacingOccurrences(of: "<?xml version=\"1.0\"", with: "<?xml version=\"1.1\"")
        let (fast, slow) = try #require(Self.paths(Array(xml.utf8)))
        #expect(fast == nil)
        guard case .failure(let reasons) = slow else { Issue.record("the slow path accepted it"); return }
        #expect(reasons.items.contains { $0.message.contains("1.1") }, "\(reasons.items)")
    }

    @Test func schemaViolationsTakeTheSlowPathWhichNamesThem() throws {
        let xml = Fixtures.report(management: #"<Management><Benchmarking status="someday"/></Management>"#)
        let (fast, slow) = try #require(Self.paths(Array(xml.utf8)))
        #expect(fast == nil)
        guard case .failure(let reasons) = slow else { Issue.record("the slow path accepted it"); return }
        #expect(reasons.items.contains { $0.message.contains("someday") && $0.line == 18 }, "\(reasons.items)")
    }

    @Test func validatorsAreReusedCleanlyBetweenValidAndInvalidReports() {
        let valid = Array(Fixtures.report().utf8)
        let invalid = Array(Fixtures.report(year: "twenty").utf8)
        let malformed = Array(Fixtures.report().dropLast(20).utf8)
        // Many reports, on all cores, through the pooled validators: every verdict stays its own.
        let verdicts = BatchRunner.parallelMap(Array(0..<600)) { i -> Bool in
            let bytes = [valid, invalid, malformed][i % 3]
            return bytes.withUnsafeBytes { Self.loader.schema.validTree($0) != nil }
        }
        #expect(verdicts == (0..<600).map { $0 % 3 == 0 })
    }
}
