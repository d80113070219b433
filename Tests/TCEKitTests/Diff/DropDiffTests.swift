import Foundation
import Testing
import ZIPFoundation
@testable import TCEKit

/// `tce diff`: two drops built here, matched by credit code and year whatever the file names.
@Suite struct DropDiffTests {
    static let a = Fixtures.creditCode("91620922MA71XY12A"), b = Fixtures.creditCode("91620922MA71XY13A")
    static let c = Fixtures.creditCode("91620922MA71XY14A"), d = Fixtures.creditCode("91620922MA71XY15A")
    static let e = Fixtures.creditCode("91620922MA71XY16A")

    static func report(_ code: String, tce: String, signed: Bool, kiln: Bool = false, name: String = "测试企业") -> String {
        Fixtures.report(name: name, code: code, items: Fixtures.items(tce: tce), management: """
            <Management>
              <ResponsibilityLetter signed="\(signed)" date="2012-02-20"/>
              <Benchmarking status="completed"/>
              <EnergyManagementOrganization established="true"/>
              <EnergyManagementSystem established="true"/>
            </Management>
            """, equipment: kiln ? #"<Equipment><Unit kind="earth-kiln" count="1" status="operating"/></Equipment>"# : "")
    }

    /// old: A passes, B lacks its letter, C is there, D is T1.
    /// new (renamed files): A lacks its letter, B signed, C gone, D grew to T2, E new with a kiln.
    static func drops(_ scratch: Scratch) throws -> (old: String, new: String) {
        try scratch.write("old/a.xml", report(a, tce: "2500", signed: true, name: "甲"))
        try scratch.write("old/b.xml", report(b, tce: "1500", signed: false, name: "乙"))
        try scratch.write("old/c.xml", report(c, tce: "800", signed: false, name: "丙"))
        try scratch.write("old/sub/d.xml", report(d, tce: "1200", signed: true, name: "丁"))
        try scratch.write("new/2012-drop/x1.xml", report(a, tce: "2500", signed: false, name: "甲"))
        try scratch.write("new/2012-drop/x2.xml", report(b, tce: "1500", signed: true, name: "乙"))
        try scratch.write("new/x4.xml", report(d, tce: "3500", signed: true, name: "丁"))
        try scratch.write("new/x5.xml", report(e, tce: "500", signed: false, kiln: true, name: "戊"))
        return (scratch.file("old").path, scratch.file("new").path)
    }

    func diff(_ old: String, _ new: String) -> DropDiff {
        DropDiff(old: DropSnapshot.check([old], checker: Fixtures.checker), new: DropSnapshot.check([new], checker: Fixtures.checker))
    }

    @Test func everyKindOfChangeIsFound() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let (old, new) = try Self.drops(scratch)
        let d = diff(old, new)
        #expect(d.newlyFailing.map { "\($0.key.creditCode) \($0.rule)" } == ["\(Self.a) responsibility-letter", "\(Self.e) obsolete-capacity"])
        #expect(d.newlyFailing[0].was == .pass)
        #expect(d.newlyFailing[1].was == nil)
        #expect(d.newlyFailing[0].failure?.file == new + "/2012-drop/x1.xml")
        #expect(d.newlyPassing.map { "\($0.key.creditCode) \($0.rule) \($0.now?.rawValue ?? "")" } == ["\(Self.b) responsibility-letter pass"])
        #expect(d.appeared.map(\.creditCode) == [Self.e])
        #expect(d.disappeared.map(\.creditCode) == [Self.c])
        #expect(d.tierChanged.map { "\($0.key.creditCode) \($0.from ?? "-")→\($0.to ?? "-")" } == ["\(Self.d) T1→T2"])
        #expect(d.tierChanged.first?.newTotalTce == Fixtures.exact("3500"))
        #expect(d.exitCode == 1)
    }

