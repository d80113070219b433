/// The names a rule sees for one report: report sections, facts, batch facts and constants.
/// Field names are the report's element and attribute names in lowerCamelCase.
struct ReportScope: Scope {
    /// The report's own values, built when a rule first reads them and shared by every
    /// binding of this scope: rules read the same few sections over and over.
    private let base: ReportValues
    /// What only the ordered pass over the batch knows.
    private var batch: (isDuplicate: Value, firstReport: Value)?
    private var it: Value?
    private var extra: [(name: String, value: Value)] = []

    init(report: Report, facts: Facts, file: String, constants: [String: Value]) {
        base = ReportValues(report: report, facts: facts, file: file, constants: constants)
    }

    /// Adds what only the ordered pass over the batch knows.
    mutating func setBatchFacts(duplicateOf: String?) {
        batch = (.bool(duplicateOf != nil), duplicateOf.map(Value.string) ?? .missing(path: "firstReport"))
    }

    /// A scope with `it` bound to one element of an `each` list.
    func binding(it: Value?, extra: [String: Value] = [:]) -> ReportScope {
        var copy = self
        if let it { copy.it = it }
        for (k, v) in extra.sorted(by: { $0.key < $1.key }) {
            copy.extra.removeAll { $0.name == k }
            copy.extra.append((k, v))
        }
        return copy
    }

    func value(of name: String) -> Value? {
        if let it, name == "it" { return it }
        for e in extra where e.name == name { return e.value }
        if let batch {
            if name == "isDuplicate" { return batch.isDuplicate }
            if name == "firstReport" { return batch.firstReport }
        }
        return base.value(of: name)
    }
}

/// One report's values by name, each computed on first use. Touched by one thread at a time
/// (the worker checking the report, then the one finishing it), never concurrently.
private final class ReportValues: @unchecked Sendable {
    let report: Report
    let facts: Facts
    let file: String
    let constants: [String: Value]
    private var sections: [Value?] = Array(repeating: nil, count: Section.allCases.count)

    private enum Section: Int, CaseIterable {
        case enterprise, energy, economics, water, previousYear, management, equipment, projects
    }

    init(report: Report, facts: Facts, file: String, constants: [String: Value]) {
        self.report = report
        self.facts = facts
        self.file = file
        self.constants = constants
    }

    func value(of name: String) -> Value? {
        switch name {
        case "totalTce": return .number(facts.totalTce)
        case "energy": return section(.energy)
        case "management": return section(.management)
        case "enterprise": return section(.enterprise)
        case "economics": return section(.economics)
        case "water": return section(.water)
        case "previousYear": return section(.previousYear)
        case "equipment": return section(.equipment)
        case "projects": return section(.projects)
        case "reportingYear": return .number(Exact(integer: report.reportingYear))
        case "file": return .string(file)
        case "energyIntensity": return ratio(name, facts.energyIntensity)
        case "waterIntensity": return ratio(name, facts.waterIntensity)
        case "previousEnergyIntensity": return ratio(name, facts.previousEnergyIntensity)
        case "intensityDecline": return ratio(name, facts.intensityDecline)
        case "creditCodeValid": return .bool(facts.creditCodeValid)
        case "expectedCheckCharacter":
            return facts.expectedCheckCharacter.map(Value.string) ?? .missing(path: "expectedCheckCharacter")
        default: return constants[name]
        }
    }

    private func ratio(_ name: String, _ value: Exact?) -> Value {
        value.map(Value.number) ?? .missing(path: "\(name) (\(facts.unavailable[name] ?? "not computable"))")
    }

    private func section(_ s: Section) -> Value {
        if let cached = sections[s.rawValue] { return cached }
        let value = build(s)
        sections[s.rawValue] = value
        return value
    }

