import Foundation
import Testing
@testable import TCEKit

/// The JSON reporter's per-rule parts written once (rule head, title, evidence names) give the
/// same text as writing each finding out in full.
@Suite struct JSONReporterTests {
    let reporter = JSONReporter(context: OutputContext(ruleSet: Fixtures.ruleSet, messages: Fixtures.checker.messages))

    /// The first sample report checked, with its findings replaced by `findings`.
    func rendered(_ findings: [Finding]) throws -> [[String: Any]] {
        let sample = URL(fileURLWithPath: Fixtures.samplesPath).appendingPathComponent("2011-hongyun-mining.xml").path
        var result = Fixtures.checker.check(file: sample)
        result.findings = findings
        let text = String(decoding: reporter.renderUTF8(result), as: UTF8.self)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        return try #require(object["findings"] as? [[String: Any]])
    }

    func finding(_ rule: String, evidence: [(String, Value)]) -> Finding {
        Finding(ruleID: rule, severity: .error, outcome: .pass, message: "m", line: 1, measured: nil, threshold: nil,
                evidence: evidence.map { Finding.Evidence(name: $0.0, value: $0.1) }, ruleError: nil)
    }

    @Test func evidenceNamesAreWrittenWhateverTheFindingLeftOut() throws {
        // declared-total's evidence is energy.declaredTotal, totalTce, difference.
        let findings = [
            // The first entry left out (no value), the others in the rule's order.
            finding("declared-total", evidence: [("totalTce", .number(Exact(integer: 5))), ("difference", .bool(true))]),
            // A name the rule does not list, between two it does.
            finding("declared-total", evidence: [("energy.declaredTotal", .number(Exact(integer: 1))),
                                                 ("quote\"d", .string("x")), ("difference", .number(Exact(integer: 2)))]),
            // A rule the rule set does not have.
            finding("no-such-rule", evidence: [("a\\b", .string("y"))]),
        ]
        let json = try rendered(findings)
        #expect(json.count == 3)
        let first = try #require(json[0]["evidence"] as? [String: Any])
        #expect(first.count == 2 && first["totalTce"] as? Int == 5 && first["difference"] as? Bool == true)
        let second = try #require(json[1]["evidence"] as? [String: Any])
        #expect(second.count == 3 && second["energy.declaredTotal"] as? Int == 1 && second["quote\"d"] as? String == "x"
            && second["difference"] as? Int == 2)
        let third = try #require(json[2]["evidence"] as? [String: Any])
        #expect(third.count == 1 && third["a\\b"] as? String == "y")
        #expect(json[2]["rule"] as? String == "no-such-rule" && json[2]["title"] == nil)
        #expect(json[0]["title"] as? String == Fixtures.ruleSet.rules.first { $0.id == "declared-total" }?.title[.en])
    }
}
