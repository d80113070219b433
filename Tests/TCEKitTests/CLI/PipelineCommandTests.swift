import Foundation
import Testing
import ZIPFoundation
@testable import TCEKit

/// `tce check` in a pipeline, end to end with the real binary: several outputs in one pass,
/// --fail-on, baselines, zip drops in every format; and `tce diff`.
@Suite struct PipelineCommandTests {
    static let checked = Pipeline.checkedSamples.map { "samples/" + $0 }

    @Test func oneRunFeedsEveryOutputExactlyAsEachFormatAlone() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let formats = ["sarif", "junit", "json", "github", "text"]
        let run = try CLIRun.tce(["check", "samples", "--lang", "en"] + formats.flatMap { ["--output", "\($0)=\(scratch.path)/out.\($0)"] })
        #expect(run.exitCode == 2)
        for format in formats {
            let alone = try CLIRun.tce(["check", "samples", "--lang", "en", "--format", format])
            let file = try Data(contentsOf: scratch.file("out.\(format)"))
            #expect(file == alone.stdout, "\(format)")
            #expect(alone.exitCode == 2)
        }
        #expect(run.stdout == (try CLIRun.tce(["check", "samples", "--lang", "en"])).stdout)
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path).sorted() == formats.map { "out.\($0)" }.sorted())
    }

    @Test(arguments: [
        (["--output", "sarif"], "FORMAT=FILE"),
        (["--output", "yaml=x.yaml"], "unknown output format 'yaml'"),
        (["--output", "sarif=same", "--output", "json=same"], "same is named as an output twice"),
        (["--strict-baseline"], "--strict-baseline needs --baseline"),
        (["--fail-on", "sometimes"], "sometimes"),
        (["--baseline", "no/such/baseline.json"], "baseline no/such/baseline.json: cannot read the file"),
    ])
    func usageMistakesExitTwoWithAReason(arguments: [String], expected: String) throws {
        let run = try CLIRun.tce(["check", "samples/2011-hongyun-mining.xml"] + arguments)
        #expect(run.exitCode == 2)
        #expect(run.stderr.contains(expected), "\(run.stderr)")
        #expect(run.stdout.isEmpty)
    }

    @Test func failOnChoosesWhichFailuresExitOne() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        // 500 tce: no tier obligations; the declared total is far off, a warning.
        let warningOnly = try scratch.write("w.xml", Fixtures.report(items: Fixtures.items(tce: "500"),
                                                                     declaredTotal: #"<DeclaredTotal unit="tce">400</DeclaredTotal>"#)).path
        let json = try CLIRun.tce(["check", warningOnly, "--format", "json"]).json()
        let failed = ((json["reports"] as? [[String: Any]])?.first?["findings"] as? [[String: Any]] ?? []).filter { $0["outcome"] as? String == "fail" }
        #expect(failed.map { $0["rule"] as? String } == ["declared-total"])
        #expect(try CLIRun.tce(["check", warningOnly]).exitCode == 0)
        #expect(try CLIRun.tce(["check", warningOnly, "--fail-on", "error"]).exitCode == 0)
        #expect(try CLIRun.tce(["check", warningOnly, "--fail-on", "warning"]).exitCode == 1)
        let warningJSON = try CLIRun.tce(["check", warningOnly, "--fail-on", "warning", "--format", "json"]).json()
        #expect((warningJSON["summary"] as? [String: Any])?["exitCode"] as? Int == 1)
        #expect(try CLIRun.tce(["check", "samples/2011-hongyun-mining.xml", "--fail-on", "never"]).exitCode == 0)
        #expect(try CLIRun.tce(["check", "samples/2011-hongyun-mining.xml", "--fail-on", "warning"]).exitCode == 1)
        #expect(try CLIRun.tce(["check", "samples/invalid/wrong-namespace.xml", "--fail-on", "never"]).exitCode == 2)
    }

    @Test func baselineRoundTripThroughTheCommandLine() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let file = scratch.file("tce-baseline.json").path
        let first = try CLIRun.tce(["check"] + Self.checked + ["--write-baseline", file])
        #expect(first.exitCode == 1)
        let written = try String(contentsOfFile: file, encoding: .utf8)
        _ = try CLIRun.tce(["check"] + Self.checked.reversed() + ["--write-baseline", file])
        #expect(try String(contentsOfFile: file, encoding: .utf8) == written)  // deterministic, input order aside
        #expect(try Baseline.load(file: file).entries.count == 14)

        // Only new failures count: none.
        let again = try CLIRun.tce(["check"] + Self.checked + ["--baseline", file, "--lang", "en"])
        #expect(again.exitCode == 0, "\(again.text)")
        #expect(again.text.contains("accepted by the baseline (not counted in the exit code):"))
        #expect(again.text.contains("0 new failures · 14 baselined"))
        let json = try CLIRun.tce(["check"] + Self.checked + ["--baseline", file, "--format", "json"]).json()
        let findings = (json["reports"] as? [[String: Any]] ?? []).flatMap { $0["findings"] as? [[String: Any]] ?? [] }
        #expect(findings.filter { $0["outcome"] as? String == "fail" }.allSatisfy { $0["baselined"] as? Bool == true })
        #expect(findings.filter { $0["outcome"] as? String != "fail" }.allSatisfy { $0["baselined"] == nil })
        let summary = json["summary"] as? [String: Any] ?? [:]
        #expect(summary["newFailures"] as? Int == 0)
        #expect((summary["baseline"] as? [String: Any])?["baselined"] as? Int == 14)

        // Renamed copies in another layout still match.
        for (i, name) in Self.checked.enumerated() { try scratch.copy(name, to: "drop/\(i % 2)/r\(i).xml") }
        #expect(try CLIRun.tce(["check", scratch.file("drop").path, "--baseline", file]).exitCode == 0)

        // Hongyun's kiln is gone: its baselined failure no longer occurs.
        try FileManager.default.removeItem(at: scratch.file("drop/0/r2.xml"))
        #expect(try CLIRun.tce(["check", scratch.file("drop").path, "--baseline", file]).exitCode == 0)
        let strict = try CLIRun.tce(["check", scratch.file("drop").path, "--baseline", file, "--strict-baseline", "--lang", "en"])
        #expect(strict.exitCode == 1)
        #expect(strict.text.contains("baselined failures that no longer occur (remove them from the baseline):\n  9162092288342405X2  2011  obsolete-capacity  瓜州县宏运矿产有限责任公司\n"))
        let strictJSON = try CLIRun.tce(["check", scratch.file("drop").path, "--baseline", file, "--strict-baseline", "--format", "json"]).json()
        let stale = ((strictJSON["summary"] as? [String: Any])?["baseline"] as? [String: Any])?["stale"] as? [[String: Any]]
        #expect(stale?.map { $0["rule"] as? String } == ["obsolete-capacity"])

        // A new failure counts, alone.
        try scratch.copy("samples/2011-hongyun-mining.xml", to: "drop/0/r2.xml")
        try scratch.write("drop/new.xml", Fixtures.report(items: Fixtures.items(tce: "1500")))
        let withNew = try CLIRun.tce(["check", scratch.file("drop").path, "--baseline", file, "--lang", "en"])
        #expect(withNew.exitCode == 1)
        // The newcomer (1500 tce) reports neither a letter nor energy management.
        #expect(withNew.text.contains("2 new failures · 14 baselined"))
        #expect(withNew.text.contains("    error responsibility-letter  Sign the annual energy-saving responsibility letter\n"))
    }

    @Test func zipEntriesAreNamedAlikeInEveryFormat() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.copy("samples/2011-jinyuan-coal.xml", to: "src/2011/jinyuan.xml")
        try scratch.copy("samples/invalid/malformed-unclosed-tag.xml", to: "src/2011/bad/broken.xml")
        try FileManager.default.zipItem(at: scratch.file("src"), to: scratch.file("drop.zip"), shouldKeepParent: false, compressionMethod: .deflate)
        let good = "drop.zip!/2011/jinyuan.xml", bad = "drop.zip!/2011/bad/broken.xml"
        let text = try CLIRun.tce(["check", "drop.zip", "--lang", "en"], in: scratch.url)
        #expect(text.exitCode == 2)
        #expect(text.text.contains("  " + good + "\n"))
        #expect(text.text.contains(bad + ":23:16: "))
        let json = try CLIRun.tce(["check", "drop.zip", "--format", "json"], in: scratch.url).json()
        #expect((json["reports"] as? [[String: Any]])?.map { $0["file"] as? String } == [bad, good])
        let sarif = try CLIRun.tce(["check", "drop.zip", "--format", "sarif"], in: scratch.url).text
        #expect(sarif.contains(#"{"uri":"drop.zip!/2011/jinyuan.xml","uriBaseId":"%SRCROOT%"}"#))
        #expect(sarif.contains(#"{"uri":"drop.zip!/2011/bad/broken.xml","uriBaseId":"%SRCROOT%"}"#))
        let junit = try CLIRun.tce(["check", "drop.zip", "--format", "junit"], in: scratch.url).text
        #expect(junit.contains(#"<testsuite name="drop.zip!/2011/jinyuan.xml" tests="13" failures="4""#))
        let github = try CLIRun.tce(["check", "drop.zip", "--format", "github"], in: scratch.url).text
        #expect(github.contains("::error file=drop.zip!/2011/jinyuan.xml,line=27,"))
        #expect(github.contains("::error file=drop.zip!/2011/bad/broken.xml,line=23,col=16,"))
        let letters = try CLIRun.tce(["letters", "drop.zip"], in: scratch.url)
        #expect(letters.exitCode == 2)  // the broken entry is not listed, and says so
        #expect(letters.text.contains(",3832.899,T2,false,"))
        #expect(letters.text.contains(",drop.zip!/2011/jinyuan.xml\r\n"))
        // Nothing was unpacked.
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path).sorted() == ["drop.zip", "src"])
    }

    @Test func diffCommand() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        _ = try DropDiffTests.drops(scratch)
        let text = try CLIRun.tce(["diff", "old", "new", "--lang", "en"], in: scratch.url)
        #expect(text.exitCode == 1)
        #expect(text.text.hasPrefix("old: old\nnew: new\n\nnewly failing (2)\n"))
        let json = try CLIRun.tce(["diff", "old", "new", "--format", "json"], in: scratch.url)
        #expect(json.exitCode == 1)
        #expect((try json.json()["summary"] as? [String: Any])?["tierChanged"] as? Int == 1)
        let same = try CLIRun.tce(["diff", "old", "old", "--lang", "zh"], in: scratch.url)
        #expect(same.exitCode == 0)
        #expect(same.text.contains("两批数据之间没有差异"))
        // Only improvements: exit 0.
        let better = try CLIRun.tce(["diff", "new", "old"], in: scratch.url)
        #expect(better.exitCode == 1)  // old has B failing, which new had passing: that is new in this direction
        #expect(try CLIRun.tce(["diff", "old"], in: scratch.url).exitCode == 2)
        #expect(try CLIRun.tce(["diff", "old", "missing"], in: scratch.url).exitCode == 2)
    }
}
