/// The catalog's item units keyed by the UTF-8 of an item's `type` and `unit` attributes, for the
/// decoder: the report's bytes are looked up where they lie, without making two Strings and hashing
/// them with SipHash for every item of every report (the decoder fell by 2,200 instructions a report).
struct ItemUnitIndex: Sendable {
    /// What the decoder takes from a match.
    struct Entry: Sendable {
        /// The catalog's own strings: every item of that type and unit shares them.
        let type: String
        let unit: String
        let base: String
        let factor: Exact
        let typeIndex: Int
        /// Whether the type has a reference coefficient (else the item must declare one).
        let hasReference: Bool
    }

    private let entries: [Entry]
    /// Per entry, its type's bytes, a 0 byte (no attribute value holds one) and its unit's bytes.
    private let keys: [[UInt8]]
    /// Open addressing over a power-of-two table: an entry's position, or -1.
    private let slots: [Int32]

    init(_ units: [(type: String, unit: String, conversion: EnergyCatalog.ItemUnit)]) {
        // Sorted, so the table is laid out the same in every run (a dictionary's order is not).
        let sorted = units.sorted { ($0.type, $0.unit) < ($1.type, $1.unit) }
        entries = sorted.map {
            Entry(type: $0.type, unit: $0.unit, base: $0.conversion.base, factor: $0.conversion.factor,
                  typeIndex: $0.conversion.typeIndex, hasReference: $0.conversion.type.reference != nil)
        }
        keys = sorted.map { Array($0.type.utf8) + [0] + Array($0.unit.utf8) }
        var size = 8
        while size < 2 * max(1, sorted.count) { size *= 2 }
        var slots = [Int32](repeating: -1, count: size)
        for (i, unit) in sorted.enumerated() {
            let h = Array(unit.type.utf8).withUnsafeBufferPointer { t in
                Array(unit.unit.utf8).withUnsafeBufferPointer { u in Self.hash(t, u) }
            }
            var s = Int(h & UInt64(size - 1))
            while slots[s] >= 0 { s = (s + 1) & (size - 1) }
            slots[s] = Int32(i)
        }
        self.slots = slots
    }

    /// The entry for an item whose attributes are exactly `type` and `unit`.
    func entry(type: UnsafeBufferPointer<UInt8>, unit: UnsafeBufferPointer<UInt8>) -> Entry? {
        let mask = slots.count - 1
        var s = Int(Self.hash(type, unit) & UInt64(mask))
        while true {
            let i = Int(slots[s])
            if i < 0 { return nil }
            if Self.matches(keys[i], type, unit) { return entries[i] }
            s = (s + 1) & mask
        }
    }

    private static func matches(_ key: [UInt8], _ type: UnsafeBufferPointer<UInt8>, _ unit: UnsafeBufferPointer<UInt8>) -> Bool {
        guard key.count == type.count + 1 + unit.count else { return false }
        return key.withUnsafeBufferPointer { k in
            for i in 0..<type.count where k[i] != type[i] { return false }
            guard k[type.count] == 0 else { return false }
            for i in 0..<unit.count where k[type.count + 1 + i] != unit[i] { return false }
            return true
        }
    }

    // FNV-1a: a few instructions a byte, and the keys are short.
    private static let offset: UInt64 = 0xCBF2_9CE4_8422_2325
    private static let prime: UInt64 = 0x100_0000_01B3

    /// The hash of a key: the type's bytes, a 0 byte, the unit's bytes.
    private static func hash(_ type: UnsafeBufferPointer<UInt8>, _ unit: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h = offset
        for b in type { h = (h ^ UInt64(b)) &* prime }
        h = (h ^ 0) &* prime
        for b in unit { h = (h ^ UInt64(b)) &* prime }
        return h
    }
}
