import Foundation
import Testing
@testable import TCEKit

/// notices.yaml and the templates are the office's to edit: they load without a rebuild, and
/// every mistake is reported with file:line:column before anything is written.
@Suite struct NoticeConfigTests {
    /// A copy of the bundled rules that a test may edit.
    final class RulesCopy {
        let directory: URL
        init() throws {
            directory = NoticeFixtures.temporaryDirectory("rules")
            try FileManager.default.copyItem(at: URL(fileURLWithPath: Fixtures.rulesPath), to: directory)
        }
        deinit { try? FileManager.default.removeItem(at: directory) }

        var noticesPath: String { directory.appendingPathComponent("notices.yaml").path }
        func templatePath(_ name: String) -> String { directory.appendingPathComponent("templates/\(name).mustache").path }

        func edit(_ path: String, _ old: String, _ new: String) throws {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(text.contains(old), "the test's edit must apply: \(old)")
            try text.replacingOccurrences(of: old, with: new).write(toFile: path, atomically: true, encoding: .utf8)
        }

        /// 1-based line and column of `needle` in the file.
        func position(of needle: String, in path: String) throws -> (line: Int, column: Int) {
            let lines = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\n")
            for (i, line) in lines.enumerated() {
                if let r = line.range(of: needle) { return (i + 1, line.distance(from: line.startIndex, to: r.lowerBound) + 1) }
            }
            Issue.record("\(needle) not found in \(path)")
            return (0, 0)
        }

        func errors() throws -> [RuleSetError] {
            let ruleSet = try RuleSet.load(from: directory.path)
            do {
                _ = try ruleSet.noticeConfig()
                return []
            } catch {
                return error.errors
            }
        }
    }

    @Test func theBundledSettingsLoad() {
        let c = NoticeFixtures.config
        #expect(c.authority == "瓜州县工业和信息化局")
        #expect(c.numbering[.rectification]?.source == "瓜工信节〔{issueYear}〕{seq}号")
        #expect(c.firstNumber == 1)
        #expect(c.deadlineDays == 30)
        #expect(c.deadlineDays(for: "obsolete-capacity") == 90)
        #expect(c.deadlineDays(for: "energy-audit") == 30)
        #expect(Set(c.tierTexts.keys) == ["T1", "T2", "T3"])
        #expect(c.contact.first == NoticeConfig.ContactLine(label: "联系科室", value: "瓜州县工业和信息化局节能监察股"))
        #expect(c.severityNames[.warning] == "数据存疑")
        #expect(c.text(.rectification, "title") == "整改通知书")
    }

    @Test func anUnknownPlaceholderIsReportedWhereItStands() throws {
        let copy = try RulesCopy()
        try copy.edit(copy.noticesPath, "{enterpriseName}：", "{enterpriseNmae}：")
        let at = try copy.position(of: "enterpriseNmae", in: copy.noticesPath)
        let errors = try copy.errors()
        #expect(errors.count == 1)
        let e = try #require(errors.first)
        #expect(e.file == copy.noticesPath)
        #expect(e.line == at.line && e.column == at.column, "\(e)")
        #expect(e.message.contains("{enterpriseNmae}") && e.message.contains(#"did you mean "enterpriseName""#))
    }

    @Test func ruleIdsTiersAndNumbersAreChecked() throws {
        let copy = try RulesCopy()
        try copy.edit(copy.noticesPath, "  water-intensity: 立方米/万元", "  water-intensty: 立方米/万元")
        try copy.edit(copy.noticesPath, "    obsolete-capacity: 90", "    obsolete-capacity: 90.5")
        try copy.edit(copy.noticesPath, "  T3: 在T2档义务基础上，完成能源审计（审核对标）\n", "  T9: 不存在\n")
        try copy.edit(copy.noticesPath, "  title: 整改通知书\n", "  title: 整改通知书\n  number: 冲突\n")
        let errors = try copy.errors()
        let text = errors.map(\.description).joined(separator: "\n")
        let unit = try copy.position(of: "water-intensty", in: copy.noticesPath)
        #expect(errors.contains { $0.line == unit.line && $0.column == unit.column && $0.message.contains("not a rule id") }, "\(text)")
        #expect(text.contains("deadline.byRule.obsolete-capacity must be a whole number"))
        #expect(text.contains(#"tiers names "T9", which is not a letter tier"#))
        #expect(text.contains("tiers.T3 is missing"))
        #expect(text.contains(#"text name "number" is a name tce fills in"#))
        #expect(errors.allSatisfy { $0.file == copy.noticesPath && $0.line != nil })
    }

    @Test func anUnknownNameInATemplateIsReportedWithItsPlace() throws {
        let copy = try RulesCopy()
        let path = copy.templatePath("rectification.html")
        try copy.edit(path, "<td class=\"num measured\">{{measured}}</td>", "<td class=\"num measured\">{{mesured}}</td>")
        let at = try copy.position(of: "{{mesured}}", in: path)
        let errors = try copy.errors()
        #expect(errors.count == 1)
        let e = try #require(errors.first)
        #expect(e.file == path && e.line == at.line && e.column == at.column, "\(e)")
        #expect(e.message.contains("unknown name {{mesured}}"))
    }

