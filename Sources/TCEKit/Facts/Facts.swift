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
    /// Why a ratio fact is absent; each case names its wording in the rule set's messages.
    public enum Unavailability: String, CaseIterable, Sendable {
        case valueAddedZero = "unavailableValueAddedZero"
        case waterNotReported = "unavailableWaterNotReported"
        case previousValueAddedZero = "unavailablePreviousValueAddedZero"
        case previousEnergyZero = "unavailablePreviousEnergyZero"
        case previousYearMissing = "unavailablePreviousYearMissing"
        case notComputable = "unavailableNotComputable"
    }

    /// Why each ratio above is absent (nil when it is there).
    struct Unavailable: Sendable {
        var energyIntensity: Unavailability?
        var waterIntensity: Unavailability?
        var previousEnergyIntensity: Unavailability?
        var intensityDecline: Unavailability?
    }

    var why: Unavailable

    /// Why a fact above is absent, by fact name.
    public var unavailable: [String: Unavailability] {
        var reasons: [String: Unavailability] = [:]
        for (name, _) in ratios { reasons[name] = whyUnavailable(name) }
        return reasons
    }

    /// Why the fact `name` is absent; nil when it is there or is not a ratio.
    func whyUnavailable(_ name: String) -> Unavailability? {
        switch name {
        case "energyIntensity": why.energyIntensity
        case "waterIntensity": why.waterIntensity
        case "previousEnergyIntensity": why.previousEnergyIntensity
        case "intensityDecline": why.intensityDecline
        default: nil
        }
    }

    /// The ratio facts in a fixed order, for evidence and output.
    public var ratios: [(name: String, value: Exact?)] {
        [("energyIntensity", energyIntensity), ("waterIntensity", waterIntensity),
         ("previousEnergyIntensity", previousEnergyIntensity), ("intensityDecline", intensityDecline)]
    }
}
