import Foundation
import Testing
import ZIPFoundation
@testable import TCEKit

/// Zip drops: read entry by entry, named `drop.zip!/path`, hostile archives rejected without
/// writing anything.
@Suite struct ZipDropTests {
    static let hongyun = try! String(contentsOf: Fixtures.root.appendingPathComponent("samples/2011-hongyun-mining.xml"), encoding: .utf8)

    func collect(_ paths: [String], limits: ZipDrop.Limits = ZipDrop.Limits()) -> [Input] {
        InputCollector.collect(paths, archiveLimits: limits)
    }

    func check(_ inputs: [Input], maxSize: Int = ReportLoader.defaultMaxSize) -> [ReportResult] {
        var results: [ReportResult] = []
        let checker = Checker(ruleSet: Fixtures.ruleSet, language: .en, maxSize: maxSize)
        BatchRunner(checker: checker).run(inputs, render: { _ in () }) { result, _ in results.append(result) }
        return results
    }

    @Test func aZipWrittenByZIPFoundationWithNestedFoldersIsCheckedLikeTheFolder() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        for name in Pipeline.checkedSamples.prefix(5) {
            try scratch.copy("samples/\(name)", to: "drop/2011/\(name)")
        }
        try scratch.copy("samples/invalid/malformed-unclosed-tag.xml", to: "drop/2011/deeper/bad.xml")
        try scratch.write("drop/notes.txt", "not a report")
        let archive = scratch.file("drop.zip")
        try FileManager.default.zipItem(at: scratch.file("drop"), to: archive, shouldKeepParent: false, compressionMethod: .deflate)

