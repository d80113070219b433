import Testing
@testable import TCEKit

/// The 64-bit fast paths of Exact (sums, products, text) against a plain 128-bit reference.
@Suite struct ExactFastPathTests {
    /// A small deterministic generator (no Foundation randomness: same values every run).
    struct Numbers {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        mutating func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 11
        }
        mutating func exact() -> Exact {
            let scale = [1, 10, 100, 1000, 10000, 3, 7, 400, 1_000_000_000_000][Int(next() % 9)]
            var n = Int128(next() % 100_000_000_000)
            if next() % 4 == 0 { n = -n }
            if next() % 10 == 0 { n *= 1_000_000 }  // some beyond 64-bit intermediates
            return try! Exact(numerator: n, denominator: Int128(scale))
        }
    }

    static func gcd(_ a: Int128, _ b: Int128) -> Int128 {
        var a = a.magnitude, b = b.magnitude
        while b != 0 { (a, b) = (b, a % b) }
        return Int128(a)
    }

    static func reduced(_ n: Int128, _ d: Int128) -> (Int128, Int128) {
        let g = gcd(n, d)
        return g == 0 ? (0, 1) : (n / g, d / g)
    }

    @Test func sumsAndProductsMatchTheReference() throws {
        var gen = Numbers()
        for _ in 0..<20_000 {
            let a = gen.exact(), b = gen.exact()
            let sum = try a.adding(b)
            let s = Self.reduced(a.numerator * b.denominator + b.numerator * a.denominator, a.denominator * b.denominator)
            #expect(sum.numerator == s.0 && sum.denominator == s.1, "\(a) + \(b)")
            let product = try a.multiplied(by: b)
            let p = Self.reduced(a.numerator * b.numerator, a.denominator * b.denominator)
            #expect(product.numerator == p.0 && product.denominator == p.1, "\(a) * \(b)")
            if !b.isZero {
                let quotient = try a.divided(by: b)
                var q = Self.reduced(a.numerator * b.denominator, a.denominator * b.numerator)
                if q.1 < 0 { q = (-q.0, -q.1) }
                #expect(quotient.numerator == q.0 && quotient.denominator == q.1, "\(a) / \(b)")
            }
        }
    }

    @Test func fastTextMatchesTheGeneralPath() throws {
        var gen = Numbers()
        for _ in 0..<20_000 {
            let a = gen.exact()
            #expect(a.formatted() == a.formattedGeneral(places: 6), "\(a.numerator)/\(a.denominator)")
            #expect(a.formatted(places: 2) == a.formattedGeneral(places: 2))
            #expect(a.formatted(places: 0) == a.formattedGeneral(places: 0))
        }
        // Terminating values print exactly whatever the places; carries ripple; negatives that
        // round to zero print as 0.
        #expect(try Exact(numerator: 5, denominator: 2).formatted(places: 0) == "2.5")
        #expect(try Exact(numerator: 2_999_999_999, denominator: 3_000_000_000).formatted() == "1")
        #expect(try Exact(numerator: -1, denominator: 30_000_000).formatted() == "0")
    }

    /// Plain report figures are read in 64 bits: what that path reads equals what the general
    /// parser reads, and what it leaves (blanks, long numbers, malformed text) the general one decides.
    @Test func plainDecimalsReadAsTheGeneralParserReadsThem() throws {
        var gen = Numbers()
        var inputs = ["0", "0.0", "00", "007.10", "10.50", "1", "44.27", "0.000000000000000001", "9999999999999999999",
                      "999999999999999999.9", "1234567890.12345678", "100000", "0.5", "2.5e3", "1.", ".5", "", " 1",
                      "1 ", "1..2", "1.2.3", "-1", "+1", "12a", "99999999999999999999", "0.1229", "0.7143", "29.3076"]
        for _ in 0..<3_000 {
            let whole = String(gen.next() % 10_000_000), places = Int(gen.next() % 12)
            let fraction = String((0..<places).map { _ in Character(String(gen.next() % 10)) })
            inputs.append(places == 0 ? whole : whole + "." + fraction)
            inputs.append(String(repeating: "0", count: Int(gen.next() % 3)) + (places == 0 ? whole : whole + "." + fraction))
        }
        var fast = 0
        for text in inputs {
            let general = Result { () throws(NumberSyntaxError) in try Exact(anyDecimalUTF8: Array(text.utf8)) }
            let plain = Array(text.utf8).withUnsafeBufferPointer { Exact.plainDecimal($0) }
            if let plain {
                fast += 1
                guard case .success(let value) = general else {
                    Issue.record("\(text): read in 64 bits, refused by the general parser")
                    continue
                }
                #expect(plain == value && plain.numerator == value.numerator && plain.denominator == value.denominator, "\(text)")
            }
            // Either way, the public parser answers as the general one does.
            let either = Result { () throws(NumberSyntaxError) in try Exact(decimalUTF8: Array(text.utf8)) }
            switch (either, general) {
            case (.success(let a), .success(let b)): #expect(a == b, "\(text)")
            case (.failure(let a), .failure(let b)): #expect(a == b, "\(text)")
            default: Issue.record("\(text): the parsers disagree")
            }
        }
        #expect(fast > 5_000)
    }

    @Test func binaryGCDAgreesWithEuclid() {
        var gen = Numbers()
        for _ in 0..<5_000 {
            let a = UInt128(gen.next()) * UInt128(gen.next() % 1000 + 1), b = UInt128(gen.next())
            #expect(Exact.gcd(a, b) == UInt128(Self.gcd(Int128(a), Int128(b))))
        }
        #expect(Exact.gcd(0, 12) == 12 && Exact.gcd(12, 0) == 12)
        // The shortcut for 1 gives what the loop gives.
        #expect(Exact.gcd(1, 1 << 100) == 1 && Exact.gcd(18_446_744_073_709_551_615, 1) == 1 && Exact.gcd(1, 1) == 1)
        #expect(Exact.gcd(2, 1 << 100) == 2)
    }

    /// Numbers are stored as two 64-bit words each: values across the word boundary, of either
    /// sign, come back whole and compare and hash by value.
    @Test func wideValuesSurviveTheirStorage() throws {
        let wide: [Int128] = [Int128.max, -Int128.max, 1 << 64, -(1 << 64), (1 << 64) - 1, -((1 << 64) + 1),
                              Int128(Int64.min), Int128(UInt64.max) * 3 + 7]
        for n in wide {
            for d: Int128 in [1, 7, 1 << 70] {
                let x = try Exact(numerator: n, denominator: d)
                let g = Int128(Exact.gcd(n.magnitude, d.magnitude))
                #expect(x.numerator == n / g && x.denominator == d / g)
                let same = try Exact(numerator: -(n / g), denominator: -(d / g))
                #expect(x == same && x.hashValue == same.hashValue)
                #expect(x.isNegative == (n < 0))
            }
        }
        #expect(try Exact(numerator: 1 << 64, denominator: 1).formatted() == "18446744073709551616")
        #expect(try Exact(numerator: -(1 << 64) - 1, denominator: 10).formatted() == "-1844674407370955161.7")
    }
}
