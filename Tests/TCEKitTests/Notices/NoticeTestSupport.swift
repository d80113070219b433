import Foundation
@testable import TCEKit

/// Notices written once for all of samples/ (both kinds, both formats), and the independent
/// oracle's verdicts on the same samples, shared by the notice tests.
enum NoticeFixtures {
    static let date = CivilDate(year: 2012, month: 3, day: 15)!

    static let config: NoticeConfig = {
        do { return try Fixtures.ruleSet.noticeConfig() } catch { fatalError("default notice settings do not load: \(error)") }
    }()

    static func temporaryDirectory(_ label: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("tce-\(label)-\(UUID().uuidString)")
    }

    /// Writes the notices for `paths` into `directory` with the library, as `tce notices` does.
    static func write(_ paths: [String], to directory: URL, kinds: Set<NoticeKind> = Set(NoticeKind.allCases),
                      formats: Set<NoticeFormat> = Set(NoticeFormat.allCases), config: NoticeConfig = config,
                      checker: Checker = Fixtures.checkerZH) throws -> NoticeIndex {
        let batch = try NoticeBatch(checker: checker, config: config, options: NoticeBatch.Options(
            outputDirectory: directory.path, kinds: kinds, formats: formats, issueDate: date))
        return batch.run(InputCollector.collect(paths))
    }

    struct Samples {
        let directory: URL
        let index: NoticeIndex

        func bytes(_ name: String) throws -> [UInt8] {
            [UInt8](try Data(contentsOf: directory.appendingPathComponent(name)))
        }

        func exists(_ name: String) -> Bool {
            FileManager.default.fileExists(atPath: directory.appendingPathComponent(name).path)
        }

        var files: [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).sorted()
        }
    }

    static let samples: Samples = {
        let dir = temporaryDirectory("notices-samples")
        TemporaryFiles.removeAtExit(dir)
        do {
            let index = try write([Fixtures.samplesPath], to: dir)
            return Samples(directory: dir, index: index)
        } catch {
            fatalError("writing the sample notices failed: \(error)")
        }
    }()

    /// One checked report as scripts/sample-facts.py (written independently of tce) judges it.
    struct OracleReport {
        var file: String
        var name: String
        var creditCode: String
        var year: Int
        var tier: String?
        var facts: [String: String]
        var outcomes: [String: String]

        var failed: Set<String> { Set(outcomes.filter { $0.value == "fail" }.map(\.key)) }
        var stem: String { "\(creditCode)-\(year)" }
    }

    static let oracle: [OracleReport] = {
        do {
            let run = try CLIRun.run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "scripts/sample-facts.py", "--format", "json", "samples"])
            let reports = try run.json()["reports"] as? [[String: Any]] ?? []
            return reports.filter { $0["status"] as? String == "checked" }.map { r in
                let enterprise = r["enterprise"] as? [String: Any] ?? [:]
                let facts = (r["facts"] as? [String: Any] ?? [:]).mapValues { "\($0)" }
                let findings = r["findings"] as? [[String: Any]] ?? []
                return OracleReport(
                    file: r["file"] as? String ?? "", name: enterprise["name"] as? String ?? "",
                    creditCode: enterprise["creditCode"] as? String ?? "", year: r["year"] as? Int ?? 0,
                    tier: r["tier"] as? String, facts: facts,
                    outcomes: Dictionary(uniqueKeysWithValues: findings.map {
                        ($0["rule"] as? String ?? "", $0["outcome"] as? String ?? "")
                    }))
            }
        } catch {
            fatalError("the sample oracle did not run: \(error)")
        }
    }()

    /// Text of each cell of each row of the first `w:tbl` whose header row contains `header`.
    static func docxTable(_ doc: ParsedDocument, containing header: String) -> [[String]] {
        for table in doc.all("tbl") {
            let rows = table.children.filter { $0.name == "tr" }.map { row in
                row.children.filter { $0.name == "tc" }.map { cell in cell.descendants("t").map(\.text).joined() }
            }
            if rows.first?.contains(header) == true { return rows }
        }
        return []
    }

    /// All `w:t` text of a WordprocessingML part, paragraph by paragraph.
    static func paragraphs(_ doc: ParsedDocument) -> [String] {
        doc.all("p").map { $0.descendants("t").map(\.text).joined() }
    }
}
