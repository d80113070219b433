import CLibXML2
import Foundation
import Testing
@testable import TCEKit

/// JUnit XML, parsed back with libxml2: counts agree with the elements and with the batch.
@Suite struct JUnitReporterTests {
    struct Suite {
        var attributes: [String: String]
        var properties: [String: String]
        var cases: [(name: String, classname: String, outcome: String?, message: String?, type: String?, body: String)]

        func count(_ attribute: String) -> Int { Int(attributes[attribute] ?? "") ?? -1 }
    }

    /// Parses the document with libxml2 and reads every testsuite.
    static func parse(_ text: String) throws -> (root: String, suites: [Suite]) {
        let bytes = Array(text.utf8)
        let doc = try #require(bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                xmlReadMemory($0, Int32(bytes.count), "junit.xml", "UTF-8", Int32(XML_PARSE_NONET.rawValue))
            }
        }, "not well-formed XML")
        defer { xmlFreeDoc(doc) }
        let root = XMLElement(node: try #require(xmlDocGetRootElement(doc)))
        let suites = root.children("testsuite").map { suite in
            let keys: [StaticString] = ["name", "tests", "failures", "errors", "skipped"]
            let attributes = Dictionary(uniqueKeysWithValues: keys.compactMap { key in
                suite.attribute(key).map { ("\(key)", $0) }
            })
            var properties: [String: String] = [:]
            for p in suite.child("properties")?.children("property") ?? [] {
                properties[p.attribute("name") ?? ""] = p.attribute("value")
            }
            let cases = suite.children("testcase").map { c in
                let outcome = c.children.first { ["failure", "error", "skipped"].contains($0.name) }
                return (c.attribute("name") ?? "", c.attribute("classname") ?? "", outcome?.name, outcome?.attribute("message"),
                        outcome?.attribute("type"), outcome?.text ?? "")
            }
            return Suite(attributes: attributes, properties: properties, cases: cases)
        }
        return (root.name, suites)
    }

    @Test func samplesParseBackWithConsistentCounts() throws {
        let (text, summary) = try Pipeline.render(.junit, [Fixtures.samplesPath])
        let (root, suites) = try Self.parse(text)
        #expect(root == "testsuites")
        #expect(suites.count == 29)
        for suite in suites {
            let name = suite.attributes["name"] ?? "?"
            #expect(name.hasPrefix("samples/"), "relative path: \(name)")
            #expect(suite.count("tests") == suite.cases.count, "\(name)")
            #expect(suite.count("failures") == suite.cases.count { $0.outcome == "failure" }, "\(name)")
            #expect(suite.count("errors") == suite.cases.count { $0.outcome == "error" }, "\(name)")
            #expect(suite.count("skipped") == suite.cases.count { $0.outcome == "skipped" }, "\(name)")
            #expect(suite.cases.allSatisfy { $0.classname == name })
        }
        // Invalid files are errors, checked files one testcase per rule.
        #expect(suites.count { $0.count("errors") == 1 } == summary.invalid)
        #expect(suites.filter { $0.count("errors") == 0 }.allSatisfy { $0.cases.map(\.name) == Fixtures.ruleSet.rules.map(\.id) })
        #expect(suites.map { $0.count("failures") }.reduce(0, +) == summary.failedBySeverity.values.reduce(0, +))
        let skipped = summary.byRule.values.map(\.notApplicable).reduce(0, +)
        #expect(suites.map { $0.count("skipped") }.reduce(0, +) == skipped)
    }

    @Test func failuresCarryMessageSeverityAndSource() throws {
        let (_, suites) = try Self.parse(try Pipeline.render(.junit, [Fixtures.samplesPath + "/2011-jinyuan-coal.xml"]).text)
        let suite = try #require(suites.first)
        #expect(suite.properties["creditCode"] == "916209222786692277")
        #expect(suite.properties["totalTce"] == "3832.899")
        #expect(suite.properties["tier"] == "T2")
        let letter = try #require(suite.cases.first { $0.name == "responsibility-letter" })
        #expect(letter.outcome == "failure")
        #expect(letter.type == "error")
        #expect(letter.message == "consumes 3832.899 tce a year, at or above 1000 tce, but has not signed the annual responsibility letter")
        #expect(letter.body.contains("县工信局要与耗能1000吨以上标准煤的企业签订年度《节能降耗目标责任书》"))
        #expect(letter.body.contains("samples/2011-jinyuan-coal.xml:27"))
        #expect(suite.cases.first { $0.name == "declared-total" }?.type == "warning")
        #expect(suite.cases.first { $0.name == "energy-audit" }?.outcome == "skipped")
        #expect(suite.cases.first { $0.name == "credit-code" }?.outcome == nil)
    }

    @Test func invalidInputIsAnErrorWithEveryDiagnostic() throws {
        let (_, suites) = try Self.parse(try Pipeline.render(.junit, [Fixtures.samplesPath + "/invalid/malformed-unclosed-tag.xml"]).text)
        let suite = try #require(suites.first)
        #expect(suite.count("errors") == 1)
        let c = try #require(suite.cases.first)
        #expect(c.name == "invalid-input")
        #expect(c.outcome == "error")
        #expect(c.message?.hasPrefix("23:16: ") == true)
        #expect(c.body.contains("samples/invalid/malformed-unclosed-tag.xml:23:16: "))
        #expect(c.body.split(separator: "\n").count == 2)
    }

    @Test func markupInNamesAndMessagesSurvives() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let name = "A&B <\"公司\"> 'x'\ttab"
        try scratch.write("a&b <c>.xml", Fixtures.report(name: name.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;"),
                                                         items: Fixtures.items(tce: "1500")))
        let (text, _) = try Pipeline.render(.junit, [scratch.path], workingDirectory: scratch.path)
        let (_, suites) = try Self.parse(text)
        let suite = try #require(suites.first)
        #expect(suite.attributes["name"] == "a&b <c>.xml")
        #expect(suite.properties["enterprise"] == name)
        #expect(suite.cases.first { $0.name == "responsibility-letter" }?.outcome == "failure")
    }

    @Test func baselinedFailuresAreSkippedAndStaleOnesGetTheirOwnSuite() throws {
        let baseline = Baseline(entries: [
            .init(key: .init(creditCode: "916209222786692277", year: 2011, rule: "responsibility-letter"), name: nil),
            .init(key: .init(creditCode: "X", year: 2011, rule: "energy-audit"), name: "老企业"),
        ], source: "tce-baseline.json")
        for strict in [false, true] {
            let (text, _) = try Pipeline.render(.junit, [Fixtures.samplesPath + "/2011-jinyuan-coal.xml"],
                                                gate: Gate(baseline: baseline, strictBaseline: strict))
            let (_, suites) = try Self.parse(text)
            #expect(suites.count == 2)
            let letter = try #require(suites[0].cases.first { $0.name == "responsibility-letter" })
            #expect(letter.outcome == "skipped")
            #expect(letter.message?.hasPrefix("baselined: ") == true)
            #expect(suites[0].count("failures") == 3)
            let stale = suites[1]
            #expect(stale.attributes["name"] == "baseline tce-baseline.json")
            #expect(stale.cases.map(\.name) == ["X 2011 energy-audit"])
            #expect(stale.cases.first?.outcome == (strict ? "failure" : "skipped"))
            #expect(stale.cases.first?.message?.contains("老企业") == true)
            #expect(stale.count("failures") == (strict ? 1 : 0))
        }
    }
}
