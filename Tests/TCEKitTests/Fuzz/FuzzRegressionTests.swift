import Foundation
import Testing
@testable import TCEKit

/// Every input the fuzzers (fuzz/) ever stopped on, kept and replayed: `report-*` through the
/// loader and the checker, `expression-*` through the expression
/// and template parsers and the evaluator. fuzz/RESULTS.md says what each one found.
@Suite struct FuzzRegressionTests {
    static let folder = Fixtures.root.appendingPathComponent("Tests/TCEKitTests/Fuzz/Inputs")

    static func inputs(_ prefix: String) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasPrefix(prefix) }.sorted().map { folder.appendingPathComponent($0) }
    }

    @Test func reportInputsCheckCleanly() throws {
        let files = Self.inputs("report-")
        #expect(!files.isEmpty)
        for file in files {
            let bytes = Array(try Data(contentsOf: file))
            let result = Fixtures.check(bytes: bytes, name: file.lastPathComponent)
            #expect(result.status == .checked || !result.errors.isEmpty, "\(file.lastPathComponent)")
            _ = JSONReporter(context: OutputContext(ruleSet: Fixtures.ruleSet, messages: Fixtures.checker.messages))
                .renderUTF8(result)
        }
    }

    /// The first finding: "<!DOCTYPE" inside a comment. The loader refuses any file with those bytes.
    @Test func aDoctypeMentionedInACommentIsRefused() throws {
        let bytes = Array(try Data(contentsOf: Self.folder.appendingPathComponent("report-doctype-in-comment.xml")))
        let result = Fixtures.check(bytes: bytes)
        #expect(result.status == .invalid)
        #expect(result.errors.first?.message.contains("<!DOCTYPE") == true)
    }

    /// The second (seventh session): a date with blanks after it. XSD collapses a date's blanks,
    /// and the compiled checks did; libxml2 refuses them, and libxml2 decides. Both paths now
    /// refuse it, and the report says why.
    @Test func aDateWithBlanksAfterItIsRefusedByBothPaths() throws {
        let bytes = Array(try Data(contentsOf: Self.folder.appendingPathComponent("report-date-with-blanks.xml")))
        let (fast, slow) = try #require(StreamingValidationTests.paths(bytes))
        #expect(fast == nil)
        #expect((try? slow.get()) == nil)
        let result = Fixtures.check(bytes: bytes)
        #expect(result.status == .invalid)
        #expect(result.errors.first?.message.contains("xs:date") == true, "\(result.errors)")
    }

    /// The fourth (eighth session, expression target): a template dividing 43 down to a number
    /// that terminates after 40 decimal places trapped while being printed (10^40 overflowed an
    /// `Int128`). A report can make such a number too: value added 2^99 (30 digits, schema-valid)
    /// makes the energy intensity 1 / 2^99, and printing the facts took the whole batch down.
    /// Both are now written exactly, as the SPEC asks of every number that terminates.
    @Test func aNumberEndingPast38PlacesIsWrittenExactly() throws {
        let template = try Template(String(decoding: try Data(contentsOf: Self.folder.appendingPathComponent(
            "expression-terminating-decimal-past-38-places.txt")), as: UTF8.self))
        #expect(try template.render(in: DictionaryScope(), missing: "—")
            == "\u{0}\u{0}0.0000000000000000000000000000000000026875")
        let bytes = Array(try Data(contentsOf: Self.folder.appendingPathComponent("report-value-added-two-to-the-99.xml")))
        let result = Fixtures.check(bytes: bytes)
        #expect(result.status == .checked)
        let json = String(decoding: JSONReporter(context: OutputContext(ruleSet: Fixtures.ruleSet,
                                                                        messages: Fixtures.checker.messages))
            .renderUTF8(result), as: UTF8.self)
        #expect(json.contains(#""energyIntensity":0.000000000000000000000000000001577721810442023610823457130565572459346412870218046009540557861328125,"#),
                "\(json.prefix(400))")
    }

    @Test func expressionInputsParseAndEvaluateWithoutCrashing() throws {
        for file in Self.inputs("expression-") {
            let text = String(decoding: try Data(contentsOf: file), as: UTF8.self)
            if let e = try? Expression(text) { _ = try? e.evaluate(in: DictionaryScope(), stepLimit: 100_000) }
            if let t = try? Template(text) { _ = try? t.render(in: DictionaryScope(), missing: "—") }
        }
    }
}
