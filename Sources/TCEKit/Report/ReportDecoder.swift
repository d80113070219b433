/// Reads a schema-valid report tree into a `Report`, checking what the schema cannot:
/// energy types and units against the rules' catalog, and numbers exactly.
struct ReportDecoder {
    let catalog: EnergyCatalog
    let source: ReportSource
    private(set) var diagnostics: [Diagnostic] = []

    init(catalog: EnergyCatalog, source: ReportSource) {
        self.catalog = catalog
        self.source = source
    }

    mutating func decode(_ root: ElementTree.Element) -> Report? {
        guard let enterpriseElement = required(root, "Enterprise"),
              let enterprise = decodeEnterprise(enterpriseElement),
              let yearElement = required(root, "ReportingYear"),
              let year = integer(yearElement),
              let energy = required(root, "Energy"),
              let economics = required(root, "Economics"),
              let valueAddedElement = required(economics, "IndustrialValueAdded"),
              let valueAdded = measured(valueAddedElement, family: EnergyCatalog.moneyFamily)
        else { return nil }

        let items = decodeAll(energy, "Item") { $0.decodeItem($1) }
        let declaredTotal = energy.child("DeclaredTotal").flatMap { e in
            measured(e, family: EnergyCatalog.totalFamily).map { ($0, e.line) }
        }
        let water = root.child("Water")
        let withdrawal = water?.child("Withdrawal").flatMap { e in
            measured(e, family: EnergyCatalog.waterFamily).map { ($0, e.line) }
        }
        let previous = root.child("PreviousYear").flatMap { decodePreviousYear($0) }
        let management = root.child("Management").map { decodeManagement($0) }
        let equipment = root.child("Equipment")
        let projects = root.child("Projects")

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
            equipment: equipment.map { decodeAll($0, "Unit") { $0.decodeUnit($1) } },
            equipmentLine: equipment?.line,
            projects: projects.map { decodeAll($0, "Project") { $0.decodeProject($1) } },
            projectsLine: projects?.line,
            rootLine: root.line)
    }

    /// The children of `parent` named `name`, decoded in order; those `decode` refuses are left out.
    /// Read in one pass into an array sized at once (lists grow one element at a time otherwise).
    private mutating func decodeAll<T>(_ parent: ElementTree.Element, _ name: StaticString,
                                       _ decode: (inout ReportDecoder, ElementTree.Element) -> T?) -> [T] {
        var count = 0
        parent.forEachChild(named: name) { _ in count += 1; return true }
        var result: [T] = []
        result.reserveCapacity(count)
        parent.forEachChild(named: name) { child in
            if let value = decode(&self, child) { result.append(value) }
            return true
        }
        return result
    }

    // MARK: Sections

    private mutating func decodeEnterprise(_ e: ElementTree.Element) -> Report.Enterprise? {
        guard let name = required(e, "Name"), let code = required(e, "CreditCode") else { return nil }
        let industry = e.child("Industry")
        let commissioned = e.child("CommissionedYear")
        return Report.Enterprise(
            name: name.text.trimmingWhitespace,
            creditCode: code.text.trimmingWhitespace,
            industryCode: industry?.token("code"),
            industry: industry?.text.trimmingWhitespace,
            commissionedYear: commissioned.flatMap { integer($0) },
            line: e.line,
            creditCodeLine: code.line)
    }

    private mutating func decodeItem(_ e: ElementTree.Element) -> Report.EnergyItem? {
        // The usual item: both attributes plain, found by their bytes, named by the catalog's strings.
        if let typeBytes = e.plainToken("type"), let unitBytes = e.plainToken("unit"),
           let entry = catalog.itemUnit(typeBytes: typeBytes, unitBytes: unitBytes) {
            return decodeItem(e, typeName: entry.type, unit: entry.unit, base: entry.base, factor: entry.factor,
                              typeIndex: entry.typeIndex, hasReference: entry.hasReference)
        }
        let typeName = e.token("type") ?? ""
        let unit = e.token("unit") ?? ""
        guard let conversion = catalog.itemUnit(type: typeName, unit: unit) else {
            explainUnknown(typeName: typeName, unit: unit, e)
            return nil
        }
        return decodeItem(e, typeName: typeName, unit: unit, base: conversion.base, factor: conversion.factor,
                          typeIndex: conversion.typeIndex, hasReference: conversion.type.reference != nil)
    }

    private mutating func decodeItem(_ e: ElementTree.Element, typeName: String, unit: String, base: String,
                                     factor: Exact, typeIndex: Int, hasReference: Bool) -> Report.EnergyItem? {
        guard let quantity = number(e, what: "quantity") else { return nil }
        var declared: Exact?
        if let text = e.attribute("coefficient") {
            guard let value = number(text, e, what: "coefficient", attribute: "coefficient") else { return nil }
            declared = value
        }
        if !hasReference && declared == nil {
            fail("energy type \"\(typeName)\" has no reference coefficient: the item must declare coefficient=\"…\"",
                 e, attribute: "type")
            return nil
        }
        let baseQuantity: Exact
        do {
            baseQuantity = try quantity.multiplied(by: factor)
        } catch {
            fail("quantity \(quantity) \(unit) is too large to compute exactly", e)
            return nil
        }
        return Report.EnergyItem(
            type: typeName, unit: unit, quantity: quantity, baseQuantity: baseQuantity, baseUnit: base,
            declaredCoefficient: declared, exported: e.token("use") == "exported", line: e.line,
            typeIndex: typeIndex)
    }

    /// Why an item's type and unit have no conversion: the type is unknown, or the unit does not fit it.
    private mutating func explainUnknown(typeName: String, unit: String, _ e: ElementTree.Element) {
        guard let type = catalog.types[typeName] else {
            let known = catalog.types.keys.sorted().joined(separator: ", ")
            fail("unknown energy type \"\(typeName)\"; the rules know: \(known)", e, attribute: "type")
            return
        }
        let accepted = catalog.allowedFamilies(for: type).compactMap { catalog.families[$0]?.unitList }.joined(separator: "; ")
        fail("unit \"\(unit)\" does not fit energy type \"\(typeName)\"; use one of: \(accepted)", e, attribute: "unit")
    }

    private mutating func decodePreviousYear(_ e: ElementTree.Element) -> Report.PreviousYear? {
        guard let year = e.plainToken("year").flatMap(Self.plainInteger) ?? e.attribute("year").flatMap({ Int($0.trimmingWhitespace) }),
              let totalElement = required(e, "EnergyTotal"),
              let total = measured(totalElement, family: EnergyCatalog.totalFamily),
              let vaElement = required(e, "IndustrialValueAdded"),
              let valueAdded = measured(vaElement, family: EnergyCatalog.moneyFamily)
        else { return nil }
        return Report.PreviousYear(year: year, energyTotal: total, industrialValueAdded: valueAdded, line: e.line)
    }

    private mutating func decodeManagement(_ e: ElementTree.Element) -> Report.Management {
        func flag(_ name: StaticString, _ attribute: StaticString) -> Report.Flag? {
            e.child(name).map { Report.Flag(value: Self.boolean($0, attribute), line: $0.line) }
        }
        let letter = e.child("ResponsibilityLetter")
        let quota = e.child("EnergyQuota")
        return Report.Management(
            letterSigned: flag("ResponsibilityLetter", "signed"),
            letterDate: letter?.token("date"),
            benchmarking: e.child("Benchmarking").map { ($0.token("status") ?? "none", $0.line) },
            energyAuditCompleted: flag("EnergyAudit", "completed"),
            organizationEstablished: flag("EnergyManagementOrganization", "established"),
            systemEstablished: flag("EnergyManagementSystem", "established"),
            energyQuota: quota.flatMap { q in measured(q, family: EnergyCatalog.totalFamily).map { ($0, q.line) } },
            line: e.line)
    }

    private mutating func decodeUnit(_ e: ElementTree.Element) -> Report.EquipmentUnit? {
        var count = 1
        if let n = e.plainToken("count").flatMap(Self.plainInteger), n > 0 {
            count = n
        } else if let text = e.attribute("count") {
            guard let n = Int(text.trimmingWhitespace), n > 0 else {
                fail("count \"\(text)\" must be a positive whole number", e, attribute: "count")
                return nil
            }
            count = n
        }
        return Report.EquipmentUnit(
            kind: e.token("kind") ?? "", count: count, status: e.token("status") ?? "", line: e.line)
    }

    private func decodeProject(_ e: ElementTree.Element) -> Report.Project? {
        Report.Project(
            id: e.token("id") ?? "", name: e.token("name") ?? "",
            status: e.token("status") ?? "", energyReview: e.token("energyReview") ?? "", line: e.line)
    }

    // MARK: Values

    /// A quantity with a `unit` attribute, converted to its family's base unit.
    private mutating func measured(_ e: ElementTree.Element, family: String) -> Exact? {
        let unit = e.token("unit") ?? ""
        guard let value = number(e, what: e.name) else { return nil }
        do {
            guard let converted = try catalog.toBase(value, unit: unit, family: family) else {
                let accepted = catalog.families[family]?.unitList ?? ""
                fail("unit \"\(unit)\" does not fit \(e.name); use one of: \(accepted)", e, attribute: "unit")
                return nil
            }
            return converted
        } catch {
            fail("\(e.name) \(value) \(unit) is too large to compute exactly", e)
            return nil
        }
    }

    /// The element's text as a number, parsed in place.
    private mutating func number(_ e: ElementTree.Element, what: @autoclosure () -> String) -> Exact? {
        if let value = e.withText({ try? Exact(decimalUTF8: $0) }) { return value }
        return number(e.text, e, what: what())
    }

    private mutating func number(_ text: String, _ e: ElementTree.Element, what: @autoclosure () -> String, attribute: String? = nil) -> Exact? {
        do {
            return try Exact(decimal: text)
        } catch .tooManyDigits {
            fail("\(what()) \"\(text.trimmingWhitespace)\" has more than 30 digits", e, attribute: attribute)
        } catch {
            fail("\(what()) \"\(text.trimmingWhitespace)\" is not a plain decimal number (digits, optionally a point and more digits; no sign, exponent or separators)",
                 e, attribute: attribute)
        }
        return nil
    }

    private mutating func integer(_ e: ElementTree.Element) -> Int? {
        if let n = e.withText(Self.plainInteger) { return n }
        guard let n = Int(e.text.trimmingWhitespace) else {
            fail("\(e.name) \"\(e.text.trimmingWhitespace)\" must be a whole number", e)
            return nil
        }
        return n
    }

    private mutating func required(_ parent: ElementTree.Element, _ name: StaticString) -> ElementTree.Element? {
        if let e = parent.child(name) { return e }
        fail("\(parent.name) has no \(name) element", parent)
        return nil
    }

    /// The attribute as a boolean: "true" or "1" (with blanks around it) is true, anything else false.
    private static func boolean(_ e: ElementTree.Element, _ attribute: StaticString) -> Bool {
        // The usual values, read in place; the rest as text.
        if let bytes = e.plainToken(attribute) {
            if bytes.elementsEqual("true".utf8) || bytes.elementsEqual("1".utf8) { return true }
            if bytes.elementsEqual("false".utf8) || bytes.elementsEqual("0".utf8) { return false }
        }
        let t = e.attribute(attribute)?.trimmingWhitespace
        return t == "true" || t == "1"
    }

    /// A whole number written as 1 to 18 ASCII digits and nothing else, read in place; nil for
    /// anything else (blanks, signs, longer numbers), which the callers read as text.
    private static func plainInteger(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard (1...18).contains(bytes.count) else { return nil }
        var n = 0
        for byte in bytes {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            n = n * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return n
    }

    private mutating func fail(_ message: String, _ e: ElementTree.Element, attribute: String? = nil) {
        let needle = attribute.map { "\($0)=" } ?? "<\(e.name)"
        diagnostics.append(Diagnostic(message, line: e.line, column: source.column(line: e.line, of: needle)))
    }
}

extension String {
    /// Without leading and trailing whitespace. Checking the edges first spares the copy in the
    /// usual case: a value that starts with a non-space scalar and ends with an ASCII letter or
    /// digit or a CJK ideograph (neither of which joins a preceding space into one character).
    var trimmingWhitespace: String {
        let scalars = unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return self }
        // ASCII and CJK first scalars (names, most text here) are decided without Unicode's property tables.
        let firstIsSpace = first.isASCII ? first.value <= 0x20
            : (0x4E00...0x9FFF).contains(first.value) ? false : first.properties.isWhitespace
        if !firstIsSpace && (last.value > 0x20 && last.value < 0x7F || (0x4E00...0x9FFF).contains(last.value)) {
            return self
        }
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
