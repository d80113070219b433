/// The names a rule sees for one report: report sections, facts, batch facts and constants.
/// Field names are the report's element and attribute names in lowerCamelCase.
struct ReportScope: Scope {
    /// The report's own values, built when a rule first reads them and shared by every
    /// binding of this scope: rules read the same few sections over and over. Kept to a few
    /// words, since every evaluation copies the scope.
    private let base: ReportValues
    /// `it` and the extra names, once bound. Held by reference: every evaluation copies the
    /// scope, and two references copy inline, where the values themselves made Swift go
    /// through the scope's value witnesses. Binding is rare (an element whose condition the
    /// quick path cannot decide, a failure's message).
    private var bound: Bound?

    private final class Bound: Sendable {
        let it: Value?
        let extra: [(name: String, value: Value)]

        init(it: Value?, extra: [(name: String, value: Value)]) {
            self.it = it
            self.extra = extra
        }
    }

    init(report: Report, facts: Facts, file: String, constants: ScopeConstants) {
        base = ReportValues(report: report, facts: facts, file: file, constants: constants)
    }

    /// Adds what only the ordered pass over the batch knows. The values object is then owned
    /// by the one worker finishing this report.
    func setBatchFacts(duplicateOf: String?) {
        base.batch = (.bool(duplicateOf != nil), duplicateOf.map(Value.string) ?? .missing(path: "firstReport"))
    }

    /// A scope with `it` bound to one element of an `each` list.
    func binding(it: Value?, extra: [String: Value] = [:]) -> ReportScope {
        var list = bound?.extra ?? []
        for (k, v) in extra.sorted(by: { $0.key < $1.key }) {
            list.removeAll { $0.name == k }
            list.append((k, v))
        }
        var copy = self
        copy.bound = Bound(it: it ?? bound?.it, extra: list)
        return copy
    }

    func value(of name: String) -> Value? {
        if let bound {
            if name == "it", let it = bound.it { return it }
            for e in bound.extra where e.name == name { return e.value }
        }
        guard let slot = Self.slot(for: name, constants: base.constants) else { return nil }
        return value(ofSlot: slot, name: name)
    }

    func value(ofSlot slot: Int, name: String) -> Value? {
        if slot >= Self.firstConstantSlot { return base.constants.values[slot - Self.firstConstantSlot] }
        guard let s = ReportSlot(rawValue: slot) else { return nil }
        return base.value(s)
    }

    static let firstConstantSlot = 1000

    /// The slot expressions read `name` by: a report name or fact, or a constant. `it` and
    /// `failures` stay names: bindings decide them.
    static func slot(for name: String, constants: ScopeConstants) -> Int? {
        if RuleSetLoader.elementNames.contains(name) { return nil }
        if let s = reportSlots[name] { return s.rawValue }
        return constants.index[name].map { $0 + firstConstantSlot }
    }

    /// Where a field named `name` stands in the records this scope builds (the first kind
    /// that has it, the most read kinds first), and the name as those records hold it: the
    /// same string compares equal at once (`Record.value(named:hint:)` checks both).
    static func fieldHint(for name: String) -> (index: Int, name: String)? {
        ReportValues.fieldHints[name]
    }

    private static let reportSlots: [String: ReportSlot] = Dictionary(
        uniqueKeysWithValues: ReportSlot.allCases.map { ($0.name, $0) })
}

/// The names the engine gives every report (`RuleSetLoader.reportNames`, `factNames`, `batchFactNames`).
enum ReportSlot: Int, CaseIterable {
    case totalTce, energy, management, enterprise, economics, water, previousYear, equipment, projects
    case reportingYear, file, energyIntensity, waterIntensity, previousEnergyIntensity, intensityDecline
    case creditCodeValid, expectedCheckCharacter, isDuplicate, firstReport

    var name: String { String(describing: self) }
}

