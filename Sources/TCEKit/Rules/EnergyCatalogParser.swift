import Yams

/// Reads `energy.yaml`: unit families and energy types with their coefficients.
struct EnergyCatalogParser {
    let file: YAMLFile

    func parse() -> EnergyCatalog? {
        guard let root = file.mapping(file.root, "the energy catalog") else { return nil }
        file.checkKeys(root, allowed: ["singleValueTolerance", "families", "energyFamilies", "types"], in: "the energy catalog")
        guard let tolerance = file.number(root["singleValueTolerance"], "singleValueTolerance") else {
            if root["singleValueTolerance"] == nil { file.error("singleValueTolerance is missing (e.g. 0.05 for ±5 %)", at: file.root) }
            return nil
        }
        var families: [String: EnergyCatalog.UnitFamily] = [:]
        for (key, value) in file.mapping(root["families"], "families") ?? [:] {
            guard let name = key.scalar?.string, let m = file.mapping(value, "family \(name)") else { continue }
            file.checkKeys(m, allowed: ["base", "units"], in: "family \(name)")
            guard let base = file.string(m["base"], "base unit of \(name)", parent: value) else { continue }
            var factors: [String: Exact] = [:]
            for (unitKey, factorNode) in file.mapping(m["units"], "units of \(name)") ?? [:] {
                guard let unit = unitKey.scalar?.string,
                      let factor = file.number(factorNode, "factor of \(unit)") else { continue }
                factors[unit] = factor
            }
            if factors[base] != .one { file.error("family \(name) must list its base unit \(base) with factor 1", at: value) }
            families[name] = EnergyCatalog.UnitFamily(name: name, base: base, factors: factors)
        }
        for required in [EnergyCatalog.moneyFamily, EnergyCatalog.waterFamily, EnergyCatalog.totalFamily]
        where families[required] == nil {
            file.error("family \"\(required)\" is missing; the report format needs it", at: root["families"] ?? file.root)
        }
        var energyFamilies: [String] = []
        for node in root["energyFamilies"]?.sequence ?? [] {
            guard let name = node.scalar?.string else { continue }
            if families[name] == nil { file.error("energyFamilies names \"\(name)\", which is not a family", at: node) }
            energyFamilies.append(name)
        }
        var types: [String: EnergyCatalog.EnergyType] = [:]
        for (key, value) in file.mapping(root["types"], "types") ?? [:] {
            guard let id = key.scalar?.string, let m = file.mapping(value, "type \(id)") else { continue }
            if let type = parseType(id, m, node: value, families: families, tolerance: tolerance) { types[id] = type }
        }
        if types.isEmpty { file.error("no energy types are defined", at: file.root) }
        return EnergyCatalog(families: families, types: types, energyFamilies: energyFamilies)
    }

    private func parseType(_ id: String, _ m: Node.Mapping, node: Node, families: [String: EnergyCatalog.UnitFamily],
                           tolerance: Exact) -> EnergyCatalog.EnergyType? {
        file.checkKeys(m, allowed: ["name", "family", "coefficient", "min", "max"], in: "type \(id)")
        guard let name = file.localized(m["name"], "name of \(id)", parent: node),
              let family = file.string(m["family"], "family of \(id)", parent: node) else { return nil }
        let anyFamily = family == "any"
        if !anyFamily && families[family] == nil {
            file.error("type \(id): family \"\(family)\" is not defined under families", at: m["family"])
            return nil
        }
        let reference = file.number(m["coefficient"], "coefficient of \(id)")
        var minimum = file.number(m["min"], "min of \(id)")
        var maximum = file.number(m["max"], "max of \(id)")
        if let reference, minimum == nil, maximum == nil {
            // A single-value type admits a declared coefficient within ± the tolerance.
            minimum = try? reference.multiplied(by: Exact.one.subtracting(tolerance))
            maximum = try? reference.multiplied(by: Exact.one.adding(tolerance))
        }
        if let minimum, let maximum, let reference, !(minimum <= reference && reference <= maximum) {
            file.error("type \(id): the coefficient \(reference) must lie between min \(minimum) and max \(maximum)", at: node)
        }
        if reference == nil && !anyFamily {
            file.error("type \(id) needs a reference coefficient (kgce per base unit)", at: node)
        }
        return EnergyCatalog.EnergyType(id: id, name: name, family: anyFamily ? nil : family,
                                        reference: reference, minimum: minimum, maximum: maximum)
    }
}
