/// Units, energy types and standard-coal coefficients (GB/T 2589-2020), read from the rules.
public struct EnergyCatalog: Sendable {
    /// A family of interchangeable units, each a multiple of the family's base unit.
    public struct UnitFamily: Sendable {
        public var name: String
        public var base: String
        public var factors: [String: Exact]

        public var unitList: String { factors.keys.sorted().joined(separator: ", ") }
    }

    /// One energy type: its unit family and the range a declared coefficient must lie in.
    public struct EnergyType: Sendable {
        public var id: String
        public var name: Localized
        /// The unit family; nil for a type that accepts any energy family (`other`).
        public var family: String?
        /// Reference coefficient in kgce per base unit; nil when the item must declare one.
        public var reference: Exact?
        /// Inclusive range for a declared coefficient; a single-value type gets reference ± tolerance.
        public var minimum: Exact?
        public var maximum: Exact?

        /// The coefficient to use for a declared one (nil: none declared), and whether it was in range.
        public func coefficient(declared: Exact?) -> (used: Exact, inRange: Bool?) {
            Coefficients(self).coefficient(declared: declared)
        }
    }

    /// A type's coefficients alone: plain numbers, copied without reference counting (the
    /// facts read them for every item of every report).
    struct Coefficients: Sendable {
        var reference: Exact?
        var minimum: Exact?
        var maximum: Exact?
        /// The reference coefficient in tce (not kgce) per base unit: an item at the reference
        /// takes one multiplication instead of two. Exact, so the product is the same number.
        var referenceInTonnes: Exact?

        init(_ type: EnergyType) {
            reference = type.reference
            minimum = type.minimum
            maximum = type.maximum
            referenceInTonnes = type.reference.flatMap { try? $0.multiplied(by: Self.tonnesPerKilogram) }
        }

        /// 1/1000: kgce to tce.
        static let tonnesPerKilogram = try! Exact(numerator: 1, denominator: 1000)

        func coefficient(declared: Exact?) -> (used: Exact, inRange: Bool?) {
            guard let declared else { return (reference ?? .zero, nil) }
            guard let reference, let minimum, let maximum else { return (declared, true) }
            let inRange = declared >= minimum && declared <= maximum
            return (inRange ? declared : reference, inRange)
        }
    }

    public var families: [String: UnitFamily] { didSet { indexItemUnits() } }
    public var types: [String: EnergyType] { didSet { indexItemUnits() } }
    /// Families an energy item may use (what `other` accepts).
    public var energyFamilies: [String] { didSet { indexItemUnits() } }

    /// How an energy item of one type, written in one unit, converts: the whole answer of
    /// `types`, `allowedFamilies` and `families` in one lookup, for every item of every report.
    public struct ItemUnit: Sendable {
        public var type: EnergyType
        public var family: String
        public var base: String
        public var factor: Exact
        /// Where the type stands among the types sorted by id.
        var typeIndex: Int
    }

    private struct ItemUnitKey: Hashable, Sendable {
        var type: String
        var unit: String
    }

    private var itemUnits: [ItemUnitKey: ItemUnit] = [:]
    private var itemUnitIndex = ItemUnitIndex([])
    /// The types' ids, sorted, and their coefficients in the same order: an item names its
    /// type by position, so the facts need not hash its id.
    private var typeIDs: [String] = []
    private var coefficientList: [Coefficients] = []
    /// Each family's units and factors: a handful of short names, found faster by comparing
    /// than by hashing (`toBase` runs for every quantity of every report).
    private var unitTable: [(family: String, units: [(unit: String, factor: Exact)])] = []

    public init(families: [String: UnitFamily], types: [String: EnergyType], energyFamilies: [String]) {
        self.families = families
        self.types = types
        self.energyFamilies = energyFamilies
        indexItemUnits()
    }

    /// The conversion of an item of `type` in `unit`; nil when the type is unknown or the unit does not fit it.
    public func itemUnit(type: String, unit: String) -> ItemUnit? {
        itemUnits[ItemUnitKey(type: type, unit: unit)]
    }

    /// The same conversion, looked up by the UTF-8 of attribute values taken as they are.
    func itemUnit(typeBytes: UnsafeBufferPointer<UInt8>, unitBytes: UnsafeBufferPointer<UInt8>) -> ItemUnitIndex.Entry? {
        itemUnitIndex.entry(type: typeBytes, unit: unitBytes)
    }

    /// The first allowed family that has the unit wins, as it always has.
    private mutating func indexItemUnits() {
        typeIDs = types.keys.sorted()
        coefficientList = typeIDs.map { Coefficients(types[$0]!) }
        let position = Dictionary(uniqueKeysWithValues: typeIDs.enumerated().map { ($1, $0) })
        unitTable = families.keys.sorted().map { name in
            (name, families[name]!.factors.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
        }
        var index: [ItemUnitKey: ItemUnit] = [:]
        for (id, type) in types {
            for familyName in allowedFamilies(for: type) {
                guard let family = families[familyName] else { continue }
                for (unit, factor) in family.factors where index[ItemUnitKey(type: id, unit: unit)] == nil {
                    index[ItemUnitKey(type: id, unit: unit)] =
                        ItemUnit(type: type, family: familyName, base: family.base, factor: factor,
                                 typeIndex: position[id] ?? -1)
                }
            }
        }
        itemUnits = index
        itemUnitIndex = ItemUnitIndex(index.map { ($0.key.type, $0.key.unit, $0.value) })
    }

    /// The family that measures money, water and energy totals; fixed by the report format.
    public static let moneyFamily = "money"
    public static let waterFamily = "water"
    public static let totalFamily = "energy-total"

    /// Converts `quantity` in `unit` to the base unit of `family`; nil when the unit is not in it.
    public func toBase(_ quantity: Exact, unit: String, family: String) throws(ArithmeticError) -> Exact? {
        for entry in unitTable where entry.family == family {
            for u in entry.units where u.unit == unit { return try quantity.multiplied(by: u.factor) }
            return nil
        }
        return nil
    }

    /// The coefficients of the type at `index` when it is `id`'s, else of the one named `id`.
    func coefficients(at index: Int, id: String) -> Coefficients? {
        if index >= 0, index < typeIDs.count, typeIDs[index] == id { return coefficientList[index] }
        return types[id].map(Coefficients.init)
    }

    /// The families an item of `type` may be measured in.
    public func allowedFamilies(for type: EnergyType) -> [String] {
        type.family.map { [$0] } ?? energyFamilies
    }
}

/// A text in Simplified Chinese and English.
public struct Localized: Sendable, Equatable {
    public var zh: String
    public var en: String

    public init(zh: String, en: String) {
        self.zh = zh
        self.en = en
    }

    public subscript(language: Language) -> String {
        switch language {
        case .zh: zh
        case .en: en
        }
    }
}

public enum Language: String, Sendable, CaseIterable {
    case zh, en

    /// Chinese for `zh_*` locales, English otherwise.
    public static func fromEnvironment(_ environment: [String: String]) -> Language {
        for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = environment[key], !value.isEmpty {
                return value.lowercased().hasPrefix("zh") ? .zh : .en
            }
        }
        return .en
    }
}
