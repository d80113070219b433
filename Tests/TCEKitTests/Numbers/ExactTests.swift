import Testing
@testable import TCEKit

@Suite struct ExactTests {
    @Test(arguments: ["12", "12.5", "0.9693", " 12.5 ", "\n0\n", "007.50"])
    func acceptsPlainDecimals(_ text: String) throws {
        _ = try Exact(decimal: text)
    }

    /// Foundation's `Decimal(string:)` takes "0.9x" as 0.9 and "1,5" as 1; reports must not.
    @Test(arguments: ["12.", ".5", "-1", "+1", "1e3", "1E3", "1,500", "0.9x", "1 5", "", " ", "١٢", "0x10", "1_000", "∞"])
    func rejectsEverythingElse(_ text: String) {
        #expect(throws: NumberSyntaxError.self) { try Exact(decimal: text) }
    }

    /// A number that terminates is written exactly however many places it takes: past 38
    /// (10^38 is the largest power of ten an `Int128` holds) by long division.
    @Test func decimalsEndingPast38PlacesAreExact() throws {
        let twoTo38 = Int128(1) << 38, twoTo99 = Int128(1) << 99
        #expect(try Exact(numerator: 1, denominator: twoTo38).formatted() == "0.00000000000363797880709171295166015625")
        #expect(try Exact(numerator: 1, denominator: twoTo99).formatted()
            == "0.000000000000000000000000000001577721810442023610823457130565572459346412870218046009540557861328125")
        #expect(try Exact(numerator: 3 * twoTo99 + 1, denominator: twoTo99).formatted()
            == "3.000000000000000000000000000001577721810442023610823457130565572459346412870218046009540557861328125")
        #expect(try Exact(numerator: -3, denominator: twoTo99 * 2).formatted()
            == "-0.0000000000000000000000000000023665827156630354162351856958483586890196193053270690143108367919921875")
        #expect(try Exact(numerator: twoTo99 / 4 * 3, denominator: twoTo99).formatted() == "0.75")
        // 38 places, but a numerator too large to scale by 10^38 / 2^38 in an Int128.
        let big = Int128(1_000_000_000_000_000) * 1_000_000_000_000_000 + 1
        #expect(try Exact(numerator: big, denominator: twoTo38).formatted()
            == "3637978807091712951.66015625000363797880709171295166015625")
        // A non-terminating number is still rounded to the places asked for.
        #expect(try Exact(numerator: 1, denominator: twoTo99 * 3).formatted(places: 6) == "0")
        // Rounding to places outside 0...38 takes the nearest of those, instead of trapping.
        #expect(try Exact(numerator: 2, denominator: 3).rounded(places: -4) == "1")
        #expect(try Exact(numerator: 2, denominator: 3).rounded(places: 99) == "0." + String(repeating: "6", count: 37) + "7")
    }

    @Test func rejectsTooManyDigits() {
        #expect(throws: NumberSyntaxError.tooManyDigits) { try Exact(decimal: String(repeating: "9", count: 31)) }
    }

    @Test func sumsAndProductsPrintExactly() throws {
        let a = Fixtures.exact("2100"), b = Fixtures.exact("0.7143")
        #expect(try a.multiplied(by: b).formatted() == "1500.03")
        let total = try Fixtures.exact("1500.03").adding(Fixtures.exact("688.24")).adding(Fixtures.exact("151.7875"))
            .subtracting(Fixtures.exact("18.435"))
        #expect(total.formatted() == "2321.6225")
        #expect(try Fixtures.exact("0.1").adding(Fixtures.exact("0.2")) == Fixtures.exact("0.3"))
    }

    @Test func ratiosCompareExactly() throws {
        // 0.9 → 0.873 is a decline of exactly 3 %.
        let decline = try Fixtures.exact("0.9").subtracting(Fixtures.exact("0.873")).divided(by: Fixtures.exact("0.9"))
        #expect(decline == Fixtures.exact("0.03"))
        #expect(decline >= Fixtures.exact("0.03"))
        let other = try Fixtures.exact("0.7").subtracting(Fixtures.exact("0.679")).divided(by: Fixtures.exact("0.7"))
        #expect(other == Fixtures.exact("0.03"))
        let third = try Exact.one.divided(by: Exact(integer: 3))
        #expect(try third.multiplied(by: Exact(integer: 3)) == .one)
        #expect(third < Fixtures.exact("0.3333334") && third > Fixtures.exact("0.3333333"))
    }

    @Test func nonTerminatingRatiosRoundHalfEvenToSixPlaces() throws {
        #expect(try Fixtures.exact("480000").divided(by: Fixtures.exact("13500")).formatted() == "35.555556")
        #expect(try Exact.one.divided(by: Exact(integer: 3)).formatted() == "0.333333")
        #expect(try Exact(integer: 2).divided(by: Exact(integer: 3)).formatted() == "0.666667")
        // Terminating quotients are written in full.
        #expect(try Exact.one.divided(by: Exact(integer: 1024)).formatted() == "0.0009765625")
        // Half-even: 0.0000005 exactly is a tie and goes to the even digit.
        #expect(Fixtures.exact("0.0000005").rounded(places: 6) == "0")
        #expect(Fixtures.exact("0.0000015").rounded(places: 6) == "0.000002")
        #expect(try Exact(integer: -2).divided(by: Exact(integer: 3)).formatted() == "-0.666667")
    }

    @Test func overflowThrowsInsteadOfLosingDigits() throws {
        let big = Fixtures.exact("999999999999999999999999999999")
        #expect(throws: ArithmeticError.overflow) { try big.multiplied(by: big) }
        #expect(throws: ArithmeticError.divisionByZero) { try big.divided(by: .zero) }
    }

    @Test func negativeAndZeroPrint() throws {
        #expect(try Exact.zero.subtracting(Fixtures.exact("18.435")).formatted() == "-18.435")
        #expect(Exact.zero.formatted() == "0")
    }
}
