import Foundation
import Testing
@testable import TCEKit

/// SARIF 2.1.0: the fields the standard requires, and what GitHub code scanning needs besides.
@Suite struct SARIFReporterTests {
    static let levels: Set<String> = ["none", "note", "warning", "error"]

    func objects(_ any: Any?) -> [[String: Any]] { any as? [[String: Any]] ?? [] }
    func object(_ any: Any?) -> [String: Any] { any as? [String: Any] ?? [:] }

    /// The run of a SARIF log, after checking the log's own required fields.
    func run(of text: String) throws -> [String: Any] {
        let log = try Pipeline.json(text)
        #expect(log["version"] as? String == "2.1.0")
        #expect((log["$schema"] as? String)?.hasSuffix("sarif-schema-2.1.0.json") == true)
        let runs = objects(log["runs"])
        #expect(runs.count == 1)
        return try #require(runs.first)
    }

    @Test func samplesCarryEveryRequiredField() throws {
        let (text, summary) = try Pipeline.render(.sarif, [Fixtures.samplesPath])
        let run = try run(of: text)
        let driver = object(object(run["tool"])["driver"])
        #expect(driver["name"] as? String == "tce")
        #expect(driver["version"] as? String == ToolInfo.version)
        let rules = objects(driver["rules"])
        #expect(rules.map { $0["id"] as? String ?? "" } == Fixtures.ruleSet.rules.map(\.id) + ["invalid-input"])
        for (i, rule) in rules.enumerated() {
            let id = rule["id"] as? String ?? ""
            for key in ["shortDescription", "fullDescription", "help"] {
                #expect(!(object(rule[key])["text"] as? String ?? "").isEmpty, "\(id) \(key)")
            }
            let level = object(rule["defaultConfiguration"])["level"] as? String ?? ""
            #expect(Self.levels.contains(level))
            if i < Fixtures.ruleSet.rules.count {
                #expect(level == Fixtures.ruleSet.rules[i].severity.rawValue, "\(id)")
                #expect((object(rule["fullDescription"])["text"] as? String)?.contains(Fixtures.ruleSet.rules[i].citation.quote) == true)
            }
        }
        let results = objects(run["results"])
        for result in results {
            let ruleId = try #require(result["ruleId"] as? String)
            let index = try #require(result["ruleIndex"] as? Int)
            #expect(rules[index]["id"] as? String == ruleId)
            #expect(Self.levels.contains(result["level"] as? String ?? ""))
            #expect(!(object(result["message"])["text"] as? String ?? "").isEmpty)
            let physical = object(objects(result["locations"]).first?["physicalLocation"])
            let artifact = object(physical["artifactLocation"])
            let uri = try #require(artifact["uri"] as? String)
            #expect(uri.hasPrefix("samples/"), "relative to the working directory: \(uri)")
            #expect(artifact["uriBaseId"] as? String == "%SRCROOT%")
            #expect((object(physical["region"])["startLine"] as? Int ?? 0) >= 1)
        }
        // One result per failed finding, one per error of an invalid input.
        let json = try Pipeline.json(try Pipeline.render(.json, [Fixtures.samplesPath]).text)
        let reports = objects(json["reports"])
        let failures = reports.flatMap { objects($0["findings"]) }.filter { $0["outcome"] as? String == "fail" }
        let errors = reports.flatMap { objects($0["errors"]) }
        #expect(results.count(where: { $0["ruleId"] as? String == "invalid-input" }) == errors.count)
        #expect(results.count == failures.count + errors.count)
        #expect(summary.invalid == 16)
        let invocation = try #require(objects(run["invocations"]).first)
        #expect(invocation["executionSuccessful"] as? Bool == true)
        #expect(invocation["exitCode"] as? Int == 2)
    }

    @Test func aFailureIsLocatedLevelledAndFingerprinted() throws {
        let run = try run(of: try Pipeline.render(.sarif, [Fixtures.samplesPath + "/2011-jinyuan-coal.xml"]).text)
        let results = objects(run["results"])
        #expect(results.map { $0["ruleId"] as? String ?? "" } == ["coefficient-range", "declared-total", "intensity-reduction", "responsibility-letter"])
        #expect(results.map { $0["level"] as? String ?? "" } == ["warning", "warning", "error", "error"])
        let letter = results[3]
        #expect(object(letter["message"])["text"] as? String == "consumes 3832.899 tce a year, at or above 1000 tce, but has not signed the annual responsibility letter")
        let physical = object(objects(letter["locations"]).first?["physicalLocation"])
        #expect(object(physical["artifactLocation"])["uri"] as? String == "samples/2011-jinyuan-coal.xml")
        #expect(object(physical["region"])["startLine"] as? Int == 27)
        #expect(object(letter["partialFingerprints"])[SARIFReporter.fingerprintKey] as? String == "916209222786692277|2011|responsibility-letter")
        #expect(letter["baselineState"] == nil)  // no baseline, no state
        let invocation = try #require(objects(run["invocations"]).first)
        #expect(invocation["exitCode"] as? Int == 1)
    }

