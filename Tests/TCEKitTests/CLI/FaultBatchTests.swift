import Foundation
import Testing
@testable import TCEKit

/// A small batch with every kind of broken input (the full 2,000-file version is
/// scripts/fault-batch.sh): the batch completes, lists each input exactly once with the
/// right status, and exits 2. Unreadable-by-permission files need a non-root user; here a
/// path through a file stands in for them (open fails for root too).
@Suite struct FaultBatchTests {
    static func makeBatch() throws -> URL {
        let fm = FileManager.default
        let dir = fm.temporaryDirectory.appendingPathComponent("tce-faults-\(UUID().uuidString)")
        let f = dir.appendingPathComponent("faults")
        try fm.createDirectory(at: f, withIntermediateDirectories: true)
        let valid = Data(Fixtures.report().utf8)
        try valid.write(to: dir.appendingPathComponent("good.xml"))
        try Data().write(to: f.appendingPathComponent("empty.xml"))
        var junk = [UInt8](repeating: 0, count: 2048)
        for i in junk.indices { junk[i] = UInt8(truncatingIfNeeded: i &* 2654435761 >> 7) }
        try Data(junk).write(to: f.appendingPathComponent("junk.xml"))
        try Data(repeating: 0x20, count: 40_000).write(to: f.appendingPathComponent("big.xml"))  // over --max-size 32768
        try fm.createDirectory(at: f.appendingPathComponent("dir.xml"), withIntermediateDirectories: true)
        try valid.write(to: f.appendingPathComponent("dir.xml/inside.xml"))
        try fm.createDirectory(at: f.appendingPathComponent("empty-dir.xml"), withIntermediateDirectories: true)
        try fm.createSymbolicLink(atPath: f.appendingPathComponent("loop.xml").path, withDestinationPath: "loop.xml")
        try fm.createSymbolicLink(atPath: f.appendingPathComponent("dangling.xml").path, withDestinationPath: "/nonexistent/x.xml")
        try fm.createSymbolicLink(atPath: f.appendingPathComponent("up").path, withDestinationPath: "..")  // directory loop
        #expect(mkfifo(f.appendingPathComponent("pipe.xml").path, 0o644) == 0)
        try valid.write(to: f.appendingPathComponent("file.xml"))
        return dir
    }

    @Test func everyBrokenInputIsListedOnceWithItsReasonAndTheBatchExits2() throws {
        let dir = try Self.makeBatch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let throughFile = dir.appendingPathComponent("faults/file.xml/inner.xml").path
        let run = try CLIRun.tce(["check", "--format", "json", "--max-size", "32768", dir.path, throughFile])
        #expect(run.exitCode == 2)
        let reports = try run.json()["reports"] as? [[String: Any]] ?? []
        let files = reports.compactMap { $0["file"] as? String }
        #expect(files.count == Set(files).count, "each input once")
        func expect(_ name: String, _ status: String, _ words: String? = nil) {
            let path = name.hasPrefix("/") ? name : dir.path + "/" + name
            guard let r = reports.first(where: { $0["file"] as? String == path }) else {
                Issue.record("\(name) is not listed: \(files)")
                return
            }
            #expect(r["status"] as? String == status, "\(name)")
            if let words {
                let messages = (r["errors"] as? [[String: Any]] ?? []).compactMap { $0["message"] as? String }
                #expect(messages.contains { $0.contains(words) }, "\(name): \(messages)")
            }
        }
        expect("good.xml", "checked")
        expect("faults/empty.xml", "invalid", "empty")
        expect("faults/junk.xml", "invalid")
        expect("faults/big.xml", "invalid", "size limit")
        expect("faults/dir.xml/inside.xml", "checked")
        expect("faults/loop.xml", "invalid", "symbolic links")
        expect("faults/dangling.xml", "invalid", "No such file")
        expect("faults/pipe.xml", "invalid", "not a regular file")
        expect("faults/file.xml", "checked")
        expect(throughFile, "invalid", "Not a directory")
        #expect(files.count == 10, "\(files)")
    }

    @Test func aFileDeletedWhileTheBatchRunsIsListedAsUnreadable() throws {
        let dir = try Self.makeBatch()
        defer { try? FileManager.default.removeItem(at: dir) }
        // Windows of one report: the pipeline checks window k+1 while k is emitted, so a file
        // two windows ahead of the first emitted one has not been read yet.
        for i in 0..<4 { try Data(Fixtures.report(code: Fixtures.creditCode("91620922MA71XY1\(i)A")).utf8)
            .write(to: dir.appendingPathComponent("z\(i).xml")) }
        let listed = InputCollector.collect([dir.path]).count
        let doomed = dir.appendingPathComponent("z3.xml").path
        var seen: [String: ReportResult] = [:]
        // The walk itself, as the commands run it: the folder is listed when the walk enters it.
        BatchRunner(checker: Fixtures.checker, window: 1).run(InputSequence([dir.path]), render: { _ in () }) { result, _ in
            if seen.isEmpty { unlink(doomed) }
            #expect(seen[result.file] == nil)
            seen[result.file] = result
        }
        #expect(seen.count == listed)
        #expect(seen[doomed]?.status == .invalid)
        #expect(seen[doomed]?.errors.first?.message.contains("No such file") == true)
        #expect(seen[dir.appendingPathComponent("z2.xml").path]?.status == .checked)
    }

    @Test func outputToAFullDeviceFailsWithAMessage() throws {
        let run = try CLIRun.run(URL(fileURLWithPath: "/bin/sh"),
                                 ["-c", "\"$0\" check --format json samples > /dev/full", CLIRun.binary.path])
        #expect(run.exitCode == 2)
        #expect(run.stderr.contains("tce: cannot write the output: No space left on device"))
        let letters = try CLIRun.tce(["letters", "samples", "--out", "/dev/full"])
        #expect(letters.exitCode == 2)
        #expect(letters.stderr.contains("cannot write /dev/full"))
    }

    @Test func lettersIntoAMissingFolderFailWithoutLeavingAFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tce-out-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try CLIRun.tce(["letters", "samples", "--out", dir.path + "/missing/letters.csv"])
        #expect(run.exitCode == 2)
        #expect(run.stderr.contains("cannot write"))
        #expect((try FileManager.default.contentsOfDirectory(atPath: dir.path)).isEmpty)
    }
}