/// What every report's scope shares: the rule set's constants by slot, and the wording of why a
/// ratio fact is missing, in the checker's language.
final class ScopeConstants: Sendable {
    let index: [String: Int]
    let values: [Value]
    let byName: [String: Value]
    /// A missing ratio fact as rules see it — its name and why it is missing, worded in the
    /// checker's language — by `ratioNames` position and `Unavailability` case: worded once
    /// here, not for every report that lacks one.
    private let missingRatios: [[Value]]
    static let ratioNames = ["energyIntensity", "waterIntensity", "previousEnergyIntensity", "intensityDecline"]

    init(_ constants: [String: Value], messages: Messages) {
        let names = constants.keys.sorted()
        index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        values = names.map { constants[$0]! }
        byName = constants
        missingRatios = Self.ratioNames.map { name in
            Facts.Unavailability.allCases.map { .missing(path: "\(name) (\(messages[$0.rawValue]))") }
        }
    }

    /// The ratio fact `ratioNames[ratio]`, missing for `reason`.
    func missingRatio(_ ratio: Int, _ reason: Facts.Unavailability) -> Value {
        missingRatios[ratio][Facts.Unavailability.allCases.firstIndex(of: reason)!]
    }
}

/// The constants alone, as a scope: what rule preparation folds expressions against.
struct ConstantScope: Scope {
    let constants: [String: Value]
    func value(of name: String) -> Value? {
        RuleSetLoader.elementNames.contains(name) ? nil : constants[name]
    }
}

/// One report's values by name, each computed on first use. Touched by one thread at a time
/// (the worker checking the report, then the one finishing it), never concurrently.
///
/// The report's single elements (enterprise, economics, water, previous year, management and
/// its parts) are records reading their fields from here when asked (`RecordFields`): made
/// afresh at each read, which costs one retain, instead of a values array each to build and to
/// free. (Kept in `built`, they would keep these values alive from inside: a cycle.)
private final class ReportValues: RecordFields, @unchecked Sendable {
    let report: Report
    let facts: Facts
    let file: String
    let constants: ScopeConstants
    /// What only the ordered pass over the batch knows; nil until then.
    var batch: (isDuplicate: Value, firstReport: Value)?
    /// Sections and ratios built so far, by slot: those whose bit is set in `isBuilt`. Not
    /// `[Value?]`, whose elements Swift would free through generic witnesses. Unchecked
    /// exclusivity: one thread at a time touches a report's values (above), and the dynamic
    /// check cost more than the lookup.
    @exclusivity(unchecked) private var built: [Value] = Array(repeating: .bool(false), count: ReportSlot.allCases.count)
    @exclusivity(unchecked) private var isBuilt: UInt64 = 0

    /// The lists, built once and kept.
    private enum Section {
        case energy, equipment, projects
    }

    /// The single elements read as records from here, by `RecordFields` element number.
    private enum Element: Int {
        case enterprise, economics, water, previousYear, management, letter, benchmarking, audit, organization, system
    }

    init(report: Report, facts: Facts, file: String, constants: ScopeConstants) {
        self.report = report
        self.facts = facts
        self.file = file
        self.constants = constants
        assert(ReportSlot.allCases.count <= UInt64.bitWidth, "isBuilt has a bit per slot")
    }

    /// The record of `element`, whose fields `names` lists, standing at `line`.
    @inline(__always)
    private func record(_ element: Element, _ names: [String], line: Int) -> Value {
        .record(Record(names: names, fields: self, element: element.rawValue, line: line))
    }

