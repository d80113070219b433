import Foundation
import Testing
@testable import TCEKit

/// Baselines: matched by credit code, year and rule; written deterministically; read strictly.
@Suite struct BaselineTests {
    func results(_ paths: [String]) -> [ReportResult] {
        var out: [ReportResult] = []
        BatchRunner(checker: Fixtures.checker).run(InputCollector.collect(paths), render: { _ in () }) { r, _ in out.append(r) }
        return out
    }

    func record(_ paths: [String]) -> Baseline {
        var recorder = BaselineRecorder()
        for r in results(paths) { recorder.add(r) }
        return recorder.baseline
    }

    @Test func recordsEveryFailureOnceSortedAndReadsBack() throws {
        let baseline = record([Fixtures.samplesPath])
        // The samples' failures (samples/README.md): 14 failed findings over 9 reports.
        let failures = results([Fixtures.samplesPath]).flatMap { r in r.findings.filter(\.isFailure).map { Baseline.key(r, $0)! } }
        #expect(baseline.entries.map(\.key) == Array(Set(failures)).sorted())
        #expect(baseline.entries.count == 14)
        #expect(baseline.entries.map(\.key) == baseline.entries.map(\.key).sorted())
        let text = baseline.json(ruleSet: Fixtures.ruleSet.name)
        #expect(text == record([Fixtures.samplesPath]).json(ruleSet: Fixtures.ruleSet.name))
        #expect(text.split(separator: "\n").count == 14 + 3)  // one entry a line
        #expect(text.contains(#"{"creditCode":"9162092288342405X2","year":2011,"rule":"obsolete-capacity","name":"瓜州县宏运矿产有限责任公司"}"#))
        let back = try Baseline.parse(Data(text.utf8), source: "b.json")
        #expect(back.entries.map(\.key) == baseline.entries.map(\.key))
        #expect(back.entries.map(\.name) == baseline.entries.map(\.name))
        #expect(back.json(ruleSet: Fixtures.ruleSet.name) == text)
        #expect(back.lineNumbers()[baseline.entries[0].key] == 3)
        #expect(back.lineNumbers()[baseline.entries[13].key] == 16)
    }

    @Test func aRenamedAndReformattedDropStillMatches() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let baseline = record([Fixtures.samplesPath])
        // Same reports under other names and in another folder layout, reindented.
        for (i, name) in Pipeline.checkedSamples.enumerated() {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: Fixtures.samplesPath + "/" + name))
            var text = bytes
            if name.hasPrefix("2011-hongyun") {
                text = Data(String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\n  ", with: "\n\n      ").utf8)
            }
            try FileManager.default.createDirectory(at: scratch.file("z\(i % 3)"), withIntermediateDirectories: true)
            try text.write(to: scratch.file("z\(i % 3)/report-\(100 - i).xml"))
        }
        var summary = BatchSummary(gate: Gate(baseline: baseline))
        for r in results([scratch.path]) { summary.add(r) }
        #expect(summary.newFailures == 0)
        #expect(summary.baselinedFailures == 14)
        #expect(summary.staleBaseline.isEmpty)
        #expect(summary.gateExitCode == 0)
    }

    @Test func newFailuresCountAndStaleEntriesAreListed() {
        let all = record([Fixtures.samplesPath])
        // Accept everything but jinyuan's letter; add an entry no report matches any more.
        let kept = all.entries.filter { !($0.key.creditCode == "916209222786692277" && $0.key.rule == "responsibility-letter") }
            + [.init(key: .init(creditCode: "916209222786692277", year: 2011, rule: "energy-quota"), name: nil)]
        for strict in [false, true] {
            var summary = BatchSummary(gate: Gate(baseline: Baseline(entries: kept), strictBaseline: strict))
            for r in results(Pipeline.checkedSamples.map { Fixtures.samplesPath + "/" + $0 }) { summary.add(r) }
            #expect(summary.newFailures == 1)
            #expect(summary.newBySeverity[.error] == 1)
            #expect(summary.baselinedFailures == 13)
            #expect(summary.staleBaseline.map(\.key.description) == ["916209222786692277 2011 energy-quota"])
            #expect(summary.gateExitCode == 1)
            #expect(summary.exitCode(failOn: nil) == (strict ? 1 : 0))  // strict fails even with --fail-on never
        }
    }

    @Test func baselinedWarningsDoNotFailFailOnWarning() {
        let all = record([Fixtures.samplesPath + "/2011-jinyuan-coal.xml"])
        let warningsOnly = Baseline(entries: all.entries.filter { ["declared-total", "coefficient-range"].contains($0.key.rule) })
        var summary = BatchSummary(gate: Gate(failOn: .warning, baseline: warningsOnly))
        for r in results([Fixtures.samplesPath + "/2011-jinyuan-coal.xml"]) { summary.add(r) }
        #expect(summary.baselinedBySeverity[.warning] == 2)
        #expect(summary.newBySeverity[.warning] == 0)
        #expect(summary.newBySeverity[.error] == 2)
        #expect(summary.gateExitCode == 1)
    }

    @Test(arguments: [
        (#"{"version":1,"failures":[{"creditCode":"A","year":"2011","rule":"r"}]}"#, "failures[1].year: expected a whole number"),
        (#"{"version":1,"failures":[{"creditCode":"A","year":2011}]}"#, "failures[1]: \"rule\" is missing"),
        (#"{"version":1,"failures":[{"creditCode":"A","year":true,"rule":"r"}]}"#, "failures[1].year: expected a whole number"),
        (#"{"version":2,"failures":[]}"#, "unknown baseline version 2"),
        (#"{"failures":[]}"#, "\"version\" is missing"),
        (#"{"version":1,"failures":{}}"#, "failures: expected"),
        (#"[1,2"#, "not valid JSON"),
        ("", "not valid JSON"),
    ])
    func badFilesAreRefusedWithTheReason(text: String, expected: String) {
        do {
            _ = try Baseline.parse(Data(text.utf8), source: "b.json")
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.description.hasPrefix("baseline b.json: "))
            #expect(error.description.contains(expected), "\(error.description)")
        }
    }

    @Test func handWrittenBaselinesNeedNoNamesAndMayRepeat() throws {
        let text = """
        {"version": 1, "failures": [
          {"creditCode": "B", "year": 2011, "rule": "r"},
          {"creditCode": "A", "year": 2012, "rule": "r"},
          {"creditCode": "A", "year": 2011, "rule": "r"},
          {"creditCode": "A", "year": 2011, "rule": "r"}
        ]}
        """
        let baseline = try Baseline.parse(Data(text.utf8), source: "b.json")
        #expect(baseline.entries.map(\.key.description) == ["A 2011 r", "A 2012 r", "B 2011 r"])
        #expect(baseline.lineNumbers()[.init(creditCode: "B", year: 2011, rule: "r")] == 2)
    }
}