    @Test func textAndJSONSayTheSame() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let (old, new) = try Self.drops(scratch)
        var messages = Fixtures.ruleSet.messages
        messages.language = .en
        let renderer = DiffRenderer(messages: messages)
        let d = diff(old, new)
        let text = renderer.text(d)
        #expect(text.contains("newly failing (2)\n  ✗ \(Self.a)  2011  甲  responsibility-letter (error): consumes 2500 tce a year"))
        #expect(text.contains("no longer failing (1)\n  ✓ \(Self.b)  2011  乙  responsibility-letter → pass\n"))
        #expect(text.contains("appeared (1)\n  + \(Self.e)  2011  戊  none  \(new)/x5.xml  failed: obsolete-capacity\n"))
        #expect(text.contains("disappeared (1)\n  - \(Self.c)  2011  丙  none  \(old)/c.xml\n"))
        #expect(text.contains("tier changed (1)\n  ~ \(Self.d)  2011  丁  T1 → T2  (1200 → 3500 tce)\n"))
        #expect(text.hasSuffix("Summary: 2 newly failing · 1 no longer failing · 1 appeared · 1 disappeared · 1 tier changed\n"))
        let json = try Pipeline.json(renderer.json(d))
        let failing = json["newlyFailing"] as? [[String: Any]] ?? []
        #expect(failing.map { $0["rule"] as? String } == ["responsibility-letter", "obsolete-capacity"])
        #expect(failing.first?["was"] as? String == "pass")
        #expect(failing.last?["was"] is NSNull)
        #expect(failing.first?["line"] as? Int != nil)
        #expect((json["tierChanged"] as? [[String: Any]])?.first?["newTotalTce"] as? Int == 3500)
        #expect((json["disappeared"] as? [[String: Any]])?.first?["files"] as? [String] == [old + "/c.xml"])
        let summary = json["summary"] as? [String: Any] ?? [:]
        #expect(summary["newlyFailing"] as? Int == 2)
        #expect(summary["exitCode"] as? Int == 1)
        #expect((json["old"] as? [String: Any])?["reports"] as? Int == 4)
        #expect(renderer.json(d) == renderer.json(diff(old, new)))  // deterministic
    }

    @Test func aDropAndItsZipDoNotDiffer() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let (_, new) = try Self.drops(scratch)
        let zip = scratch.file("new.zip")
        try FileManager.default.zipItem(at: URL(fileURLWithPath: new), to: zip, shouldKeepParent: false, compressionMethod: .deflate)
        let d = diff(new, zip.path)
        #expect(d.isEmpty)
        #expect(d.exitCode == 0)
        #expect(d.new.reports == 4)
        var messages = Fixtures.ruleSet.messages
        messages.language = .zh
        #expect(DiffRenderer(messages: messages).text(d).contains("两批数据之间没有差异"))
    }

    @Test func invalidInputsInEitherDropExitTwoAndAreListed() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let (old, new) = try Self.drops(scratch)
        try scratch.copy("samples/invalid/malformed-unclosed-tag.xml", to: "new/broken.xml")
        let d = diff(old, new)
        #expect(d.exitCode == 2)
        #expect(d.new.invalid.map(\.file) == [new + "/broken.xml"])
        var messages = Fixtures.ruleSet.messages
        messages.language = .en
        #expect(DiffRenderer(messages: messages).text(d).contains("invalid (2)\n  [new] \(new)/broken.xml:23:16: "))
    }

    @Test func aResubmissionCountsAsOneEnterpriseYear() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write("old/a.xml", Self.report(Self.a, tce: "2500", signed: true))
        try scratch.write("new/a.xml", Self.report(Self.a, tce: "2500", signed: true))
        try scratch.write("new/a-again.xml", Self.report(Self.a, tce: "2500", signed: true))
        let d = diff(scratch.file("old").path, scratch.file("new").path)
        #expect(d.new.enterpriseYears.count == 1)
        #expect(d.appeared.isEmpty)
        // The later of the two fails duplicate-report: that is new.
        #expect(d.newlyFailing.map(\.rule) == ["duplicate-report"])
        #expect(d.new.enterpriseYears.values.first?.files.count == 2)
    }
}
