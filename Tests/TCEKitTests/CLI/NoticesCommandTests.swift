import Foundation
import Testing
@testable import TCEKit

/// `tce notices` end to end: the real binary, its options, exit codes and messages.
@Suite struct NoticesCommandTests {
    func outDir() -> URL { NoticeFixtures.temporaryDirectory("cli-notices") }

    @Test func defaultsAreRectificationInBothFormats() throws {
        let out = outDir()
        defer { try? FileManager.default.removeItem(at: out) }
        let run = try CLIRun.tce(["notices", "samples", "--out", out.path, "--date", "2012-03-15"])
        #expect(run.exitCode == 2, "samples/invalid cannot be checked")
        #expect(run.stderr.contains("16 of 29 inputs could not be checked"))
        #expect(run.text.contains("9 rectification and 0 letter notices"))
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path)
        #expect(names.count == 19)
        #expect(names.filter { $0.hasSuffix(".html") }.count == 10 && names.filter { $0.hasSuffix(".docx") }.count == 9)
        #expect(!names.contains { $0.contains("letter") })
        // Adding the letter notices changes no rectification notice (numbers count per kind).
        let all = outDir()
        defer { try? FileManager.default.removeItem(at: all) }
        let second = try CLIRun.tce(["notices", "samples", "--out", all.path, "--date", "2012-03-15", "--kind", "all"])
        #expect(second.exitCode == 2)
        for name in names where name != "index.html" {
            #expect(try Data(contentsOf: out.appendingPathComponent(name)) == Data(contentsOf: all.appendingPathComponent(name)), "\(name)")
        }
        // Files are named as the user named the inputs.
        let yatai = try String(contentsOf: out.appendingPathComponent("91620922687901461W-2011.html"), encoding: .utf8)
        #expect(yatai.contains("与 samples/2011-yatai-metal-resubmitted.xml 的统一社会信用代码和报告年度相同"))
    }

    @Test func kindAndFormatChooseTheFiles() throws {
        let out = outDir()
        defer { try? FileManager.default.removeItem(at: out) }
        let run = try CLIRun.tce(["notices", "samples/2011-mofeng-cement.xml", "samples/2011-xiyu-sunshine.xml",
                                  "--out", out.path, "--kind", "letter", "--format", "docx", "--date", "2012-03-15"])
        #expect(run.exitCode == 0, "\(run.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(names == ["91620922638072396U-2011-letter.docx", "91620922917789672J-2011-letter.docx", "index.html"])
    }

    @Test func aFailedNoticeIsNamedOnStderrWithExitCode2() throws {
        let out = outDir()
        defer { try? FileManager.default.removeItem(at: out) }
        let blocked = out.appendingPathComponent("91620922638072396U-2011.docx")
        try FileManager.default.createDirectory(at: blocked, withIntermediateDirectories: true)
        let run = try CLIRun.tce(["notices", "samples/2011-mofeng-cement.xml", "samples/2011-tianqi-smelting.xml",
                                  "--out", out.path, "--date", "2012-03-15"])
        #expect(run.exitCode == 2)
        #expect(run.stderr.contains("tce: cannot write \(blocked.path): "), "\(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("91620922638072396U-2011.html").path))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("916209229604668443-2011.docx").path))
    }

    @Test func badOptionsAreUsageErrors() throws {
        for args in [["--date", "2012-02-30"], ["--date", "15.03.2012"], ["--kind", "warning"], ["--format", "pdf"]] {
            let run = try CLIRun.tce(["notices", "samples", "--out", "/tmp/tce-never-written"] + args)
            #expect(run.exitCode == 2, "\(args)")
            #expect(!run.stderr.isEmpty)
        }
        #expect(try CLIRun.tce(["notices", "samples"]).exitCode == 2, "--out is required")
        #expect(!FileManager.default.fileExists(atPath: "/tmp/tce-never-written"))
    }

    @Test func withoutDateTodayIsUsed() throws {
        let out = outDir()
        defer { try? FileManager.default.removeItem(at: out) }
        let run = try CLIRun.tce(["notices", "samples/2011-tianqi-smelting.xml", "--out", out.path, "--format", "html"])
        #expect(run.exitCode == 0)
        let doc = try ParsedDocument.html([UInt8](try Data(contentsOf: out.appendingPathComponent("916209229604668443-2011.html"))))
        let today = CivilDate.today()
        #expect(doc.all("p").contains { $0.text == "\(today.year)年\(today.month)月\(today.day)日" })
    }
}
