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

@Suite struct InputSequenceTests {
    @Test func manyFoldersAreMergedInOrderToo() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        var folders: [String] = []
        for i in 0..<(InputSequence.mergedLimit + 3) {
            try scratch.write("f\(i)/a.xml", "<x/>")
            try scratch.write("f\(i).xml", "<x/>")
            folders.append(scratch.path + "/f\(i)")
        }
        let arguments = folders.reversed() + [scratch.path + "/f1.xml", scratch.path + "/f0"]
        let shown = Array(InputSequence(arguments)).map(\.display)
        let expected = (folders.map { $0 + "/a.xml" } + [scratch.path + "/f1.xml"])
            .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        #expect(shown == expected)
        // Below the limit, folders are walked as the batch asks: the same answer.
        let few = Array(InputSequence([folders[2], folders[1], scratch.path + "/f1.xml"])).map(\.display)
        #expect(few == [scratch.path + "/f1.xml", folders[1] + "/a.xml", folders[2] + "/a.xml"])
    }

    @Test func aMissingPathIsOneInputWithItsProblemInItsPlace() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write("b/1.xml", "<x/>")
        let inputs = Array(InputSequence([scratch.path + "/b", scratch.path + "/a-missing.xml"]))
        #expect(inputs.map(\.display) == [scratch.path + "/a-missing.xml", scratch.path + "/b/1.xml"])
        #expect(inputs[0].problem?.message.hasPrefix("cannot read") == true)
        #expect(inputs[1].problem == nil)
    }
}

/// Inputs that count how many of them the batch has taken.
private final class CountingInputs: Sequence, IteratorProtocol, @unchecked Sendable {
    let total: Int
    private(set) var taken = 0
    init(_ total: Int) { self.total = total }
    func next() -> Input? {
        guard taken < total else { return nil }
        taken += 1
        return Input(display: String(format: "missing/%05d.xml", taken), path: "/nonexistent/\(taken).xml", problem: nil)
    }
}

@Suite struct BatchRunnerStreamingTests {
    /// A batch takes its inputs a window at a time: never more than the window being written,
    /// the one being checked and the next one ahead of what it has written.
    @Test func inputsAreTakenAWindowAtATime() {
        let inputs = CountingInputs(100)
        var emitted = 0
        var mostAhead = 0
        BatchRunner(checker: Fixtures.checker, window: 8).run(inputs, render: { _ in () }) { result, _ in
            emitted += 1
            mostAhead = max(mostAhead, inputs.taken - emitted)
            #expect(result.status == .invalid)
        }
        #expect(emitted == 100)
        #expect(inputs.taken == 100)
        #expect(mostAhead <= 3 * 8)
        #expect(mostAhead >= 8)
    }
}

@Suite struct ByteWiseOrderTests {
    @Test func keysSortByTheirBytesAndEqualKeysKeepTheirOrder() {
        let items = [("b", 1), ("a/", 2), ("a.xml", 3), ("中", 4), ("a", 5), ("B", 6), ("a", 7), ("", 8)]
        let sorted = items.sortedByteWise(by: \.0)
        #expect(sorted.map(\.1) == [8, 6, 5, 7, 3, 2, 1, 4])
        let expected = items.map(\.0).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        #expect(sorted.map(\.0) == expected)
        #expect("a".utf8Precedes("a/") && "a.xml".utf8Precedes("a/") && !"b".utf8Precedes("b"))
    }
}
