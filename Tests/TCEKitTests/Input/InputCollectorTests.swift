import Foundation
import Testing
@testable import TCEKit

@Suite struct InputCollectorTests {
    /// The walk orders each folder's entries so that whole paths come out byte-wise sorted;
    /// names chosen so that a folder and its neighbours differ only around the slash.
    @Test func aFolderWalkComesOutInByteWiseOrderOfTheWholePath() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let names = ["a.xml", "a/b.xml", "a/a/z.xml", "a-b.xml", "ab.xml", "a0/x.xml", "B.xml", "中.xml",
                     "a.xml.d/1.xml", "a!.xml", "z/.xml", "notes.txt"]
        for name in names { try scratch.write(name, "<x/>") }
        try FileManager.default.createDirectory(atPath: scratch.path + "/empty", withIntermediateDirectories: true)
        let shown = InputCollector.collect([scratch.path]).map(\.display)
        let expected = names.filter { $0.hasSuffix(".xml") }.map { scratch.path + "/" + $0 }
            .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        #expect(shown == expected)
    }

    @Test func pathsNamedSeveralTimesOrOverlappingAppearOnce() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        for name in ["d/1.xml", "d/e/2.xml", "c.xml"] { try scratch.write(name, "<x/>") }
        let shown = InputCollector.collect([scratch.path + "/d", scratch.path + "/c.xml", scratch.path + "/d/e",
                                            scratch.path + "/c.xml"]).map(\.display)
        #expect(shown == [scratch.path + "/c.xml", scratch.path + "/d/1.xml", scratch.path + "/d/e/2.xml"])
    }
}
