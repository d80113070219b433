import Foundation

/// One value per report of a window, written and taken by index on any thread, each index by
/// one thread at a time (the dispatch group orders the stages). Taking moves a value out, and
/// reading borrows it in place: neither copies.
final class Slots<T>: @unchecked Sendable {
    private let values: UnsafeMutablePointer<T>
    /// Which slots hold a value; each flag is touched only by the thread that owns its slot.
    private let present: UnsafeMutableBufferPointer<Bool>
    let count: Int

    private init(count: Int) {
        self.count = count
        values = .allocate(capacity: count)
        present = .allocate(capacity: count)
        present.initialize(repeating: false)
    }

    deinit {
        for i in 0..<count where present[i] { (values + i).deinitialize(count: 1) }
        values.deallocate()
        present.deallocate()
    }

    /// `count` slots filled on all cores by `make`.
    static func filled(count: Int, _ make: @Sendable (Int) -> T) -> Slots<T> {
        let slots = Slots(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { i in
            (slots.values + i).initialize(to: make(i))
            slots.present[i] = true
        }
        return slots
    }

    /// The value at `i`, moved out; the slot is left empty.
    func take(_ i: Int) -> T {
        precondition(present[i], "slot \(i) taken twice")
        present[i] = false
        return (values + i).move()
    }

    /// Reads the value at `i` in place.
    func read<R>(_ i: Int, _ body: (borrowing T) -> R) -> R {
        precondition(present[i], "slot \(i) is empty")
        return body((values + i).pointee)
    }
}
