import Foundation

/// Checks a batch in parallel and hands results on in input order, a window at a time,
/// so memory stays flat however large the batch is.
public struct BatchRunner: Sendable {
    public let checker: Checker
    /// Reports in flight at once; bounds memory.
    public var window: Int

    public init(checker: Checker, window: Int = 1024) {
        self.checker = checker
        self.window = max(1, window)
    }

    /// Calls `render` in parallel for each result and `emit` in order with what it rendered.
    public func run<Rendered: Sendable>(
        _ inputs: [Input],
        render: @escaping @Sendable (ReportResult) -> Rendered,
        emit: (ReportResult, Rendered) throws -> Void
    ) rethrows {
        var firstSeen: [String: String] = [:]
        var start = 0
        while start < inputs.count {
            let slice = Array(inputs[start..<min(start + window, inputs.count)])
            let pending = Self.parallelMap(slice) { checker.checkAlone($0) }
            // In order: a report is a duplicate if an earlier checked one had its credit code and year.
            var duplicates: [String?] = []
            duplicates.reserveCapacity(pending.count)
            for p in pending {
                guard let key = p.result.enterpriseYear else { duplicates.append(nil); continue }
                if let first = firstSeen[key] {
                    duplicates.append(first)
                } else {
                    firstSeen[key] = p.result.file
                    duplicates.append(nil)
                }
            }
            let finished = Self.parallelMap(Array(zip(pending, duplicates))) { pair in
                let result = checker.finish(pair.0, duplicateOf: pair.1)
                return (result, render(result))
            }
            for (result, rendered) in finished { try emit(result, rendered) }
            start += slice.count
        }
    }

    /// Maps on all cores, keeping order.
    static func parallelMap<T: Sendable, U: Sendable>(_ items: [T], _ transform: @Sendable (T) -> U) -> [U] {
        let results = UnsafeMutableBufferPointer<U?>.allocate(capacity: items.count)
        results.initialize(repeating: nil)
        defer {
            // Without this the results, copied out below, would never be released.
            results.deinitialize()
            results.deallocate()
        }
        let box = SendableBuffer(results)
        DispatchQueue.concurrentPerform(iterations: items.count) { i in
            box.buffer[i] = transform(items[i])
        }
        return results.map { $0! }
    }
}

/// Each worker writes its own slot, so sharing the buffer is safe.
private struct SendableBuffer<U>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<U?>
    init(_ buffer: UnsafeMutableBufferPointer<U?>) { self.buffer = buffer }
}
