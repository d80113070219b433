/// File names kept for as long as a batch runs, compactly: each name is stored as the length of
/// the prefix it shares with the name before it, then the bytes that differ (front coding).
/// A batch's paths arrive in byte-wise order, so neighbours share their folders and a path of
/// 40 bytes takes about 10. Names are read back rarely (for a duplicate report), by decoding
/// from the start of the block of `blockSize` names that holds it.
struct NameTable {
    static let blockSize = 32

    private var bytes: [UInt8] = []
    /// Where each block's first name, stored whole, begins in `bytes`.
    private var blockStarts: [Int] = []
    private var previous: [UInt8] = []
    private(set) var count = 0

    /// Stores `name`; returns its index, which `name(at:)` takes.
    mutating func append(_ name: String) -> Int {
        var name = name
        name.withUTF8 { new in
            var shared = 0
            if count % Self.blockSize == 0 {
                blockStarts.append(bytes.count)
            } else {
                let limit = min(previous.count, new.count)
                while shared < limit, previous[shared] == new[shared] { shared += 1 }
            }
            appendNumber(shared)
            appendNumber(new.count - shared)
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: new[shared...]))
            previous.removeAll(keepingCapacity: true)
            previous.append(contentsOf: new)
        }
        count += 1
        return count - 1
    }

    /// The name stored at `index` (`0..<count`).
    func name(at index: Int) -> String {
        var offset = blockStarts[index / Self.blockSize]
        var current: [UInt8] = []
        for _ in 0...(index % Self.blockSize) {
            let shared = readNumber(&offset), length = readNumber(&offset)
            current.removeSubrange(shared...)
            current.append(contentsOf: bytes[offset..<(offset + length)])
            offset += length
        }
        return String(decoding: current, as: UTF8.self)
    }

    /// Bytes held, for measuring.
    var storedBytes: Int { bytes.count + blockStarts.count * MemoryLayout<Int>.size }

    /// Seven bits a byte, low first; the high bit says more follow.
    private mutating func appendNumber(_ value: Int) {
        var rest = UInt(value)
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    private func readNumber(_ offset: inout Int) -> Int {
        var value: UInt = 0, shift: UInt = 0
        while true {
            let byte = bytes[offset]
            offset += 1
            value |= UInt(byte & 0x7F) << shift
            if byte < 0x80 { return Int(value) }
            shift += 7
        }
    }
}
