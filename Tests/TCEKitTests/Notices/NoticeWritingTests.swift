import Foundation
import Testing
@testable import TCEKit

/// Safe writing: temporary names and renames, an existing folder never wiped, sanitised names,
/// one failed notice not stopping the others, and data escaped whatever it holds.
@Suite struct NoticeWritingTests {
    func report(_ name: String, code: String = Fixtures.creditCode(), dir: URL, file: String = "r.xml",
                equipment: String = #"<Equipment><Unit kind="earth-kiln" status="operating"/></Equipment>"#) throws -> URL {
        let url = dir.appendingPathComponent(file)
        try Fixtures.report(name: name, code: code, equipment: equipment).write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    func inputs(_ label: String) throws -> URL {
        let dir = NoticeFixtures.temporaryDirectory(label)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func markupInReportDataIsEscapedInHtmlAndDocx() throws {
        let dir = try inputs("escape")
        defer { try? FileManager.default.removeItem(at: dir) }
        // The name as the report writes it (XML-escaped) and as it must read on the notice.
        let raw = #"瓜州县<b>"测试"</b>&'公司'<script>alert(1)</script>"#
        let escaped = raw.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
        _ = try report(escaped, dir: dir)
        let out = dir.appendingPathComponent("out")
        let index = try NoticeFixtures.write([dir.path], to: out, kinds: [.rectification])
        #expect(index.rows.count == 1 && index.failures.isEmpty)
        let stem = Fixtures.creditCode() + "-2011"
        let html = try ParsedDocument.html([UInt8](try Data(contentsOf: out.appendingPathComponent(stem + ".html"))))
        #expect(html.all("p").contains { $0.text == raw + "：" })
        #expect(html.all("script").isEmpty && html.all("b").isEmpty, "no markup from the report reaches the page")
        let docx = try Unzipped([UInt8](try Data(contentsOf: out.appendingPathComponent(stem + ".docx"))))
        let doc = try docx.xml("word/document.xml")
        #expect(NoticeFixtures.paragraphs(doc).contains(raw + "："))
        let indexPage = try ParsedDocument.html([UInt8](try Data(contentsOf: out.appendingPathComponent("index.html"))))
        #expect(indexPage.all("td").contains { $0.text == raw })
        #expect(indexPage.all("script").isEmpty)
    }

    @Test func anExistingFolderIsNeverWipedAndNoTemporaryFileRemains() throws {
        let dir = try inputs("keep")
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try report("瓜州县保留测试有限公司", dir: dir)
        let out = dir.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let keep = out.appendingPathComponent("keep.txt")
        try "an office's own file".write(to: keep, atomically: true, encoding: .utf8)
        let stale = out.appendingPathComponent(Fixtures.creditCode() + "-2011.html")
        try "an old notice".write(to: stale, atomically: true, encoding: .utf8)

        let index = try NoticeFixtures.write([dir.path], to: out, kinds: [.rectification], formats: [.html])
        #expect(index.failures.isEmpty)
        #expect(try String(contentsOf: keep, encoding: .utf8) == "an office's own file")
        #expect(try String(contentsOf: stale, encoding: .utf8).contains("瓜州县保留测试有限公司"), "the notice replaces its old file")
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(names == [Fixtures.creditCode() + "-2011.html", "index.html", "keep.txt"])
    }

    @Test func anOutputPathThatIsAFileIsRefused() throws {
        let dir = try inputs("file")
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("notices")
        try "x".write(to: file, atomically: true, encoding: .utf8)
        #expect(throws: NoticeRenderer.Failure.self) { _ = try NoticeFixtures.write([dir.path], to: file) }
        #expect(try String(contentsOf: file, encoding: .utf8) == "x")
    }

    @Test func oneNoticeThatCannotBeWrittenDoesNotStopTheOthers() throws {
        let dir = try inputs("partial")
        defer { try? FileManager.default.removeItem(at: dir) }
        let first = Fixtures.creditCode("91620922MA71XY12A"), second = Fixtures.creditCode("91620922MA71XY13B")
        _ = try report("瓜州县第一有限公司", code: first, dir: dir, file: "a.xml")
        _ = try report("瓜州县第二有限公司", code: second, dir: dir, file: "b.xml")
        let out = dir.appendingPathComponent("out")
        // A folder where the first notice's HTML should go: renaming onto it fails.
        try FileManager.default.createDirectory(at: out.appendingPathComponent(first + "-2011.html"), withIntermediateDirectories: true)
        let index = try NoticeFixtures.write([dir.path], to: out, kinds: [.rectification])
        #expect(index.failures.map(\.file) == [out.path + "/" + first + "-2011.html"])
        #expect(index.failures.first?.reason.isEmpty == false)
        #expect(index.rows.map(\.creditCode) == [first, second])
        #expect(index.rows.first?.files == [.docx: first + "-2011.docx"], "the DOCX of the same notice is written")
        for name in [first + "-2011.docx", second + "-2011.html", second + "-2011.docx", "index.html"] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(name).path), "\(name)")
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path)
        #expect(!names.contains { $0.contains(".tmp") })
        let page = try ParsedDocument.html([UInt8](try Data(contentsOf: out.appendingPathComponent("index.html"))))
        #expect(page.all("td").contains { $0.text == out.path + "/" + first + "-2011.html" }, "the index names the failure")
    }

    @Test func aSecondFailingReportOfTheSameEnterpriseYearGetsItsOwnFileButNoSecondLetter() throws {
        let dir = try inputs("dup")
        defer { try? FileManager.default.removeItem(at: dir) }
        let big = #"<Item type="other" unit="kg" coefficient="1000">4000</Item>"#
        for file in ["a.xml", "b.xml"] {
            try Fixtures.report(name: "瓜州县重复报送有限公司", items: big).write(to: dir.appendingPathComponent(file), atomically: true, encoding: .utf8)
        }
        let out = dir.appendingPathComponent("out")
        let index = try NoticeFixtures.write([dir.path], to: out)
        let stem = Fixtures.creditCode() + "-2011"
        let rect = index.rows.filter { $0.kind == .rectification }
        #expect(rect.map { $0.files[.html] } == [stem + ".html", stem + "-2.html"])
        #expect(rect.map(\.number) == ["瓜工信节〔2012〕1号", "瓜工信节〔2012〕2号"])
        #expect(index.rows.filter { $0.kind == .letter }.map { $0.files[.html] } == [stem + "-letter.html"])
        // The second report is the duplicate: its notice says so.
        let second = try ParsedDocument.html([UInt8](try Data(contentsOf: out.appendingPathComponent(stem + "-2.html"))))
        #expect(!second.root.withAttribute("data-rule", "duplicate-report").isEmpty)
    }

    @Test func fileNamesAreSanitised() {
        #expect(NoticeFileName.sanitize("91620922MA71XY12A5-2011") == "91620922MA71XY12A5-2011")
        #expect(NoticeFileName.sanitize("../../etc/passwd") == "_._.._etc_passwd")  // no separator, no leading dot
        #expect(NoticeFileName.sanitize(".hidden-2011") == "_hidden-2011")
        #expect(NoticeFileName.sanitize("-rf") == "_rf")
        #expect(NoticeFileName.sanitize("a/b\\c:d\u{0}e 瓜") == "a_b_c_d_e__")
        #expect(NoticeFileName.sanitize("") == "notice")
        #expect(NoticeFileName.sanitize(String(repeating: "A", count: 500)).count == NoticeFileName.maximumLength)
        var registry = NoticeFileName.Registry(reserved: ["index"])
        #expect(registry.claim("index") == "index-2")
        #expect(registry.claim("X-2011") == "X-2011")
        #expect(registry.claim("X-2011") == "X-2011-2")
        #expect(registry.claim("X/2011") == "X_2011")
    }

    @Test func xmlTextEscapesMarkupAndDropsCharactersXMLCannotHold() {
        #expect(XMLText.escape(#"<a href="x">&'"#) == "&lt;a href=&quot;x&quot;&gt;&amp;'")
        #expect(XMLText.escape("a\u{1}b\u{FFFE}c", attribute: false) == "abc")
        #expect(XMLText.clean("瓜\u{8}州\u{FFFF}\t") == "瓜州\t")
        #expect(XMLText.clean("瓜州") == "瓜州")
    }
}
