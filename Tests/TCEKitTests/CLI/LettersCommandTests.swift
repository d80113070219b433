import Foundation
import Testing
@testable import TCEKit

@Suite struct LettersCommandTests {
    @Test func letterListIsSortedWithBOMAndTiers() throws {
        let run = try CLIRun.tce(["letters", "samples"])
        #expect(run.exitCode == 2)  // invalid samples are reported, not listed
        #expect(Array(run.stdout.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let lines = run.text.dropFirst().split(separator: "\r\n").map(String.init)
        #expect(lines[0].hasPrefix("credit_code,name,year,total_tce,tier,letter_signed"))
        let rows = lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        // Oracle: T1+ samples are mofeng 14202.942, xiyu 9367.9045, tianqi 7188.22, jinyuan 3832.899,
        // yatai ×2 3496.054, hongyun 2321.6225, shaye 1316.3452.
        #expect(rows.map { $0[3] } == ["14202.942", "9367.9045", "7188.22", "3832.899", "3496.054", "3496.054", "2321.6225", "1316.3452"])
        #expect(rows.map { $0[4] } == ["T3", "T3", "T3", "T2", "T2", "T2", "T1", "T1"])
        #expect(rows[0][1] == "瓜州县漠风水泥有限责任公司")
        #expect(rows[4][0] <= rows[5][0])
        #expect(rows.allSatisfy { ["true", "false", ""].contains($0[5]) })
    }

    @Test func outWritesAFile() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("tce-letters-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: out) }
        let run = try CLIRun.tce(["letters", "samples/2011-hongyun-mining.xml", "--out", out.path])
        #expect(run.exitCode == 0)
        let text = try String(contentsOf: out, encoding: .utf8)
        #expect(text.contains("瓜州县宏运矿产有限责任公司"))
        #expect(text.contains(",2321.6225,T1,true,"))
    }

    @Test func csvFieldsAreQuotedAndDefused() {
        #expect(LetterList.field("a,b", isText: true) == "\"a,b\"")
        #expect(LetterList.field("say \"hi\"", isText: true) == "\"say \"\"hi\"\"\"")
        #expect(LetterList.field("=cmd()", isText: true) == "'=cmd()")
        #expect(LetterList.field("-18.435", isText: false) == "-18.435")
    }
}

@Suite struct LettersWorkbookCommandTests {
    @Test func xlsxGoesToAFileOrAPipe() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("tce-letters-\(UUID().uuidString).xlsx")
        defer { try? FileManager.default.removeItem(at: out) }
        let run = try CLIRun.tce(["letters", "samples", "--format", "xlsx", "--out", out.path])
        #expect(run.exitCode == 2)  // the invalid samples are reported
        let bytes = [UInt8](try Data(contentsOf: out))
        let sheet = try XLSXWorkbookTests.Sheet(bytes)
        #expect(sheet.value("B2")?.text == "瓜州县漠风水泥有限责任公司")
        let piped = try CLIRun.tce(["letters", "samples/2011-hongyun-mining.xml", "--format", "xlsx"])
        #expect(piped.exitCode == 0)
        #expect(Array(piped.stdout.prefix(2)) == Array("PK".utf8))
        #expect(try XLSXWorkbookTests.Sheet([UInt8](piped.stdout)).value("D2")?.text == "2321.6225")
        let bad = try CLIRun.tce(["letters", "samples", "--format", "pdf"])
        #expect(bad.exitCode == 2)
    }
}
