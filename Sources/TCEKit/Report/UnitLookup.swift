/// The catalog's units resolved once per loader: for each energy type, every unit it may be
/// written in with the family, base unit and factor that unit means for it. Saves the decoder
/// several dictionary lookups per item; the catalog stays the one source of the data.
struct UnitLookup: Sendable {
    struct Choice: Sendable {
        var unit: String
        var family: String
        var base: String
        var factor: Exact
    }

    /// By energy type id: units in the order the type's families are tried.
    private let byType: [String: [Choice]]
    /// By family name: its units.
    private let byFamily: [String: [Choice]]

    init(_ catalog: EnergyCatalog) {
        var byFamily: [String: [Choice]] = [:]
        for (name, family) in catalog.families {
            byFamily[name] = family.factors.keys.sorted().map {
                Choice(unit: $0, family: name, base: family.base, factor: family.factors[$0]!)
            }
        }
        var byType: [String: [Choice]] = [:]
        for (id, type) in catalog.types {
            byType[id] = catalog.allowedFamilies(for: type).flatMap { byFamily[$0] ?? [] }
        }
        self.byType = byType
        self.byFamily = byFamily
    }

    /// What `unit` means for an item of `type`: the first allowed family that has it.
    func item(type: String, unit: String) -> Choice? {
        byType[type]?.first { $0.unit == unit }
    }

    /// What `unit` means in `family`.
    func unit(_ unit: String, in family: String) -> Choice? {
        byFamily[family]?.first { $0.unit == unit }
    }
}
