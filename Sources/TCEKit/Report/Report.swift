/// One enterprise's energy report for one year, as filed, with quantities already in
/// their family's base unit (kg, m3, kWh, MJ; 10k CNY; m3 of water; tce).
public struct Report: Sendable {
    public struct Enterprise: Sendable {
        public var name: String
        public var creditCode: String
        public var industryCode: String?
        public var industry: String?
        public var commissionedYear: Int?
        public var line: Int
        public var creditCodeLine: Int
    }

    public struct EnergyItem: Sendable {
        public var type: String
        public var unit: String
        /// The quantity as written, in `unit`.
        public var quantity: Exact
        /// The quantity in the base unit of its family, which coefficients are per.
        public var baseQuantity: Exact
        public var baseUnit: String
        public var declaredCoefficient: Exact?
        public var exported: Bool
        public var line: Int
        /// Where the type stands among the catalog's types (-1: unknown), so the facts find
        /// it without hashing its name.
        var typeIndex: Int = -1
    }

    public struct PreviousYear: Sendable {
        public var year: Int
        public var energyTotal: Exact
        public var industrialValueAdded: Exact
        public var line: Int
    }

    public struct Flag: Sendable {
        public var value: Bool
        public var line: Int
    }

    public struct Management: Sendable {
        public var letterSigned: Flag?
        public var letterDate: String?
        public var benchmarking: (status: String, line: Int)?
        public var energyAuditCompleted: Flag?
        public var organizationEstablished: Flag?
        public var systemEstablished: Flag?
        public var energyQuota: (value: Exact, line: Int)?
        public var line: Int
    }

    public struct EquipmentUnit: Sendable {
        public var kind: String
        public var count: Int
        public var status: String
        public var line: Int
    }

    public struct Project: Sendable {
        public var id: String
        public var name: String
        public var status: String
        public var energyReview: String
        public var line: Int
    }

    public var enterprise: Enterprise
    public var reportingYear: Int
    public var reportingYearLine: Int
    public var items: [EnergyItem]
    public var energyLine: Int
    public var declaredTotal: (value: Exact, line: Int)?
    /// Industrial value added in 10k CNY.
    public var industrialValueAdded: Exact
    public var valueAddedLine: Int
    /// Water withdrawal in m3.
    public var waterWithdrawal: (value: Exact, line: Int)?
    public var waterLine: Int?
    public var previousYear: PreviousYear?
    public var management: Management?
    /// nil when the report has no Equipment element.
    public var equipment: [EquipmentUnit]?
    public var equipmentLine: Int?
    public var projects: [Project]?
    public var projectsLine: Int?
    public var rootLine: Int
}
