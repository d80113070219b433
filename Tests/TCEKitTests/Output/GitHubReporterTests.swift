import Foundation
import Testing
@testable import TCEKit

/// GitHub Actions workflow commands: one line each, escaped as the runner expects.
@Suite struct GitHubReporterTests {
    @Test func escaping() {
        #expect(GitHubReporter.escapeData("100% done\r\nnext: a, b") == "100%25 done%0D%0Anext: a, b")
        #expect(GitHubReporter.escapeProperty("100% done\r\nnext: a, b") == "100%25 done%0D%0Anext%3A a%2C b")
        #expect(GitHubReporter.escapeData("%0A") == "%250A")  // already-escaped text stays literal
        #expect(GitHubReporter.command("error", [("file", "a,b:c.xml"), ("line", "3"), ("col", nil)], "x\ny")
            == "::error file=a%2Cb%3Ac.xml,line=3::x%0Ay\n")
    }

    @Test func failuresByseverityWithFileLineAndTitle() throws {
        let (text, _) = try Pipeline.render(.github, [Fixtures.samplesPath + "/2011-jinyuan-coal.xml"])
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.count == 5)
        #expect(lines[0].hasPrefix("::warning file=samples/2011-jinyuan-coal.xml,line=12,title=tce coefficient-range%3A "))
        #expect(lines[3] == "::error file=samples/2011-jinyuan-coal.xml,line=27,title=tce responsibility-letter%3A Sign the annual energy-saving responsibility letter::consumes 3832.899 tce a year, at or above 1000 tce, but has not signed the annual responsibility letter")
        #expect(lines[2].contains("a decline of 2.513115 %25,"))
        #expect(lines[4].hasPrefix("tce Summary: 1 reports"))
    }

    @Test func awkwardFileNamesAndMultiLineMessagesStayOnOneLine() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.copy("samples/invalid/malformed-unclosed-tag.xml", to: "drop,2011: 100%.xml")
        try scratch.copy("samples/invalid/gbk-bytes-declared-utf8.xml", to: "b.xml")
        let (text, summary) = try Pipeline.render(.github, [scratch.path], workingDirectory: scratch.path)
        #expect(summary.invalid == 2)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).dropLast()
        #expect(lines.allSatisfy { $0.hasPrefix("::error ") || $0.hasPrefix("tce ") })
        // libxml2's encoding error spans two lines; it must stay one command.
        #expect(lines.contains { $0.hasPrefix("::error file=b.xml,line=") && $0.contains("%0ABytes: 0x") })
        #expect(lines.contains { $0.hasPrefix("::error file=drop%2C2011%3A 100%25.xml,line=23,col=16,title=tce invalid-input%3A ") })
    }

    @Test func baselinedFailuresAreNoticesAndStaleEntriesPointAtTheBaseline() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let file = try scratch.write("base.json", Baseline(entries: [
            .init(key: .init(creditCode: "916209222786692277", year: 2011, rule: "responsibility-letter"), name: nil),
            .init(key: .init(creditCode: "Z", year: 2011, rule: "energy-audit"), name: nil),
        ]).json(ruleSet: "t"))
        let baseline = try Baseline.load(file: file.path)
        let (text, summary) = try Pipeline.render(.github, [Fixtures.samplesPath + "/2011-jinyuan-coal.xml"],
                                                  gate: Gate(baseline: baseline), workingDirectory: scratch.path)
        #expect(text.contains("::notice file=" + Fixtures.samplesPath + "/2011-jinyuan-coal.xml,line=27,title=tce responsibility-letter%3A Sign the annual energy-saving responsibility letter (baselined)::"))
        #expect(text.contains("::warning file=base.json,line=4,title=tce baseline::Z 2011 energy-audit: baselined failures that no longer occur"))
        #expect(text.contains("3 new failures · 1 baselined"))  // two warnings and one error are new; the letter is accepted
        #expect(summary.newFailures == 3)
    }
}