    @Test func unescapedOutputAndBrokenTemplatesAreRefused() throws {
        let copy = try RulesCopy()
        try copy.edit(copy.templatePath("letter.html"), "<h1>{{title}}</h1>", "<h1>{{{title}}}</h1>")
        try copy.edit(copy.templatePath("rectification.docx"), "{{/findings}}\n</w:tbl>", "</w:tbl>")
        try FileManager.default.removeItem(atPath: copy.templatePath("index.html"))
        let errors = try copy.errors()
        let unescaped = try #require(errors.first { $0.file == copy.templatePath("letter.html") })
        let at = try copy.position(of: "{{{title}}}", in: copy.templatePath("letter.html"))
        #expect(unescaped.line == at.line && unescaped.column == at.column)
        #expect(unescaped.message.contains("{{{ is not allowed"))
        let broken = try #require(errors.first { $0.file == copy.templatePath("rectification.docx") })
        #expect(broken.line != nil && broken.message.contains("not a valid Mustache template"), "\(broken)")
        #expect(errors.contains { $0.message.contains("template index.html.mustache is missing") })
    }

    @Test func editedWordingAndNumberingTakeEffectWithoutARebuild() throws {
        let copy = try RulesCopy()
        try copy.edit(copy.noticesPath, "authority: 瓜州县工业和信息化局", "authority: 瓜州县经济和信息化局")
        try copy.edit(copy.noticesPath, #""瓜工信节〔{issueYear}〕{seq}号""#, #""瓜经信发〔{issueYear}〕{seq}号""#)
        try copy.edit(copy.noticesPath, "  first: 1 ", "  first: 41 ")
        try copy.edit(copy.noticesPath, "  days: 30\n", "  days: 15\n")
        let ruleSet = try RuleSet.load(from: copy.directory.path)
        let config = try ruleSet.noticeConfig()
        let out = NoticeFixtures.temporaryDirectory("edited")
        defer { try? FileManager.default.removeItem(at: out) }
        let checker = Checker(ruleSet: ruleSet, language: .zh)
        let index = try NoticeFixtures.write([Fixtures.samplesPath + "/2011-tianqi-smelting.xml"], to: out,
                                             kinds: [.rectification], formats: [.html], config: config, checker: checker)
        let row = try #require(index.rows.first)
        #expect(row.number == "瓜经信发〔2012〕41号")
        let doc = try ParsedDocument.html([UInt8](try Data(contentsOf: out.appendingPathComponent(row.files[.html]!))))
        #expect(doc.all("p").first { $0.attribute("class") == "authority" }?.text == "瓜州县经济和信息化局")
        #expect(doc.all("td").contains { $0.text == "2012年3月30日" }, "15 days after 2012-03-15")
    }

    @Test func aControlCharacterInTheWordingCannotBreakTheDocx() throws {
        let copy = try RulesCopy()
        try copy.edit(copy.noticesPath, "  copyTo: 抄送：", "  copyTo: \"抄送\\x01：县人民政府办公室。\"\n  oldCopyTo: 抄送：")
        let ruleSet = try RuleSet.load(from: copy.directory.path)
        let config = try ruleSet.noticeConfig()
        let out = NoticeFixtures.temporaryDirectory("control")
        defer { try? FileManager.default.removeItem(at: out) }
        let index = try NoticeFixtures.write([Fixtures.samplesPath + "/2011-tianqi-smelting.xml"], to: out, kinds: [.rectification],
                                             config: config, checker: Checker(ruleSet: ruleSet, language: .zh))
        #expect(index.failures.isEmpty)
        let docx = try Unzipped([UInt8](try Data(contentsOf: out.appendingPathComponent(index.rows[0].files[.docx]!))))
        #expect(NoticeFixtures.paragraphs(try docx.xml("word/document.xml")).contains("抄送：县人民政府办公室。"))
    }

    @Test func aDocxTemplateThatGivesBrokenXMLFailsItsNoticesOnly() throws {
        let copy = try RulesCopy()
        try copy.edit(copy.templatePath("rectification.docx"), "</w:body>", "</w:bdy>")
        let ruleSet = try RuleSet.load(from: copy.directory.path)
        let config = try ruleSet.noticeConfig()
        let out = NoticeFixtures.temporaryDirectory("broken-docx")
        defer { try? FileManager.default.removeItem(at: out) }
        let index = try NoticeFixtures.write([Fixtures.samplesPath + "/2011-tianqi-smelting.xml"], to: out, config: config,
                                             checker: Checker(ruleSet: ruleSet, language: .zh))
        #expect(index.failures.count == 1)
        #expect(index.failures.first?.file.hasSuffix("-2011.docx") == true)
        #expect(index.failures.first?.reason.contains("rectification.docx.mustache gave XML that is not well-formed") == true)
        let stem = try #require(index.rows.first?.creditCode) + "-2011"
        let written = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        // The rectification HTML, both letter files (their template is intact) and the index; no broken DOCX.
        #expect(written == [stem + "-letter.docx", stem + "-letter.html", stem + ".html", "index.html"])
    }

    @Test func rulesCheckReportsNoticeMistakes() throws {
        let copy = try RulesCopy()
        try copy.edit(copy.noticesPath, "{enterpriseName}：", "{enterpriseNmae}：")
        let run = try CLIRun.tce(["rules", "check", copy.directory.path])
        #expect(run.exitCode == 1)
        let at = try copy.position(of: "enterpriseNmae", in: copy.noticesPath)
        #expect(run.text.contains("\(copy.noticesPath):\(at.line):\(at.column): "), "\(run.text)")
        let notices = try CLIRun.tce(["notices", "samples", "--out", copy.directory.appendingPathComponent("out").path,
                                      "--rules", copy.directory.path])
        #expect(notices.exitCode == 2)
        #expect(notices.stderr.contains("\(copy.noticesPath):\(at.line):\(at.column): "))
        #expect(!FileManager.default.fileExists(atPath: copy.directory.appendingPathComponent("out").path), "nothing is written")
    }
}
