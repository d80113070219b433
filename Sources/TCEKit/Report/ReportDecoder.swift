/// Reads a schema-valid report tree into a `Report`, checking what the schema cannot:
/// energy types and units against the rules' catalog, and numbers exactly.
struct ReportDecoder<Node: ReportNode> {
    let catalog: EnergyCatalog
    let units: UnitLookup
    let source: ReportSource
    private(set) var diagnostics: [Diagnostic] = []

    init(catalog: EnergyCatalog, units: UnitLookup, source: ReportSource) {
        self.catalog = catalog
        self.units = units
        self.source = source
    }

    mutating func decode(_ root: Node) -> Report? {
        guard let enterpriseElement = required(root, .enterprise),
              let enterprise = decodeEnterprise(enterpriseElement),
              let yearElement = required(root, .reportingYear),
              let year = integer(yearElement),
              let energy = required(root, .energy),
              let economics = required(root, .economics),
              let valueAddedElement = required(economics, .industrialValueAdded),
              let valueAdded = measured(valueAddedElement, family: EnergyCatalog.moneyFamily)
        else { return nil }

        let items = energy.children(.item).compactMap { decodeItem($0) }
        let declaredTotal = energy.child(.declaredTotal).flatMap { e in
            measured(e, family: EnergyCatalog.totalFamily).map { ($0, e.line) }
        }
        let water = root.child(.water)
        let withdrawal = water?.child(.withdrawal).flatMap { e in
            measured(e, family: EnergyCatalog.waterFamily).map { ($0, e.line) }
        }
        let previous = root.child(.previousYear).flatMap { decodePreviousYear($0) }
        let management = root.child(.management).map { decodeManagement($0) }
        let equipment = root.child(.equipment)
        let projects = root.child(.projects)

        return Report(
            enterprise: enterprise,
            reportingYear: year,
            reportingYearLine: yearElement.line,
            items: items,
            energyLine: energy.line,
            declaredTotal: declaredTotal,
            industrialValueAdded: valueAdded,
            valueAddedLine: valueAddedElement.line,
            waterWithdrawal: withdrawal,
            waterLine: water?.line,
            previousYear: previous,
            management: management,
            equipment: equipment.map { $0.children(.unit).compactMap { decodeUnit($0) } },
            equipmentLine: equipment?.line,
            projects: projects.map { $0.children(.project).map { decodeProject($0) } },
            projectsLine: projects?.line,
            rootLine: root.line)
    }

    // MARK: Sections

    private mutating func decodeEnterprise(_ e: Node) -> Report.Enterprise? {
        guard let name = required(e, .name), let code = required(e, .creditCode) else { return nil }
        let industry = e.child(.industry)
        let commissioned = e.child(.commissionedYear)
        return Report.Enterprise(
            name: name.text.trimmingWhitespace,
            creditCode: code.text.trimmingWhitespace,
            industryCode: industry?.attribute(.code),
            industry: industry?.text.trimmingWhitespace,
            commissionedYear: commissioned.flatMap { integer($0) },
            line: e.line,
            creditCodeLine: code.line)
    }

    private mutating func decodeItem(_ e: Node) -> Report.EnergyItem? {
        let typeName = e.attribute(.type) ?? ""
        let unit = e.attribute(.unit) ?? ""
        guard let type = catalog.types[typeName] else {
            let known = catalog.types.keys.sorted().joined(separator: ", ")
            fail("unknown energy type \"\(typeName)\"; the rules know: \(known)", e, attribute: .type)
            return nil
        }
        guard let choice = units.item(type: typeName, unit: unit) else {
            let families = catalog.allowedFamilies(for: type)
            let accepted = families.compactMap { catalog.families[$0]?.unitList }.joined(separator: "; ")
            fail("unit \"\(unit)\" does not fit energy type \"\(typeName)\"; use one of: \(accepted)", e, attribute: .unit)
            return nil
        }
        guard let quantity = number(e.text, e, what: "quantity") else { return nil }
        var declared: Exact?
        if let text = e.attribute(.coefficient) {
            guard let value = number(text, e, what: "coefficient", attribute: .coefficient) else { return nil }
            declared = value
        }
        if type.reference == nil && declared == nil {
            fail("energy type \"\(typeName)\" has no reference coefficient: the item must declare coefficient=\"…\"",
                 e, attribute: .type)
            return nil
        }
        let baseQuantity: Exact
        do {
            baseQuantity = try quantity.multiplied(by: choice.factor)
        } catch {
            fail("quantity \(quantity) \(unit) is too large to compute exactly", e)
            return nil
        }
        return Report.EnergyItem(
            type: typeName, unit: unit, quantity: quantity, baseQuantity: baseQuantity, baseUnit: choice.base,
            declaredCoefficient: declared, exported: e.attribute(.use) == "exported", line: e.line)
    }

