import Foundation
import Testing
@testable import TCEKit

/// The fast reader may only ever accept what the full libxml2 path accepts, and must then
/// give the very same report. These tests read files both ways and compare.
@Suite struct FastPathAgreementTests {
    static let loader = Fixtures.checker.loader

    /// nil when the fast path passed the file on; else whether both paths agree.
    static func agreement(_ bytes: [UInt8]) -> (fast: Bool, agrees: Bool) {
        guard let fast = loader.fastLoad(bytes) else { return (false, true) }
        guard case .success(let full) = loader.fullLoad(bytes, name: "r.xml") else { return (true, false) }
        return (true, ReportDescription.of(fast) == ReportDescription.of(full))
    }

    static func xmlFiles(_ folder: String) -> [String] {
        let base = Fixtures.root.appendingPathComponent(folder).path
        let all = FileManager.default.enumerator(atPath: base)?.compactMap { $0 as? String } ?? []
        return all.filter { $0.hasSuffix(".xml") }.sorted().map { base + "/" + $0 }
    }

    @Test func theShippedSchemaIsTheOneTheFastPathMirrors() {
        #expect(Fixtures.ruleSet.schema.isReportV1)
    }

    @Test func everyValidSampleAndExampleTakesTheFastPathWithTheSameReport() throws {
        var fastCount = 0, validCount = 0
        for path in Self.xmlFiles("samples") + Self.xmlFiles("rules/examples") {
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
            let (fast, agrees) = Self.agreement(bytes)
            #expect(agrees, "fast and full paths disagree on \(path)")
            if case .success = Self.loader.fullLoad(bytes, name: path) {
                validCount += 1
                #expect(fast, "valid \(path) did not take the fast path")
            } else {
                #expect(!fast, "invalid \(path) was accepted by the fast path")
            }
            if fast { fastCount += 1 }
        }
        #expect(validCount > 100)
        #expect(fastCount == validCount)
    }

    /// Development aid: TCE_AGREEMENT_DIR=/some/corpus swift test --filter Agreement
    @Test func agreesOnACorpusNamedInTheEnvironment() throws {
        guard let dir = ProcessInfo.processInfo.environment["TCE_AGREEMENT_DIR"] else { return }
        let files = (FileManager.default.enumerator(atPath: dir)?.compactMap { $0 as? String } ?? [])
            .filter { $0.hasSuffix(".xml") }
        var fast = 0
        for file in files {
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: dir + "/" + file)))
            let result = Self.agreement(bytes)
            #expect(result.agrees, "disagree on \(file)")
            if result.fast { fast += 1 }
        }
        print("agreement: \(files.count) files, \(fast) on the fast path")
    }
}
