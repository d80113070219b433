import Foundation
import Testing

/// Byte-for-byte output of a fixed batch (the samples) in every format. To regenerate after an
/// intended change: `TCE_UPDATE_GOLDEN=1 swift test --filter GoldenTests` (see Golden/README.md).
@Suite struct GoldenTests {
    static let directory = Fixtures.root.appendingPathComponent("Tests/TCEKitTests/Golden")
    static let baseline = ["--baseline", "Tests/TCEKitTests/Golden/baseline-input.json", "--strict-baseline"]

    static let cases: [(file: String, arguments: [String], exitCode: Int32)] = [
        ("check-samples.txt", ["--lang", "en"], 2),
        ("check-samples.zh.txt", ["--lang", "zh"], 2),
        ("check-samples.json", ["--lang", "en", "--format", "json"], 2),
        ("check-samples.sarif", ["--lang", "en", "--format", "sarif"], 2),
        ("check-samples.junit.xml", ["--lang", "en", "--format", "junit"], 2),
        ("check-samples.github.txt", ["--lang", "en", "--format", "github"], 2),
        ("check-checked-baseline.txt", ["--lang", "en"] + baseline, 1),
        ("check-checked-baseline.json", ["--lang", "en", "--format", "json"] + baseline, 1),
        ("check-checked-baseline.sarif", ["--lang", "en", "--format", "sarif"] + baseline, 1),
        ("check-checked-baseline.junit.xml", ["--lang", "en", "--format", "junit"] + baseline, 1),
        ("check-checked-baseline.github.txt", ["--lang", "en", "--format", "github"] + baseline, 1),
    ]

    @Test(arguments: cases.map(\.file))
    func outputMatchesTheGoldenFile(file: String) throws {
        let golden = try #require(Self.cases.first { $0.file == file })
        // The -baseline cases check only the reports that can be checked, so the exit code shows the gate.
        let inputs = file.contains("-checked-") ? Pipeline.checkedSamples.map { "samples/" + $0 } : ["samples"]
        let run = try CLIRun.tce(["check"] + inputs + golden.arguments)
        #expect(run.exitCode == golden.exitCode)
        let url = Self.directory.appendingPathComponent(file)
        if ProcessInfo.processInfo.environment["TCE_UPDATE_GOLDEN"] == "1" {
            try run.stdout.write(to: url)
            return
        }
        let expected = try Data(contentsOf: url)
        if run.stdout != expected {
            let mine = run.text.split(separator: "\n", omittingEmptySubsequences: false)
            let theirs = String(decoding: expected, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            let line = Array(zip(mine, theirs)).firstIndex { $0 != $1 } ?? min(mine.count, theirs.count)
            Issue.record("""
                \(file) differs from the golden file at line \(line + 1):
                  got:      \(line < mine.count ? String(mine[line]) : "(end)")
                  expected: \(line < theirs.count ? String(theirs[line]) : "(end)")
                Regenerate with TCE_UPDATE_GOLDEN=1 swift test --filter GoldenTests if the change is intended.
                """)
        }
        #expect(!run.text.contains(Fixtures.root.path), "golden output must not depend on the checkout's location")
    }
}