    private func build(_ s: Section) -> Value {
        let r = report
        switch s {
        case .enterprise:
            let e = r.enterprise
            return .record(Record(ordered: [
                "name": .string(e.name),
                "creditCode": .string(e.creditCode),
                "industryCode": Self.optional(e.industryCode, "enterprise.industryCode"),
                "industry": Self.optional(e.industry, "enterprise.industry"),
                "commissionedYear": e.commissionedYear.map { .number(Exact(integer: $0)) } ?? .missing(path: "enterprise.commissionedYear"),
            ], line: e.line))
        case .energy:
            var items: [Value] = []
            items.reserveCapacity(r.items.count)
            for (item, f) in zip(r.items, facts.items) {
                items.append(.record(Record(ordered: [
                    "type": .string(item.type),
                    "unit": .string(item.unit),
                    "quantity": .number(item.quantity),
                    "baseQuantity": .number(item.baseQuantity),
                    "baseUnit": .string(item.baseUnit),
                    "use": .string(item.exported ? "exported" : "consumed"),
                    "exported": .bool(item.exported),
                    "declaredCoefficient": item.declaredCoefficient.map(Value.number) ?? .missing(path: "coefficient"),
                    "referenceCoefficient": f.reference.map(Value.number) ?? .missing(path: "referenceCoefficient"),
                    "coefficientMin": f.minimum.map(Value.number) ?? .missing(path: "coefficientMin"),
                    "coefficientMax": f.maximum.map(Value.number) ?? .missing(path: "coefficientMax"),
                    "coefficient": .number(f.coefficient),
                    "coefficientInRange": f.coefficientInRange.map(Value.bool) ?? .missing(path: "coefficient"),
                    "tce": .number(f.tce),
                ], line: item.line)))
            }
            return .record(Record(ordered: [
                "items": .list(items),
                "declaredTotal": r.declaredTotal.map { .number($0.value) } ?? .missing(path: "energy.declaredTotal"),
            ], line: r.energyLine))
        case .economics:
            return .record(Record(ordered: ["industrialValueAdded": .number(r.industrialValueAdded)], line: r.valueAddedLine))
        case .water:
            return r.waterLine.map { line in
                .record(Record(ordered: [
                    "withdrawal": r.waterWithdrawal.map { .number($0.value) } ?? .missing(path: "water.withdrawal"),
                ], line: line))
            } ?? .missing(path: "water")
        case .previousYear:
            return r.previousYear.map { p in
                .record(Record(ordered: [
                    "year": .number(Exact(integer: p.year)),
                    "energyTotal": .number(p.energyTotal),
                    "industrialValueAdded": .number(p.industrialValueAdded),
                ], line: p.line))
            } ?? .missing(path: "previousYear")
        case .management:
            guard let m = r.management else { return .missing(path: "management") }
            func flag(_ f: Report.Flag?, _ element: String, _ attribute: String) -> Value {
                guard let f else { return .missing(path: "management.\(element)") }
                return .record(Record(ordered: [attribute: .bool(f.value)], line: f.line))
            }
            var letter = flag(m.letterSigned, "responsibilityLetter", "signed")
            if case .record(var rec) = letter {
                rec["date"] = m.letterDate.map(Value.string) ?? .missing(path: "management.responsibilityLetter.date")
                letter = .record(rec)
            }
            return .record(Record(ordered: [
                "responsibilityLetter": letter,
                "benchmarking": m.benchmarking.map { .record(Record(ordered: ["status": .string($0.status)], line: $0.line)) }
                    ?? .missing(path: "management.benchmarking"),
                "energyAudit": flag(m.energyAuditCompleted, "energyAudit", "completed"),
                "energyManagementOrganization": flag(m.organizationEstablished, "energyManagementOrganization", "established"),
                "energyManagementSystem": flag(m.systemEstablished, "energyManagementSystem", "established"),
                "energyQuota": m.energyQuota.map { .number($0.value) } ?? .missing(path: "management.energyQuota"),
            ], line: m.line))
        case .equipment:
            return r.equipment.map { units in
                .record(Record(ordered: ["units": .list(units.map { u in
                    .record(Record(ordered: [
                        "kind": .string(u.kind), "count": .number(Exact(integer: u.count)), "status": .string(u.status),
                    ], line: u.line))
                })], line: r.equipmentLine))
            } ?? .missing(path: "equipment")
        case .projects:
            return .list((r.projects ?? []).map { p in
                .record(Record(ordered: [
                    "id": .string(p.id), "name": .string(p.name), "status": .string(p.status),
                    "energyReview": .string(p.energyReview),
                ], line: p.line))
            })
        }
    }

    private static func optional(_ s: String?, _ path: String) -> Value {
        s.map(Value.string) ?? .missing(path: path)
    }
}
