/// The names a rule sees for one report: report sections, facts, batch facts and constants.
/// Field names are the report's element and attribute names in lowerCamelCase.
struct ReportScope: Scope {
    private var values: [String: Value]
    private let constants: [String: Value]

    init(report: Report, facts: Facts, file: String, constants: [String: Value]) {
        self.constants = constants
        values = Self.sections(of: report, facts: facts)
        values["file"] = .string(file)
        values["totalTce"] = .number(facts.totalTce)
        for (name, value) in facts.ratios {
            values[name] = value.map(Value.number) ?? .missing(path: "\(name) (\(facts.unavailable[name] ?? "not computable"))")
        }
        values["creditCodeValid"] = .bool(facts.creditCodeValid)
        values["expectedCheckCharacter"] = facts.expectedCheckCharacter.map(Value.string) ?? .missing(path: "expectedCheckCharacter")
    }

    /// Adds what only the ordered pass over the batch knows.
    mutating func setBatchFacts(duplicateOf: String?) {
        values["isDuplicate"] = .bool(duplicateOf != nil)
        values["firstReport"] = duplicateOf.map(Value.string) ?? .missing(path: "firstReport")
    }

    /// A scope with `it` bound to one element of an `each` list.
    func binding(it: Value?, extra: [String: Value] = [:]) -> ReportScope {
        var copy = self
        if let it { copy.values["it"] = it }
        for (k, v) in extra { copy.values[k] = v }
        return copy
    }

    func value(of name: String) -> Value? {
        values[name] ?? constants[name]
    }

    // MARK: Report as values

    private static func sections(of r: Report, facts: Facts) -> [String: Value] {
        var out: [String: Value] = [:]
        let e = r.enterprise
        out["enterprise"] = .record(Record([
            "name": .string(e.name),
            "creditCode": .string(e.creditCode),
            "industryCode": optional(e.industryCode, "enterprise.industryCode"),
            "industry": optional(e.industry, "enterprise.industry"),
            "commissionedYear": e.commissionedYear.map { .number(Exact(integer: $0)) } ?? .missing(path: "enterprise.commissionedYear"),
        ], line: e.line))
        out["reportingYear"] = .number(Exact(integer: r.reportingYear))

        var items: [Value] = []
        for (item, f) in zip(r.items, facts.items) {
            items.append(.record(Record([
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
        out["energy"] = .record(Record([
            "items": .list(items),
            "declaredTotal": r.declaredTotal.map { .number($0.value) } ?? .missing(path: "energy.declaredTotal"),
        ], line: r.energyLine))
        out["economics"] = .record(Record([
            "industrialValueAdded": .number(r.industrialValueAdded),
        ], line: r.valueAddedLine))
        out["water"] = r.waterLine.map { line in
            .record(Record([
                "withdrawal": r.waterWithdrawal.map { .number($0.value) } ?? .missing(path: "water.withdrawal"),
            ], line: line))
        } ?? .missing(path: "water")
        out["previousYear"] = r.previousYear.map { p in
            .record(Record([
                "year": .number(Exact(integer: p.year)),
                "energyTotal": .number(p.energyTotal),
                "industrialValueAdded": .number(p.industrialValueAdded),
            ], line: p.line))
        } ?? .missing(path: "previousYear")
        out["management"] = r.management.map { m in
            func flag(_ f: Report.Flag?, _ element: String, _ attribute: String) -> Value {
                guard let f else { return .missing(path: "management.\(element)") }
                return .record(Record([attribute: .bool(f.value)], line: f.line))
            }
            var letter = flag(m.letterSigned, "responsibilityLetter", "signed")
            if case .record(var rec) = letter {
                rec["date"] = m.letterDate.map(Value.string) ?? .missing(path: "management.responsibilityLetter.date")
                letter = .record(rec)
            }
            return .record(Record([
                "responsibilityLetter": letter,
                "benchmarking": m.benchmarking.map { .record(Record(["status": .string($0.status)], line: $0.line)) }
                    ?? .missing(path: "management.benchmarking"),
                "energyAudit": flag(m.energyAuditCompleted, "energyAudit", "completed"),
                "energyManagementOrganization": flag(m.organizationEstablished, "energyManagementOrganization", "established"),
                "energyManagementSystem": flag(m.systemEstablished, "energyManagementSystem", "established"),
                "energyQuota": m.energyQuota.map { .number($0.value) } ?? .missing(path: "management.energyQuota"),
            ], line: m.line))
        } ?? .missing(path: "management")
        out["equipment"] = r.equipment.map { units in
            .record(Record(["units": .list(units.map { u in
                .record(Record([
                    "kind": .string(u.kind), "count": .number(Exact(integer: u.count)), "status": .string(u.status),
                ], line: u.line))
            })], line: r.equipmentLine))
        } ?? .missing(path: "equipment")
        out["projects"] = .list((r.projects ?? []).map { p in
            .record(Record([
                "id": .string(p.id), "name": .string(p.name), "status": .string(p.status),
                "energyReview": .string(p.energyReview),
            ], line: p.line))
        })
        return out
    }

    private static func optional(_ s: String?, _ path: String) -> Value {
        s.map(Value.string) ?? .missing(path: path)
    }
}
