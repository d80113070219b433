import Foundation
import Testing
@testable import TCEKit

/// `tce merge`: shards of a drop, checked apart and merged, give what one run over the drop
/// gives, byte for byte — also when the two reports of an enterprise-year sit in different shards.
@Suite struct MergeCommandTests {
    static let files: [String] = {
        let all = Fixtures.xmlFiles("samples") + Fixtures.xmlFiles("rules/examples")
        return all.map { String($0.dropFirst(Fixtures.root.path.count + 1)) }.sorted { $0.utf8Precedes($1) }
    }()

    /// Three shards by position, so the duplicate-report example pair lands in two of them.
    static func shards() -> [[String]] {
        (0..<3).map { k in files.enumerated().filter { $0.offset % 3 == k }.map(\.element) }
    }

    func temporary(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("tce-merge-\(getpid())-\(name)").path
    }

    @Test func mergedShardsEqualOneRunOverTheWholeDrop() throws {
        let pair = Self.files.filter { $0.contains("batch-duplicate/") }
        let shards = Self.shards()
        #expect(pair.count == 2)
        #expect(shards.firstIndex { $0.contains(pair[0]) } != shards.firstIndex { $0.contains(pair[1]) })
        let single = try CLIRun.tce(["check", "--format", "json"] + Self.files)
        var paths: [String] = []
        for (k, shard) in shards.enumerated() {
            // The first shard's paths come from a list file, as a large shard's would.
            let list = temporary("list\(k)")
            try (shard.joined(separator: "\n") + "\n").write(toFile: list, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(atPath: list) }
            let run = try CLIRun.tce(["check", "--format", "json"] + (k == 0 ? ["--files-from", list] : shard))
            let path = temporary("shard\(k).json")
            try run.stdout.write(to: URL(fileURLWithPath: path))
            paths.append(path)
        }
        defer { paths.forEach { try? FileManager.default.removeItem(atPath: $0) } }
        let merged = try CLIRun.tce(["merge"] + paths.reversed())
        #expect(merged.exitCode == single.exitCode)
        #expect(merged.stdout == single.stdout)
        #expect(merged.stderr.contains("checked 4 reports again"))
        let second = (try merged.json()["reports"] as? [[String: Any]] ?? []).first { ($0["file"] as? String)?.hasSuffix("2-fail-second.xml") == true }
        let duplicate = (second?["findings"] as? [[String: Any]] ?? []).first { $0["rule"] as? String == "duplicate-report" }
        #expect(duplicate?["outcome"] as? String == "fail")
    }

    @Test func mergedLetterListsEqualOneList() throws {
        let single = try CLIRun.tce(["letters"] + Self.files)
        var paths: [String] = []
        for (k, shard) in Self.shards().enumerated() {
            let path = temporary("letters\(k).csv")
            _ = try CLIRun.tce(["letters", "--out", path] + shard)
            paths.append(path)
        }
        defer { paths.forEach { try? FileManager.default.removeItem(atPath: $0) } }
        let merged = try CLIRun.tce(["merge"] + paths)
        #expect(merged.exitCode == 0)
        #expect(merged.stdout == single.stdout)
    }

    @Test func shardsThatDoNotFitTogetherAreRefusedWithAReason() throws {
        let a = temporary("a.json"), b = temporary("b.json"), zh = temporary("zh.json"), cut = temporary("cut.json")
        defer { [a, b, zh, cut].forEach { try? FileManager.default.removeItem(atPath: $0) } }
        try CLIRun.tce(["check", "--format", "json", "samples"]).stdout.write(to: URL(fileURLWithPath: a))
        try CLIRun.tce(["check", "--format", "json", "samples/2011-hongyun-mining.xml"]).stdout.write(to: URL(fileURLWithPath: b))
        try CLIRun.tce(["check", "--format", "json", "--lang", "zh", "rules/examples/credit-code"]).stdout.write(to: URL(fileURLWithPath: zh))
        let whole = try Data(contentsOf: URL(fileURLWithPath: a))
        try whole.prefix(whole.count / 2).write(to: URL(fileURLWithPath: cut))

        let twice = try CLIRun.tce(["merge", a, b])
        #expect(twice.exitCode == 2)
        #expect(twice.stderr.contains("samples/2011-hongyun-mining.xml is in two shards"))
        let language = try CLIRun.tce(["merge", a, zh])
        #expect(language.exitCode == 2)
        #expect(language.stderr.contains("not a tce check --format json document made with this rule set and language"))
        let truncated = try CLIRun.tce(["merge", cut])
        #expect(truncated.exitCode == 2)
        #expect(truncated.stderr.contains("incomplete"))
    }

    @Test func summaryRecountsLikeTheBatch() throws {
        let results = ["rules/examples/credit-code/pass-valid-check-character.xml", "samples/invalid/missing-economics.xml"]
            .map { Fixtures.checker.check(file: Fixtures.root.appendingPathComponent($0).path, display: $0) }
        var expected = BatchSummary()
        results.forEach { expected.add($0) }
        let reporter = JSONReporter(context: OutputContext(ruleSet: Fixtures.ruleSet, messages: Fixtures.checker.messages))
        let objects = try results.map {
            try JSONSerialization.jsonObject(with: Data(reporter.renderUTF8($0))) as? [String: Any] ?? [:]
        }
        let recounted = JSONMerge.summary(of: objects)
        #expect(reporter.footer(recounted) == reporter.footer(expected))
    }
}
