/// Computes `Facts` from a report per GB/T 2589-2020, with the catalog's coefficients.
public struct FactCalculator: Sendable {
    public let catalog: EnergyCatalog
    private static let tonnesPerKilogram = EnergyCatalog.Coefficients.tonnesPerKilogram

    public init(catalog: EnergyCatalog) {
        self.catalog = catalog
    }

    public func facts(for report: Report) throws(ArithmeticError) -> Facts {
        var items: [Facts.Item] = []
        items.reserveCapacity(report.items.count)
        var total = Exact.zero
        // Items read in place: copying one out retains its strings.
        try report.items.withUnsafeBufferPointer { (reportItems) throws(ArithmeticError) in
            for item in reportItems {
                // The loader admits only catalog types, so the lookup cannot fail here.
                let type = catalog.coefficients(at: item.typeIndex, id: item.type)
                let (used, inRange) = type?.coefficient(declared: item.declaredCoefficient)
                    ?? (item.declaredCoefficient ?? .zero, nil)
                // The reference is used when none is declared or the declared one is out of range.
                var tce = if inRange != true, let perTonne = type?.referenceInTonnes {
                    try item.baseQuantity.multiplied(by: perTonne)
                } else {
                    try item.baseQuantity.multiplied(by: used).multiplied(by: Self.tonnesPerKilogram)
                }
                if item.exported { tce = try tce.negated() }
                total = try total.adding(tce)
                items.append(Facts.Item(coefficient: used, coefficientInRange: inRange,
                                        minimum: type?.minimum, maximum: type?.maximum, reference: type?.reference, tce: tce))
            }
        }

        // Why a ratio is absent, as a case (worded in the checker's language when a rule reads it).
        var why = Facts.Unavailable()
        let valueAdded = report.industrialValueAdded
        var energyIntensity: Exact?
        if valueAdded.isZero {
            why.energyIntensity = .valueAddedZero
        } else {
            energyIntensity = try total.divided(by: valueAdded)
        }

        var waterIntensity: Exact?
        if let withdrawal = report.waterWithdrawal?.value {
            if valueAdded.isZero {
                why.waterIntensity = .valueAddedZero
            } else {
                waterIntensity = try withdrawal.divided(by: valueAdded)
            }
        } else {
            why.waterIntensity = .waterNotReported
        }

        var previousIntensity: Exact?
        var decline: Exact?
        if let previous = report.previousYear {
            if previous.industrialValueAdded.isZero {
                why.previousEnergyIntensity = .previousValueAddedZero
            } else {
                previousIntensity = try previous.energyTotal.divided(by: previous.industrialValueAdded)
            }
            if let prev = previousIntensity, let current = energyIntensity, !prev.isZero {
                decline = try prev.subtracting(current).divided(by: prev)
            } else {
                why.intensityDecline = previousIntensity?.isZero == true
                    ? .previousEnergyZero
                    : why.previousEnergyIntensity ?? why.energyIntensity ?? .notComputable
            }
        } else {
            why.previousEnergyIntensity = .previousYearMissing
            why.intensityDecline = .previousYearMissing
        }

        let code = CreditCode.check(report.enterprise.creditCode)
        return Facts(
            items: items, totalTce: total, energyIntensity: energyIntensity, waterIntensity: waterIntensity,
            previousEnergyIntensity: previousIntensity, intensityDecline: decline,
            creditCodeValid: code.valid,
            expectedCheckCharacter: code.expected.map { String($0) },
            why: why)
    }
}