        let inputs = collect([archive.path])
        #expect(inputs.map(\.display) == (Pipeline.checkedSamples.prefix(5).map { "2011/\($0)" } + ["2011/deeper/bad.xml"])
            .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.map { archive.path + "!/" + $0 })
        let fromZip = check(inputs)
        let fromFolder = check(collect([scratch.file("drop").path]))
        #expect(fromZip.count == 6)
        for (z, f) in zip(fromZip, fromFolder) {
            #expect(z.status == f.status)
            #expect(z.findings.map(\.outcome) == f.findings.map(\.outcome))
            #expect(z.findings.map(\.message) == f.findings.map(\.message))
            #expect(z.findings.map(\.line) == f.findings.map(\.line))
            #expect(z.errors == f.errors)
        }
        #expect(fromZip.last?.status == .invalid)
        #expect(fromZip.last?.errors.first?.line == 23)
    }

    @Test func entriesSortWithTheOtherInputsBytewise() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try ZipBuilder(entries: [.init("b.xml", Self.hongyun), .init("a/c.xml", Self.hongyun)]).write(to: scratch.file("m.zip"))
        try scratch.write("m.xml", Self.hongyun)
        try scratch.write("m/z.xml", Self.hongyun)
        let displays = collect([scratch.file("m").path, scratch.file("m.zip").path, scratch.file("m.xml").path]).map(\.display)
            .map { String($0.dropFirst(scratch.path.count + 1)) }
        // '.' (0x2E) sorts before '/' (0x2F).
        #expect(displays == ["m.xml", "m.zip!/a/c.xml", "m.zip!/b.xml", "m/z.xml"])
    }

    @Test func storedEntriesZip64RecordsAndGB18030NamesAreRead() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        // 报告.xml in GBK, as Chinese Windows zips it: no UTF-8 flag.
        var gbk = ZipBuilder.Entry(nameBytes: [0xB1, 0xA8, 0xB8, 0xE6] + Array(".xml".utf8), content: Array(Self.hongyun.utf8), method: 0)
        gbk.flags = 0
        var builder = ZipBuilder(entries: [gbk, .init("__MACOSX/._报告.xml", "\u{0}\u{5}"), .init("dir/", "")])
        builder.entries[2].externalAttributes = 0o040755 << 16
        builder.zip64 = true
        try builder.write(to: scratch.file("z64.zip"))
        let inputs = collect([scratch.file("z64.zip").path])
        #expect(inputs.map(\.display) == [scratch.file("z64.zip").path + "!/报告.xml"])
        let result = try #require(check(inputs).first)
        #expect(result.status == .checked)
        #expect(result.report?.enterprise.name == "瓜州县宏运矿产有限责任公司")
    }

    /// Each hostile trait rejects the whole archive, as one invalid input named after it.
    @Test(arguments: [
        ("traversal", "path that leaves the archive"),
        ("absolute", "path that leaves the archive"),
        ("backslash", "path that leaves the archive"),
        ("drive", "path that leaves the archive"),
        ("symlink", "symbolic links"),
        ("encrypted", "encrypted"),
        ("overlap", "overlap"),
        ("duplicate", "name another entry already has"),
    ])
    func hostileArchivesAreRejected(kind: String, expected: String) throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let escapeName = "../tce-escaped-\(UUID().uuidString).xml"
        var entries: [ZipBuilder.Entry] = [.init("a.xml", Self.hongyun)]
        switch kind {
        case "traversal": entries.append(.init("reports/" + escapeName, Self.hongyun))
        case "absolute": entries.append(.init("/tmp/tce-absolute.xml", Self.hongyun))
        case "backslash": entries.append(.init("reports\\..\\..\\evil.xml", Self.hongyun))
        case "drive": entries.append(.init("C:evil.xml", Self.hongyun))
        case "symlink":
            var link = ZipBuilder.Entry("link.xml", "/etc/passwd", method: 0)
            link.externalAttributes = 0o120777 << 16
            entries.append(link)
        case "encrypted":
            var secret = ZipBuilder.Entry("b.xml", Self.hongyun)
            secret.flags |= 1
            entries.append(secret)
            entries.append(.init("c.xml", Self.hongyun))  // after it: ZIPFoundation's listing would drop it silently
        case "overlap":
            var again = ZipBuilder.Entry("b.xml", Self.hongyun)
            again.sharesDataWith = 0
            entries.append(again)
        case "duplicate": entries.append(.init("a.xml", Self.hongyun))
        default: Issue.record("unknown case")
        }
        let zip = try ZipBuilder(entries: entries).write(to: scratch.file("drop.zip"))
        let inputs = collect([zip.path])
        #expect(inputs.count == 1)
        #expect(inputs.first?.display == zip.path)
        let results = check(inputs)
        #expect(results.first?.status == .invalid)
        let message = results.first?.errors.first?.message ?? ""
        #expect(message.hasPrefix("the archive is rejected: "))
        #expect(message.contains(expected), "\(message)")
        #expect(!FileManager.default.fileExists(atPath: scratch.url.deletingLastPathComponent().appendingPathComponent(String(escapeName.dropFirst(3))).path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path) == ["drop.zip"])
    }

    @Test func theDeclaredTotalIsCapped() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let zip = try ZipBuilder(entries: [.init("a.xml", Self.hongyun), .init("b.xml", Self.hongyun)]).write(to: scratch.file("d.zip"))
        let size = UInt64(Self.hongyun.utf8.count)
        #expect(collect([zip.path], limits: .init(maxTotalSize: 2 * size)).count == 2)
        let capped = collect([zip.path], limits: .init(maxTotalSize: 2 * size - 1))
        #expect(capped.count == 1)
        #expect(capped.first?.problem?.message.contains("--max-archive-size") == true)
        // Declared sizes that would wrap a 64-bit sum still count as too much.
        var huge = ZipBuilder(entries: [.init("a.xml", Self.hongyun), .init("b.xml", Self.hongyun)])
        huge.zip64 = true
        huge.entries[0].declaredSize = .max - 10
        huge.entries[1].declaredSize = 20
        try huge.write(to: scratch.file("huge.zip"))
        let rejected = collect([scratch.file("huge.zip").path], limits: .init(maxTotalSize: .max - 1))
        #expect(rejected.count == 1)
        #expect(rejected.first?.problem?.message.contains("would expand to") == true, "\(String(describing: rejected.first?.problem))")
    }

    /// Entry-level damage makes that report invalid; the others in the archive are still checked.
    @Test(arguments: [
        ("bomb", "decompresses to more than"),
        ("oversize", "over the size limit of 100000 bytes (--max-size)"),
        ("crc", "CRC-32"),
        ("truncated", "end before the stream does"),
        ("openStoredBlock", "end before the stream does"),
        ("bloated", "cannot hold"),
        ("corrupt", "damaged"),
        ("method", "method 12"),
        ("empty", "the file is empty"),
        ("shortStored", "sizes differ"),
    ])
    func damagedEntriesAreInvalidAlone(kind: String, expected: String) throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let big = String(repeating: "<!-- padding -->\n", count: 4_000)  // 68 000 bytes, compresses well
        var bad = ZipBuilder.Entry("bad.xml", Self.hongyun)
        switch kind {
        case "bomb":
            bad = .init("bad.xml", Self.hongyun + big)
            bad.declaredSize = UInt64(Self.hongyun.utf8.count)  // the directory lies
        case "oversize": bad = .init("bad.xml", Self.hongyun + big + big)
        case "crc": bad.crc = 0xDEAD_BEEF
        case "openStoredBlock":
            // A stored block announcing 65 535 bytes, then the end of the entry: ZIPFoundation's own
            // Linux reader (Archive.extract) copies the directory after it as data, reaches the end of
            // the file still wanting more, and asks again forever (tried: it never returns).
            bad.data = [0x00, 0xFF, 0xFF, 0x00, 0x00] + Array("<?xml".utf8)
        case "bloated":
            bad.data = (0..<5000).map { UInt8(truncatingIfNeeded: $0 &* 7919) }
            bad.declaredSize = 100
        case "truncated":
            // Half a deflate stream.
            let full = ZipBuilder.deflate(Array((Self.hongyun + big).utf8))
            bad = .init("bad.xml", Self.hongyun + big)
            bad.data = Array(full.prefix(full.count / 2))
        case "corrupt":
            var data = ZipBuilder.deflate(Array(Self.hongyun.utf8))
            for i in stride(from: 4, to: data.count - 4, by: 7) { data[i] ^= 0xA5 }
            bad.data = data
        case "method": bad.method = 12; bad.data = Array(Self.hongyun.utf8)
        case "empty": bad = .init("bad.xml", "")
        case "shortStored":
            bad = .init("bad.xml", Self.hongyun, method: 0)
            bad.data = Array(Self.hongyun.utf8.dropLast(10))
        default: Issue.record("unknown case")
        }
        let zip = try ZipBuilder(entries: [.init("a.xml", Self.hongyun), bad, .init("c.xml", Self.hongyun)]).write(to: scratch.file("d.zip"))
        let started = Date()
        let results = check(collect([zip.path]), maxSize: 100_000)
        #expect(Date().timeIntervalSince(started) < 20)
        #expect(results.map(\.file) == ["a.xml", "bad.xml", "c.xml"].map { zip.path + "!/" + $0 })
        #expect(results.map(\.status) == [.checked, .invalid, .checked])
        let message = results[1].errors.first?.message ?? ""
        #expect(message.contains(expected), "\(message)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path) == ["d.zip"])
    }

    @Test(arguments: [
        ("not a zip", "not a zip archive"),
        ("short", "not a zip archive"),
        ("lying directory", "damaged"),
    ])
    func unreadableArchivesAreOneInvalidInput(kind: String, expected: String) throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let url = scratch.file("x.zip")
        switch kind {
        case "not a zip": try Data(Self.hongyun.utf8).write(to: url)
        case "short": try Data([0x50, 0x4B]).write(to: url)
        default:
            var bytes = ZipBuilder(entries: [.init("a.xml", Self.hongyun)]).bytes()
            // Central directory offset (the end record's last 6..2 bytes) points past the end.
            let at = bytes.count - 6
            bytes[at] = 0xFF; bytes[at + 1] = 0xFF; bytes[at + 2] = 0xFF; bytes[at + 3] = 0x7F
            try Data(bytes).write(to: url)
        }
        let inputs = collect([url.path, Fixtures.samplesPath + "/2011-hongyun-mining.xml"])
        let results = check(inputs)
        #expect(results.count == 2)
        let archive = try #require(results.first { $0.file == url.path })
        #expect(archive.status == .invalid)
        #expect(archive.errors.first?.message.contains(expected) == true, "\(archive.errors)")
        #expect(results.contains { $0.status == .checked })
    }

    @Test func escapingNamesAreRecognised() {
        for name in ["../a.xml", "a/../../b.xml", "/a.xml", "\\a.xml", "a\\..\\b.xml", "C:a.xml", "c:/a.xml", "a\0.xml", ""] {
            #expect(ZipDrop.escapes(name), "\(name)")
        }
        for name in ["a.xml", "a/b.xml", "..a.xml", "a..b/c.xml", "报告/2011.xml", "ab:c.xml"] {
            #expect(!ZipDrop.escapes(name), "\(name)")
        }
    }
}