    func value(_ slot: ReportSlot) -> Value? {
        switch slot {
        case .totalTce: return .number(facts.totalTce)
        case .energy: return built(slot) { build(.energy) }
        case .management:
            return report.management.map { record(.management, Self.managementFields, line: $0.line) } ?? .missing(path: "management")
        case .enterprise: return record(.enterprise, Self.enterpriseFields, line: report.enterprise.line)
        case .economics: return record(.economics, Self.economicsFields, line: report.valueAddedLine)
        case .water: return report.waterLine.map { record(.water, Self.waterFields, line: $0) } ?? .missing(path: "water")
        case .previousYear:
            return report.previousYear.map { record(.previousYear, Self.previousYearFields, line: $0.line) }
                ?? .missing(path: "previousYear")
        case .equipment: return built(slot) { build(.equipment) }
        case .projects: return built(slot) { build(.projects) }
        case .reportingYear: return .number(Exact(integer: report.reportingYear))
        case .file: return .string(file)
        case .energyIntensity: return built(slot) { ratio(0, facts.energyIntensity) }
        case .waterIntensity: return built(slot) { ratio(1, facts.waterIntensity) }
        case .previousEnergyIntensity:
            return built(slot) { ratio(2, facts.previousEnergyIntensity) }
        case .intensityDecline: return built(slot) { ratio(3, facts.intensityDecline) }
        case .creditCodeValid: return .bool(facts.creditCodeValid)
        case .expectedCheckCharacter:
            return facts.expectedCheckCharacter.map(Value.string) ?? .missing(path: "expectedCheckCharacter")
        case .isDuplicate: return batch?.isDuplicate
        case .firstReport: return batch?.firstReport
        }
    }

    /// The ratio fact `ScopeConstants.ratioNames[ratio]`.
    private func ratio(_ ratio: Int, _ value: Exact?) -> Value {
        value.map(Value.number)
            ?? constants.missingRatio(ratio, facts.whyUnavailable(ScopeConstants.ratioNames[ratio]) ?? .notComputable)
    }

    /// The value of `slot`, made by `make` the first time a rule reads it.
    @inline(__always)
    private func built(_ slot: ReportSlot, _ make: () -> Value) -> Value {
        let bit: UInt64 = 1 << UInt64(slot.rawValue)
        if isBuilt & bit != 0 { return built[slot.rawValue] }
        let value = make()
        built[slot.rawValue] = value
        isBuilt |= bit
        return value
    }

    // Field names per kind of record, one array each for every report.
    private static let enterpriseFields = ["name", "creditCode", "industryCode", "industry", "commissionedYear"]
    private static let itemFields = [
        "type", "unit", "quantity", "baseQuantity", "baseUnit", "use", "exported", "declaredCoefficient",
        "referenceCoefficient", "coefficientMin", "coefficientMax", "coefficient", "coefficientInRange", "tce",
    ]
    private static let energyFields = ["items", "declaredTotal"]
    private static let economicsFields = ["industrialValueAdded"]
    private static let waterFields = ["withdrawal"]
    private static let previousYearFields = ["year", "energyTotal", "industrialValueAdded"]
    private static let managementFields = [
        "responsibilityLetter", "benchmarking", "energyAudit", "energyManagementOrganization",
        "energyManagementSystem", "energyQuota",
    ]
    private static let letterFields = ["signed", "date"]
    private static let benchmarkingFields = ["status"]
    private static let auditFields = ["completed"]
    private static let establishedFields = ["established"]
    private static let equipmentFields = ["units"]
    private static let unitFields = ["kind", "count", "status"]
    private static let projectFields = ["id", "name", "status", "energyReview"]

    /// Every field name's position in the first kind of record that has it, energy items,
    /// equipment units and projects (read per element) first.
    static let fieldHints: [String: (index: Int, name: String)] = {
        var hints: [String: (index: Int, name: String)] = [:]
        for fields in [itemFields, unitFields, projectFields, enterpriseFields, energyFields, economicsFields,
                       waterFields, previousYearFields, managementFields, letterFields, benchmarkingFields,
                       auditFields, establishedFields, equipmentFields] {
            for (i, name) in fields.enumerated() where hints[name] == nil { hints[name] = (i, name) }
        }
        return hints
    }()

