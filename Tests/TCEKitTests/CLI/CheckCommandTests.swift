import Foundation
import Testing
@testable import TCEKit

/// End to end: the real binary on the bundled samples, as the README runs it.
@Suite struct CheckCommandTests {
    func reports(_ json: [String: Any]) -> [[String: Any]] {
        json["reports"] as? [[String: Any]] ?? []
    }

    @Test func samplesAsJSONMatchTheIndependentOracle() throws {
        let run = try CLIRun.tce(["check", "samples", "--format", "json"])
        #expect(run.exitCode == 2)  // samples/invalid holds invalid inputs
        let mine = reports(try run.json())
        let oracleRun = try CLIRun.run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "scripts/sample-facts.py", "--format", "json", "samples"])
        let oracle = reports(try oracleRun.json())
        #expect(mine.count == oracle.count)
        #expect(mine.count == 29)
        for (m, o) in zip(mine, oracle) {
            let file = m["file"] as? String ?? "?"
            #expect(m["file"] as? String == o["file"] as? String)
            #expect(m["status"] as? String == o["status"] as? String, "\(file)")
            guard m["status"] as? String == "checked" else {
                let errors = m["errors"] as? [[String: Any]] ?? []
                #expect(!errors.isEmpty, "\(file)")
                #expect(errors.allSatisfy { $0["line"] is Int }, "\(file) errors carry a line")
                continue
            }
            let name = (m["enterprise"] as? [String: Any])?["name"] as? String
            #expect(name != nil && name == (o["enterprise"] as? [String: Any])?["name"] as? String, "\(file) name")
            let facts = m["facts"] as? [String: Any] ?? [:]
            let oracleFacts = o["facts"] as? [String: Any] ?? [:]
            for (name, value) in oracleFacts {
                #expect("\(facts[name] ?? "nil")" == "\(value)", "\(file) \(name)")
            }
            #expect((m["tier"] as? String) == (o["tier"] as? String), "\(file) tier")
            let outcomes = Dictionary(uniqueKeysWithValues: (m["findings"] as? [[String: Any]] ?? []).map {
                ($0["rule"] as? String ?? "", $0["outcome"] as? String ?? "") })
            for f in o["findings"] as? [[String: Any]] ?? [] {
                let rule = f["rule"] as? String ?? ""
                #expect(outcomes[rule] == f["outcome"] as? String, "\(file) \(rule)")
            }
            #expect(outcomes.count == 13)
        }
        let summary = try run.json()["summary"] as? [String: Any] ?? [:]
        #expect(summary["reports"] as? Int == 29)
        #expect(summary["checked"] as? Int == 13)
        #expect(summary["invalid"] as? Int == 16)
    }

    @Test func specExampleFieldsAreExact() throws {
        let run = try CLIRun.tce(["check", "samples/2011-hongyun-mining.xml", "--format", "json"])
        #expect(run.exitCode == 1)  // an earth kiln still operates
        let r = try #require(reports(try run.json()).first)
        #expect(r["file"] as? String == "samples/2011-hongyun-mining.xml")
        #expect((r["enterprise"] as? [String: Any])?["name"] as? String == "瓜州县宏运矿产有限责任公司")
        #expect(r["year"] as? Int == 2011)
        #expect(run.text.contains("\"totalTce\":2321.6225,"))
        #expect(run.text.contains("\"waterIntensity\":35.555556,"))
        let findings = r["findings"] as? [[String: Any]] ?? []
        let kiln = try #require(findings.first { $0["rule"] as? String == "obsolete-capacity" })
        #expect(kiln["outcome"] as? String == "fail")
        #expect(kiln["severity"] as? String == "error")
        #expect((kiln["message"] as? String)?.contains("earth-kiln") == true)
        #expect(kiln["line"] as? Int != nil)
    }

    @Test func exitCodes() throws {
        let clean = try CLIRun.tce(["check", "samples/2011-shaye-building-materials.xml"])
        #expect(clean.exitCode == 0)
        let checkedOnly = try CLIRun.tce(["check", "samples/2011-hongyun-mining.xml", "samples/2011-xiyu-sunshine.xml"])
        #expect(checkedOnly.exitCode == 1)
        let warningOnly = try CLIRun.tce(["check", "rules/examples/declared-total/fail-just-over-plus-1-percent.xml", "--format", "json"])
        let findings = reports(try warningOnly.json()).first?["findings"] as? [[String: Any]] ?? []
        let errorsFailed = findings.contains { $0["outcome"] as? String == "fail" && $0["severity"] as? String == "error" }
        #expect(warningOnly.exitCode == (errorsFailed ? 1 : 0))
        #expect(try CLIRun.tce(["check", "samples/invalid/malformed-unclosed-tag.xml"]).exitCode == 2)
        #expect(try CLIRun.tce(["check", "no/such/path.xml"]).exitCode == 2)
        let usage = try CLIRun.tce(["check", "--format", "yaml", "samples"])
        #expect(usage.exitCode == 2)
        #expect(usage.stderr.contains("yaml"))
        #expect(try CLIRun.tce(["check"]).exitCode == 2)
    }

    @Test func xxeContentNeverAppears() throws {
        for format in ["text", "json"] {
            let run = try CLIRun.tce(["check", "samples/invalid/xxe-external-entity.xml", "--format", format])
            #expect(run.exitCode == 2)
            #expect(!run.text.contains("root:x:0"))
            #expect(!run.stderr.contains("root:x:0"))
            #expect(run.text.contains("DOCTYPE"))
        }
    }

    /// libxml2 reports a failed GB18030 conversion through its generic handler too, which
    /// would print to stderr; the report says it, stderr stays quiet.
    @Test func badLegacyEncodingBytesStayOffStderr() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("tce-badgb-\(getpid()).xml")
        var bytes = Array("<?xml version=\"1.0\" encoding=\"GB18030\"?>\n<EnergyReport xmlns=\"urn:tce:energy-report:1\" version=\"1\"><Enterprise><Name>".utf8)
        bytes += [0xA2] + Array("<?x?></Name></Enterprise></EnergyReport>\n".utf8)
        try Data(bytes).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let run = try CLIRun.tce(["check", file.path])
        #expect(run.exitCode == 2)
        #expect(run.stderr.isEmpty, "\(run.stderr)")
        #expect(run.text.contains("invalid"))
        #expect(run.text.contains(":2:"))
    }

    @Test func outputIsDeterministic() throws {
        let a = try CLIRun.tce(["check", "samples", "rules/examples", "--format", "json"])
        let b = try CLIRun.tce(["check", "rules/examples", "samples", "--format", "json"])
        #expect(a.stdout == b.stdout)
        let files = reports(try a.json()).compactMap { $0["file"] as? String }
        #expect(files == files.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        #expect(Set(files).count == files.count)
    }

    @Test func textGroupsByEnterpriseFailuresFirstWithSummary() throws {
        let run = try CLIRun.tce(["check", "samples", "--lang", "en"])
        let text = run.text
        #expect(text.contains("瓜州县金源矿业有限责任公司"))
        #expect(text.contains("responsibility-letter"))
        #expect(text.contains("threshold 1000"))
        #expect(text.contains("县工信局要与耗能1000吨以上标准煤的企业签订年度《节能降耗目标责任书》"))
        #expect(text.contains("Summary"))
        #expect(text.contains("29 reports · 13 checked · 16 invalid"))
        #expect(!text.contains("\u{1B}["))  // no colour when not on a terminal
        // Each invalid file names file:line:column.
        #expect(text.contains("samples/invalid/malformed-unclosed-tag.xml:"))
    }

    @Test func chineseMessagesFromLocaleOrFlag() throws {
        let zh = try CLIRun.tce(["check", "samples/2011-jinyuan-coal.xml"], environment: ["LANG": "zh_CN.UTF-8"])
        #expect(zh.text.contains("汇总"))
        #expect(zh.text.contains("未签订年度《节能降耗目标责任书》"))
        let en = try CLIRun.tce(["check", "samples/2011-jinyuan-coal.xml", "--lang", "en"], environment: ["LANG": "zh_CN.UTF-8"])
        #expect(en.text.contains("Summary"))
    }

    /// The YAML library announces YAMS_DEFAULT_ENCODING on standard output when it reads it;
    /// tce names the encoding itself, so the variable cannot break the JSON a pipeline reads.
    @Test func yamlEncodingVariableLeavesTheOutputAlone() throws {
        let plain = try CLIRun.tce(["check", "samples/2011-jinyuan-coal.xml", "--format", "json"])
        let run = try CLIRun.tce(["check", "samples/2011-jinyuan-coal.xml", "--format", "json"],
                                 environment: ["YAMS_DEFAULT_ENCODING": "utf16"])
        #expect(run.stdout == plain.stdout)
        #expect(try run.json()["summary"] != nil)
        #expect(!run.text.contains("YAMS_DEFAULT_ENCODING") && !run.stderr.contains("YAMS_DEFAULT_ENCODING"))
    }

    @Test func worksFromAnyDirectory() throws {
        let run = try CLIRun.tce(["check", Fixtures.samplesPath + "/2011-shaye-building-materials.xml"],
                                 in: FileManager.default.temporaryDirectory)
        #expect(run.exitCode == 0)
        let missing = try CLIRun.tce(["check", "x.xml", "--rules", "/nonexistent"], in: FileManager.default.temporaryDirectory)
        #expect(missing.exitCode == 2)
        #expect(missing.stderr.contains("ruleset.yaml is missing"))
    }

    @Test func customRulesWithRulesFlag() throws {
        let dir = try RuleSetGeneralityTests.customRules()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try CLIRun.tce(["check", "samples/2011-shaye-building-materials.xml", "--rules", dir.path, "--format", "json"])
        let r = try #require(reports(try run.json()).first)
        let rules = (r["findings"] as? [[String: Any]] ?? []).compactMap { $0["rule"] as? String }
        #expect(rules.contains("electricity-intensity"))
        #expect(rules.count == 14)
        #expect(r["tier"] is NSNull)  // 1316 tce is below the raised T1 of 2000
    }

    @Test func rulesCheckRunsTheExamples() throws {
        let run = try CLIRun.tce(["rules", "check"])
        #expect(run.exitCode == 0, "\(run.text)")
        #expect(run.text.contains("13 rules"))
        #expect(!run.text.contains("note:"))
        let broken = try RuleSetLoaderTests.copyOfRules()
        defer { try? FileManager.default.removeItem(at: broken) }
        try RuleSetLoaderTests.edit(broken.appendingPathComponent("rules/energy-audit.yaml"),
                                    "passes: management.energyAudit.completed", "passes: management.energyAudit.completed and (")
        let bad = try CLIRun.tce(["rules", "check", broken.path])
        #expect(bad.exitCode == 2)
        #expect(bad.stderr.contains("rules/energy-audit.yaml:"))
    }

    @Test func rulesCheckNotesASchemaTheFastChecksDoNotCover() throws {
        let rules = try RuleSetLoaderTests.copyOfRules()
        defer { try? FileManager.default.removeItem(at: rules) }
        try RuleSetLoaderTests.edit(rules.appendingPathComponent("report-v1.xsd"),
                                    #"<xs:pattern value="[0-9]{4}"/>"#, #"<xs:pattern value="\d{4}"/>"#)
        let run = try CLIRun.tce(["rules", "check", rules.path])
        #expect(run.exitCode == 0, "\(run.text)")
        #expect(run.text.contains("report-v1.xsd: note: reports will be validated by libxml2 alone"), "\(run.text)")
        #expect(run.text.contains(#"pattern '\d{4}': the escape '\d'"#), "\(run.text)")
        // And the reports are still checked the same way.
        let check = try CLIRun.tce(["check", "--rules", rules.path, "--format", "json", Fixtures.samplesPath])
        let plain = try CLIRun.tce(["check", "--format", "json", Fixtures.samplesPath])
        #expect(check.exitCode == plain.exitCode)
        #expect(check.stdout == plain.stdout)
    }
}
