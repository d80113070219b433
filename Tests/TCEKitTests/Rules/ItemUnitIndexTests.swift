import Testing
@testable import TCEKit

/// The decoder finds an item's conversion by the bytes of its `type` and `unit` attributes
/// (`ItemUnitIndex`); it must find exactly what the catalog's own lookup finds.
@Suite struct ItemUnitIndexTests {
    static let catalog = Fixtures.ruleSet.catalog

    static func entry(_ type: String, _ unit: String) -> ItemUnitIndex.Entry? {
        let t = Array(type.utf8), u = Array(unit.utf8)
        return t.withUnsafeBufferPointer { t in u.withUnsafeBufferPointer { u in catalog.itemUnit(typeBytes: t, unitBytes: u) } }
    }

    @Test func everyTypeAndUnitIsFoundAsTheCatalogFindsIt() throws {
        var pairs = 0
        for (id, type) in Self.catalog.types {
            for family in Self.catalog.allowedFamilies(for: type) {
                for unit in Self.catalog.families[family]?.factors.keys.sorted() ?? [] {
                    let expected = try #require(Self.catalog.itemUnit(type: id, unit: unit))
                    let found = try #require(Self.entry(id, unit), "\(id) in \(unit)")
                    #expect(found.type == id && found.unit == unit)
                    #expect(found.base == expected.base && found.factor == expected.factor)
                    #expect(found.typeIndex == expected.typeIndex)
                    #expect(found.hasReference == (expected.type.reference != nil))
                    pairs += 1
                }
            }
        }
        #expect(pairs > 30)
    }

    @Test(arguments: [("electricity", "MW"), ("electricity", "MWhh"), ("electricit", "MWh"), ("MWh", "electricity"),
                      ("electricityM", "Wh"), ("electricity", ""), ("", "MWh"), ("Electricity", "MWh"), ("electricity\0MWh", "")])
    func nearMissesAreNotFound(type: String, unit: String) {
        #expect(Self.catalog.itemUnit(type: type, unit: unit) == nil)
        #expect(Self.entry(type, unit) == nil)
    }
}