    private func build(_ s: Section) -> Value {
        let r = report
        switch s {
        case .energy:
            let fields = EnergyItemFields(items: r.items, facts: facts.items)
            let count = min(r.items.count, facts.items.count)
            var items: [Value] = []
            items.reserveCapacity(count)
            for i in 0..<count {
                items.append(.record(Record(names: Self.itemFields, fields: fields, element: i, line: r.items[i].line)))
            }
            return .record(Record(names: Self.energyFields, values: [
                .list(items),
                r.declaredTotal.map { .number($0.value) } ?? .missing(path: "energy.declaredTotal"),
            ], line: r.energyLine))
        case .equipment:
            return r.equipment.map { units in
                let fields = EquipmentUnitFields(units)
                return .record(Record(names: Self.equipmentFields, values: [.list(units.indices.map { i in
                    .record(Record(names: Self.unitFields, fields: fields, element: i, line: units[i].line))
                })], line: r.equipmentLine))
            } ?? .missing(path: "equipment")
        case .projects:
            let projects = r.projects ?? []
            let fields = ProjectFields(projects)
            return .list(projects.indices.map { i in
                .record(Record(names: Self.projectFields, fields: fields, element: i, line: projects[i].line))
            })
        }
    }

    private static func optional(_ s: String?, _ path: String) -> Value {
        s.map(Value.string) ?? .missing(path: path)
    }

    /// Field `field` of a single element, numbered as its names array is ordered.
    override func value(_ field: Int, of element: Int) -> Value {
        let r = report
        switch Element(rawValue: element)! {
        case .enterprise:
            let e = r.enterprise
            switch field {
            case 0: return .string(e.name)
            case 1: return .string(e.creditCode)
            case 2: return Self.optional(e.industryCode, "enterprise.industryCode")
            case 3: return Self.optional(e.industry, "enterprise.industry")
            default: return e.commissionedYear.map { .number(Exact(integer: $0)) } ?? .missing(path: "enterprise.commissionedYear")
            }
        case .economics:
            return .number(r.industrialValueAdded)
        case .water:
            return r.waterWithdrawal.map { .number($0.value) } ?? .missing(path: "water.withdrawal")
        case .previousYear:
            let p = r.previousYear!
            switch field {
            case 0: return .number(Exact(integer: p.year))
            case 1: return .number(p.energyTotal)
            default: return .number(p.industrialValueAdded)
            }
        case .management:
            let m = r.management!
            /// A part's record when the report has the part (at `line`), else missing under `path`.
            func part(_ line: Int?, _ element: Element, _ names: [String], _ path: String) -> Value {
                line.map { record(element, names, line: $0) } ?? .missing(path: path)
            }
            switch field {
            case 0: return part(m.letterSigned?.line, .letter, Self.letterFields, "management.responsibilityLetter")
            case 1: return part(m.benchmarking?.line, .benchmarking, Self.benchmarkingFields, "management.benchmarking")
            case 2: return part(m.energyAuditCompleted?.line, .audit, Self.auditFields, "management.energyAudit")
            case 3:
                return part(m.organizationEstablished?.line, .organization, Self.establishedFields,
                            "management.energyManagementOrganization")
            case 4:
                return part(m.systemEstablished?.line, .system, Self.establishedFields, "management.energyManagementSystem")
            default:
                return m.energyQuota.map { .number($0.value) } ?? .missing(path: "management.energyQuota")
            }
        case .letter:
            let m = r.management!
            return field == 0 ? .bool(m.letterSigned!.value)
                : m.letterDate.map(Value.string) ?? .missing(path: "management.responsibilityLetter.date")
        case .benchmarking: return .string(r.management!.benchmarking!.status)
        case .audit: return .bool(r.management!.energyAuditCompleted!.value)
        case .organization: return .bool(r.management!.organizationEstablished!.value)
        case .system: return .bool(r.management!.systemEstablished!.value)
        }
    }
}
