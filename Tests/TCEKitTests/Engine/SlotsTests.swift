import Foundation
import Testing
@testable import TCEKit

@Suite struct SlotsTests {
    /// Counts deinitialised values, from any thread.
    final class Releases: @unchecked Sendable {
        private let lock = NSLock()
        private var released: [Int] = []
        func add(_ n: Int) { lock.withLock { released.append(n) } }
        var all: [Int] { lock.withLock { released.sorted() } }
    }

    final class Tracked: Sendable {
        let n: Int
        let releases: Releases
        init(_ n: Int, _ releases: Releases) { self.n = n; self.releases = releases }
        deinit { releases.add(n) }
    }

    @Test func everySlotIsFilledInPlaceOnAllCores() {
        let slots = Slots<[Int]>.filled(count: 1_000) { [$0, $0 * 2] }
        #expect(slots.count == 1_000)
        #expect(slots.read(7) { $0 } == [7, 14])
        #expect((0..<1_000).map { slots.take($0)[1] } == (0..<1_000).map { $0 * 2 })
    }

    @Test func takenValuesLeaveAndTheRestAreReleasedOnceWithTheSlots() {
        let releases = Releases()
        do {
            let slots = Slots<Tracked>.filled(count: 100) { Tracked($0, releases) }
            for i in stride(from: 0, to: 100, by: 2) { #expect(slots.take(i).n == i) }
            // The taken values were released by their takers, once each; the others still live.
            #expect(releases.all == Array(stride(from: 0, to: 100, by: 2)))
            #expect(slots.read(1) { $0.n } == 1)
        }
        #expect(releases.all == Array(0..<100))
    }

    @Test func parallelMapKeepsTheOrder() {
        #expect(BatchRunner.parallelMap(Array(0..<5_000)) { $0 &* 3 } == (0..<5_000).map { $0 &* 3 })
    }
}
