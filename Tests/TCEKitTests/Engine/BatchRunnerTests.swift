import Foundation
import Testing
@testable import TCEKit

@Suite struct BatchRunnerTests {
    /// Everything a result says, as one line per report.
    static func lines(window: Int, readAhead: Int, _ paths: [String]) -> [String] {
        var out: [String] = []
        BatchRunner(checker: Fixtures.checker, window: window, readAhead: readAhead)
            .run(InputSequence(paths), render: { _ in () }) { r, _ in
                let findings = r.findings.map { "\($0.ruleID)=\($0.outcome):\($0.message)@\($0.line ?? 0)" }
                out.append("\(r.file) \(r.status) \(r.errors.map(\.message)) \(findings)")
            }
        return out
    }

    /// Files read ahead on the calling thread give the results the workers' own reads give: the
    /// same statuses and messages for broken inputs (a FIFO, a directory, a loop, junk, an empty
    /// file), the same findings for good ones, in the same order, whatever the budget and window.
    @Test func readingAheadChangesNoResult() throws {
        let dir = try FaultBatchTests.makeBatch()
        defer { try? FileManager.default.removeItem(at: dir) }
        for i in 0..<6 {
            try Data(Fixtures.report(code: Fixtures.creditCode("91620922MA71RA0\(i)B")).utf8)
                .write(to: dir.appendingPathComponent("r\(i).xml"))
        }
        let paths = [dir.path, Fixtures.samplesPath]
        let workersOnly = Self.lines(window: 3, readAhead: 0, paths)
        #expect(workersOnly.count > 20)
        #expect(workersOnly.contains { $0.contains("pipe.xml invalid") && $0.contains("not a regular file") })
        #expect(workersOnly.contains { $0.contains("r5.xml checked") })
        for (window, budget) in [(3, 64 << 20), (1, 64 << 20), (4, 1), (1024, 64 << 20)] {
            #expect(Self.lines(window: window, readAhead: budget, paths) == workersOnly, "window \(window), budget \(budget)")
        }
    }
}
