/// What tce derives from one report, once, before any rule runs. Every value is exact.
public struct Facts: Sendable {
    public struct Item: Sendable {
        /// Coefficient used, kgce per base unit.
        public var coefficient: Exact
        /// nil when the item declares no coefficient.
        public var coefficientInRange: Bool?
        public var minimum: Exact?
        public var maximum: Exact?
        public var reference: Exact?
        /// Signed contribution to totalTce: negative for exported energy.
        public var tce: Exact
    }

    public var items: [Item]
    public var totalTce: Exact
    public var energyIntensity: Exact?
    public var waterIntensity: Exact?
    public var previousEnergyIntensity: Exact?
    public var intensityDecline: Exact?
    public var creditCodeValid: Bool
    public var expectedCheckCharacter: String?
    /// Why a fact above is absent, by fact name.
    public var unavailable: [String: String]

    /// The ratio facts in a fixed order, for evidence and output.
    public var ratios: [(name: String, value: Exact?)] {
        [("energyIntensity", energyIntensity), ("waterIntensity", waterIntensity),
         ("previousEnergyIntensity", previousEnergyIntensity), ("intensityDecline", intensityDecline)]
    }
}