    @Test func invalidInputsAreResultsWithLineAndColumn() throws {
        let run = try run(of: try Pipeline.render(.sarif, [Fixtures.samplesPath + "/invalid/malformed-unclosed-tag.xml"]).text)
        let result = try #require(objects(run["results"]).first)
        #expect(result["ruleId"] as? String == "invalid-input")
        #expect(result["level"] as? String == "error")
        let region = object(object(objects(result["locations"]).first?["physicalLocation"])["region"])
        #expect(region["startLine"] as? Int == 23)
        #expect(region["startColumn"] as? Int == 16)
    }

    @Test func baselinedFailuresAreUnchangedAndSuppressedStaleOnesAbsent() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let baselineFile = try scratch.write("baseline.json", Baseline(entries: [
            .init(key: .init(creditCode: "916209222786692277", year: 2011, rule: "responsibility-letter"), name: nil),
            .init(key: .init(creditCode: "916209222786692277", year: 2010, rule: "energy-audit"), name: "gone"),
        ]).json(ruleSet: "test"))
        let baseline = try Baseline.load(file: baselineFile.path)
        let run = try run(of: try Pipeline.render(.sarif, [Fixtures.samplesPath + "/2011-jinyuan-coal.xml"],
                                                  gate: Gate(baseline: baseline, strictBaseline: true),
                                                  workingDirectory: scratch.path).text)
        let results = objects(run["results"])
        #expect(results.map { $0["baselineState"] as? String ?? "" } == ["new", "new", "new", "unchanged", "absent"])
        let accepted = results[3]
        #expect(accepted["ruleId"] as? String == "responsibility-letter")
        #expect(objects(accepted["suppressions"]).first?["kind"] as? String == "external")
        #expect(results[0]["suppressions"] == nil)
        let absent = results[4]
        #expect(absent["ruleId"] as? String == "energy-audit")
        #expect(absent["level"] as? String == "error")  // strict
        let physical = object(objects(absent["locations"]).first?["physicalLocation"])
        #expect(object(physical["artifactLocation"])["uri"] as? String == "baseline.json")
        #expect(object(physical["region"])["startLine"] as? Int == 3)  // header, "failures", then sorted entries: 2010 first
        let invocation = try #require(objects(run["invocations"]).first)
        #expect(invocation["exitCode"] as? Int == 1)
        #expect(object(invocation["properties"])["baselinedFailures"] as? Int == 1)
        #expect(object(invocation["properties"])["staleBaselineEntries"] as? Int == 1)
    }

    @Test func anEmptyBatchIsAValidLog() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let run = try run(of: try Pipeline.render(.sarif, [scratch.path]).text)
        #expect(objects(run["results"]).isEmpty)
        #expect(objects(run["invocations"]).first?["exitCode"] as? Int == 0)
    }

    @Test func urisAreRelativeAndPercentEncoded() {
        #expect(ArtifactPath.relative("/work/x/samples/a.xml", to: "/work/x") == "samples/a.xml")
        #expect(ArtifactPath.relative("/work/x/samples/a.xml", to: "/work/x/") == "samples/a.xml")
        #expect(ArtifactPath.relative("/work/xy/a.xml", to: "/work/x") == "/work/xy/a.xml")
        #expect(ArtifactPath.relative("./drop//2011/./a.xml", to: nil) == "drop/2011/a.xml")
        #expect(ArtifactPath.relative("/w/drop.zip!/./in//a.xml", to: "/w") == "drop.zip!/./in//a.xml")
        #expect(ArtifactPath.relative("../other/a.xml", to: "/w") == "../other/a.xml")
        #expect(ArtifactPath.uri("报告 2011/a#1.xml") == ("%E6%8A%A5%E5%91%8A%202011/a%231.xml", true))
        #expect(ArtifactPath.uri("drop.zip!/in/a.xml") == ("drop.zip!/in/a.xml", true))
        #expect(ArtifactPath.uri("/elsewhere/a:b.xml") == ("file:///elsewhere/a%3Ab.xml", false))
    }
}
