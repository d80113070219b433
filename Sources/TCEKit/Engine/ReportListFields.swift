// The fields of a report's element lists — energy items, equipment units, projects — read as
// records (`Record.init(names:fields:element:line:)`), numbered in the order of `ReportValues`'
// names for them. One of each per report, however long its lists.

final class EnergyItemFields: RecordFields, @unchecked Sendable {
    let items: [Report.EnergyItem]
    let facts: [Facts.Item]

    init(items: [Report.EnergyItem], facts: [Facts.Item]) {
        self.items = items
        self.facts = facts
    }

    override func value(_ field: Int, of i: Int) -> Value {
        switch field {
        case 0: .string(items[i].type)
        case 1: .string(items[i].unit)
        case 2: .number(items[i].quantity)
        case 3: .number(items[i].baseQuantity)
        case 4: .string(items[i].baseUnit)
        case 5: .string(items[i].exported ? "exported" : "consumed")
        case 6: .bool(items[i].exported)
        case 7: items[i].declaredCoefficient.map(Value.number) ?? .missing(path: "coefficient")
        case 8: facts[i].reference.map(Value.number) ?? .missing(path: "referenceCoefficient")
        case 9: facts[i].minimum.map(Value.number) ?? .missing(path: "coefficientMin")
        case 10: facts[i].maximum.map(Value.number) ?? .missing(path: "coefficientMax")
        case 11: .number(facts[i].coefficient)
        case 12: facts[i].coefficientInRange.map(Value.bool) ?? .missing(path: "coefficient")
        default: .number(facts[i].tce)
        }
    }
}

final class EquipmentUnitFields: RecordFields, @unchecked Sendable {
    let units: [Report.EquipmentUnit]

    init(_ units: [Report.EquipmentUnit]) { self.units = units }

    override func value(_ field: Int, of i: Int) -> Value {
        switch field {
        case 0: .string(units[i].kind)
        case 1: .number(Exact(integer: units[i].count))
        default: .string(units[i].status)
        }
    }
}

final class ProjectFields: RecordFields, @unchecked Sendable {
    let projects: [Report.Project]

    init(_ projects: [Report.Project]) { self.projects = projects }

    override func value(_ field: Int, of i: Int) -> Value {
        switch field {
        case 0: .string(projects[i].id)
        case 1: .string(projects[i].name)
        case 2: .string(projects[i].status)
        default: .string(projects[i].energyReview)
        }
    }
}