    private mutating func decodePreviousYear(_ e: Node) -> Report.PreviousYear? {
        guard let year = e.attribute(.year).flatMap({ Int($0.trimmingWhitespace) }),
              let totalElement = required(e, .energyTotal),
              let total = measured(totalElement, family: EnergyCatalog.totalFamily),
              let vaElement = required(e, .industrialValueAdded),
              let valueAdded = measured(vaElement, family: EnergyCatalog.moneyFamily)
        else { return nil }
        return Report.PreviousYear(year: year, energyTotal: total, industrialValueAdded: valueAdded, line: e.line)
    }

    private mutating func decodeManagement(_ e: Node) -> Report.Management {
        func flag(_ name: ReportShape.Element, _ attribute: ReportShape.Attribute) -> Report.Flag? {
            e.child(name).map { Report.Flag(value: Self.boolean($0.attribute(attribute)), line: $0.line) }
        }
        let letter = e.child(.responsibilityLetter)
        let quota = e.child(.energyQuota)
        return Report.Management(
            letterSigned: flag(.responsibilityLetter, .signed),
            letterDate: letter?.attribute(.date),
            benchmarking: e.child(.benchmarking).map { ($0.attribute(.status) ?? "none", $0.line) },
            energyAuditCompleted: flag(.energyAudit, .completed),
            organizationEstablished: flag(.energyManagementOrganization, .established),
            systemEstablished: flag(.energyManagementSystem, .established),
            energyQuota: quota.flatMap { q in measured(q, family: EnergyCatalog.totalFamily).map { ($0, q.line) } },
            line: e.line)
    }

    private mutating func decodeUnit(_ e: Node) -> Report.EquipmentUnit? {
        var count = 1
        if let text = e.attribute(.count) {
            guard let n = Int(text.trimmingWhitespace), n > 0 else {
                fail("count \"\(text)\" must be a positive whole number", e, attribute: .count)
                return nil
            }
            count = n
        }
        return Report.EquipmentUnit(
            kind: e.attribute(.kind) ?? "", count: count, status: e.attribute(.status) ?? "", line: e.line)
    }

    private func decodeProject(_ e: Node) -> Report.Project {
        Report.Project(
            id: e.attribute(.id) ?? "", name: e.attribute(.name) ?? "",
            status: e.attribute(.status) ?? "", energyReview: e.attribute(.energyReview) ?? "", line: e.line)
    }

    // MARK: Values

    /// A quantity with a `unit` attribute, converted to its family's base unit.
    private mutating func measured(_ e: Node, family: String) -> Exact? {
        let unit = e.attribute(.unit) ?? ""
        guard let value = number(e.text, e, what: e.name) else { return nil }
        do {
            guard let converted = try units.unit(unit, in: family).map({ v throws(ArithmeticError) in try value.multiplied(by: v.factor) }) else {
                let accepted = catalog.families[family]?.unitList ?? ""
                fail("unit \"\(unit)\" does not fit \(e.name); use one of: \(accepted)", e, attribute: .unit)
                return nil
            }
            return converted
        } catch {
            fail("\(e.name) \(value) \(unit) is too large to compute exactly", e)
            return nil
        }
    }

    private mutating func number(_ text: String, _ e: Node, what: String, attribute: ReportShape.Attribute? = nil) -> Exact? {
        do {
            return try Exact(decimal: text)
        } catch .tooManyDigits {
            fail("\(what) \"\(text.trimmingWhitespace)\" has more than 30 digits", e, attribute: attribute)
        } catch {
            fail("\(what) \"\(text.trimmingWhitespace)\" is not a plain decimal number (digits, optionally a point and more digits; no sign, exponent or separators)",
                 e, attribute: attribute)
        }
        return nil
    }

    private mutating func integer(_ e: Node) -> Int? {
        guard let n = Int(e.text.trimmingWhitespace) else {
            fail("\(e.name) \"\(e.text.trimmingWhitespace)\" must be a whole number", e)
            return nil
        }
        return n
    }

    private mutating func required(_ parent: Node, _ name: ReportShape.Element) -> Node? {
        if let e = parent.child(name) { return e }
        fail("\(parent.name) has no \(name.name) element", parent)
        return nil
    }

    private static func boolean(_ text: String?) -> Bool {
        let t = text?.trimmingWhitespace
        return t == "true" || t == "1"
    }

    private mutating func fail(_ message: String, _ e: Node, attribute: ReportShape.Attribute? = nil) {
        let needle = attribute.map { "\($0.name)=" } ?? "<\(e.name)"
        diagnostics.append(Diagnostic(message, line: e.line, column: source.column(line: e.line, of: needle)))
    }
}

extension String {
    var trimmingWhitespace: String {
        // Most values have nothing to trim; an ASCII letter or digit at both ends says so cheaply.
        if let first = utf8.first, let last = utf8.last, Self.isPlainASCII(first), Self.isPlainASCII(last) {
            return self
        }
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }

    private static func isPlainASCII(_ b: UInt8) -> Bool {
        b > 0x20 && b < 0x7F
    }
}
