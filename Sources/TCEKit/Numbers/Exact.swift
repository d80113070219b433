/// An exact rational number: every quantity, coefficient, threshold and ratio in tce.
///
/// Reports are decimal, so sums and products stay terminating decimals and print exactly;
/// ratios (intensities, declines) stay fractions, so `0.873 / 0.9 >= 0.97` is decided
/// exactly, never on a rounded quotient. Numerator and denominator are `Int128`, kept
/// reduced; an operation that would not fit throws instead of losing digits.
public struct Exact: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Numerator; the sign of the number.
    public var numerator: Int128 { storedNumerator.value }
    /// Denominator, always positive.
    public var denominator: Int128 { storedDenominator.value }

    private let storedNumerator: Words
    private let storedDenominator: Words

    public static let zero = Exact(integer: 0)
    public static let one = Exact(integer: 1)

    public init(integer: Int) {
        storedNumerator = Words(Int128(integer))
        storedDenominator = Words(1)
    }

    /// A fraction, reduced. Throws on a zero denominator.
    public init(numerator: Int128, denominator: Int128) throws(ArithmeticError) {
        guard denominator != 0 else { throw .divisionByZero }
        var n = numerator, d = denominator
        if d < 0 {
            guard n != .min, d != .min else { throw .overflow }
            n = -n; d = -d
        }
        let g = Exact.gcd(n.magnitude, d.magnitude)
        if g > 1 {
            n /= Int128(g); d /= Int128(g)
        }
        storedNumerator = Words(n)
        storedDenominator = Words(d)
    }

    /// Already reduced, denominator positive: no checks.
    private init(reduced n: Int128, _ d: Int128) {
        storedNumerator = Words(n)
        storedDenominator = Words(d)
    }

    /// An `Int128` kept as two 64-bit words. `Int128` itself is 16-byte aligned, and Swift on
    /// Linux allocates every array or object holding a 16-byte-aligned value (numbers, values,
    /// findings) with `posix_memalign`, about five times the cost of `malloc`; two words need
    /// only the 8-byte alignment `malloc` gives, and make a `Value` 40 bytes instead of 48.
    private struct Words: Sendable, Hashable {
        private let low: UInt64
        private let high: Int64

        @inline(__always)
        init(_ value: Int128) {
            low = UInt64(truncatingIfNeeded: value)
            high = Int64(truncatingIfNeeded: value >> 64)
        }

        @inline(__always)
        var value: Int128 { Int128(high) << 64 | Int128(low) }
    }

    public var isZero: Bool { numerator == 0 }
    public var isNegative: Bool { numerator < 0 }
    public var isInteger: Bool { denominator == 1 }
    public var magnitude: Exact { Exact(reduced: numerator < 0 ? -numerator : numerator, denominator) }

    // MARK: Arithmetic

    public func adding(_ other: Exact) throws(ArithmeticError) -> Exact {
        if let sum = Exact.add64(self, other) { return sum }
        if denominator == other.denominator {
            return try Exact(numerator: Exact.checkedAdd(numerator, other.numerator), denominator: denominator)
        }
        let g = Int128(Exact.gcd(denominator.magnitude, other.denominator.magnitude))
        let left = try Exact.checkedMul(numerator, other.denominator / g)
        let right = try Exact.checkedMul(other.numerator, denominator / g)
        let d = try Exact.checkedMul(denominator, other.denominator / g)
        return try Exact(numerator: Exact.checkedAdd(left, right), denominator: d)
    }

    public func subtracting(_ other: Exact) throws(ArithmeticError) -> Exact {
        try adding(other.negated())
    }

    public func negated() throws(ArithmeticError) -> Exact {
        guard numerator != .min else { throw .overflow }
        return Exact(reduced: -numerator, denominator)
    }

    public func multiplied(by other: Exact) throws(ArithmeticError) -> Exact {
        if numerator == 0 || other.numerator == 0 { return .zero }
        if let product = Exact.multiply64(self, other) { return product }
        // Cross-reduce first so intermediate products stay small.
        let g1 = Int128(Exact.gcd(numerator.magnitude, other.denominator.magnitude))
        let g2 = Int128(Exact.gcd(other.numerator.magnitude, denominator.magnitude))
        let n = try Exact.checkedMul(numerator / max(g1, 1), other.numerator / max(g2, 1))
        let d = try Exact.checkedMul(denominator / max(g2, 1), other.denominator / max(g1, 1))
        // Both factors reduced and cross-reduced: the product is reduced, the denominator positive.
        return Exact(reduced: n, d)
    }

    public func divided(by other: Exact) throws(ArithmeticError) -> Exact {
        guard other.numerator != 0 else { throw .divisionByZero }
        // The reciprocal of a reduced fraction is reduced; only its sign moves up.
        guard other.numerator != .min else { throw .overflow }
        let reciprocal = other.numerator < 0
            ? Exact(reduced: -other.denominator, -other.numerator)
            : Exact(reduced: other.denominator, other.numerator)
        return try multiplied(by: reciprocal)
    }

    public static func < (lhs: Exact, rhs: Exact) -> Bool {
        compare(lhs, rhs) < 0
    }

    /// Exact comparison by cross-multiplication in 256 bits, so it never overflows.
    public static func compare(_ lhs: Exact, _ rhs: Exact) -> Int {
        if lhs.denominator == rhs.denominator {
            return lhs.numerator == rhs.numerator ? 0 : (lhs.numerator < rhs.numerator ? -1 : 1)
        }
        let ls = lhs.numerator.signum(), rs = rhs.numerator.signum()
        if ls != rs { return ls < rs ? -1 : 1 }
        let a = Wide.product(lhs.numerator.magnitude, rhs.denominator.magnitude)
        let b = Wide.product(rhs.numerator.magnitude, lhs.denominator.magnitude)
        let c = Wide.compare(a, b)
        return ls < 0 ? -c : c
    }

    // MARK: Text

    /// Parses a report or rule quantity: digits, optionally a point and more digits,
    /// surrounding whitespace allowed. Nothing else: no sign, exponent, separators.
    public init(decimal text: some StringProtocol) throws(NumberSyntaxError) {
        try self.init(decimalUTF8: text.utf8)
    }

    /// `init(decimal:)` on UTF-8 bytes, for text read in place from a parsed report.
    public init(decimalUTF8 bytes: some Sequence<UInt8>) throws(NumberSyntaxError) {
        if case let plain?? = bytes.withContiguousStorageIfAvailable(Self.plainDecimal) {
            self = plain
            return
        }
        try self.init(anyDecimalUTF8: bytes)
    }

    /// The usual report figure — up to 19 bytes of digits with at most one point, nothing else —
    /// read in 64 bits and reduced by the twos and fives it shares with its power of ten, rather
    /// than by Int128 steps and a GCD (a third of the cost). nil for anything else (blanks,
    /// longer numbers, malformed text), which `init(anyDecimalUTF8:)` reads or refuses.
    static func plainDecimal(_ bytes: UnsafeBufferPointer<UInt8>) -> Exact? {
        guard bytes.count > 0, bytes.count <= 19 else { return nil }
        var n: UInt64 = 0
        var scale = 0, digitsBefore = 0
        var seenPoint = false
        for byte in bytes {
            let digit = byte &- UInt8(ascii: "0")
            if digit < 10 {
                n = n &* 10 &+ UInt64(digit)  // 19 digits at most: below 10^19, within UInt64
                if seenPoint { scale += 1 } else { digitsBefore += 1 }
            } else if byte == UInt8(ascii: "."), !seenPoint, digitsBefore > 0 {
                seenPoint = true
            } else {
                return nil
            }
        }
        guard digitsBefore > 0, !seenPoint || scale > 0 else { return nil }
        guard n != 0 else { return .zero }
        // n / 10^scale reduced: 10^scale has only twos and fives.
        let twos = min(n.trailingZeroBitCount, scale)
        n >>= UInt64(twos)
        var fives = 0
        while fives < scale && n % 5 == 0 {
            n /= 5
            fives += 1
        }
        var denominator: UInt64 = 1
        for _ in 0..<(scale - twos) { denominator *= 2 }
        for _ in 0..<(scale - fives) { denominator *= 5 }
        return Exact(reduced: Int128(n), Int128(denominator))
    }

    /// `init(decimalUTF8:)` for any text it accepts: blanks around, up to 30 significant digits.
    init(anyDecimalUTF8 bytes: some Sequence<UInt8>) throws(NumberSyntaxError) {
        var digits: Int128 = 0
        var scale = 0
        var seenPoint = false
        var digitsBefore = 0, digitsAfter = 0
        var significant = 0
        var started = false, ended = false
        for byte in bytes {
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                if started { ended = true }
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                guard !ended else { throw .malformed }
                started = true
                if seenPoint { digitsAfter += 1; scale += 1 } else { digitsBefore += 1 }
                if digits != 0 || byte != UInt8(ascii: "0") { significant += 1 }
                guard significant <= 30, scale <= 30 else { throw .tooManyDigits }
                digits = digits * 10 + Int128(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "."):
                guard !ended, !seenPoint, digitsBefore > 0 else { throw .malformed }
                seenPoint = true
            default:
                throw .malformed
            }
        }
        guard digitsBefore > 0, !seenPoint || digitsAfter > 0 else { throw .malformed }
        var denominator: Int128 = 1
        for _ in 0..<scale { denominator *= 10 }
        // Cannot throw: the denominator is positive and nothing overflows at 30 digits.
        self = (try? Exact(numerator: digits, denominator: denominator)) ?? .zero
    }

    /// Exact decimal text when the number terminates; otherwise rounded half-even to `places`.
    public func formatted(places: Int = 6) -> String {
        if let small = withSmallText(places: places, { String(decoding: $0, as: UTF8.self) }) {
            return small
        }
        return formattedGeneral(places: places)
    }

    /// The 128-bit path of `formatted`, for any magnitude.
    func formattedGeneral(places: Int) -> String {
        if let exact = terminatingDecimal() { return exact }
        return rounded(places: places)
    }

    /// Calls `body` with `formatted(places:)` as UTF-8, without building a String in the common case.
    func withFormatted(places: Int = 6, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        let done: Bool? = withSmallText(places: places) { body($0); return true }
        if done == nil {
            var text = formatted(places: places)
            text.withUTF8(body)
        }
    }

    /// The text of a number whose numerator and denominator fit 64 bits and whose digits fit
    /// 40 characters, computed with 64-bit arithmetic: every quantity and fact of a real report.
    /// nil otherwise, and the general path decides.
    private func withSmallText<R>(places: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R? {
        guard places >= 0, places <= 18,
              numerator.magnitude <= UInt128(UInt64.max), denominator <= Int128(UInt64.max) else { return nil }
        let n = UInt64(truncatingIfNeeded: numerator.magnitude)
        let d = UInt64(truncatingIfNeeded: denominator)
        let negative = numerator < 0
        // Terminating: d = 2^a 5^b, printed with max(a, b) places, exactly.
        let twos = d.trailingZeroBitCount
        var rest = d >> twos
        var fives = 0
        while rest % 5 == 0 { rest /= 5; fives += 1 }
        var integer: UInt64, fraction: UInt64, digits: Int
        if rest == 1 {
            digits = max(twos, fives)
            guard digits <= 19 else { return nil }
            integer = n / d
            let remainder = n % d
            // remainder / d = fraction / 10^digits; 10^digits / d is whole.
            let (scaled, overflow) = remainder.multipliedReportingOverflow(by: Self.powerOfTen(digits) / d)
            guard !overflow else { return nil }
            fraction = scaled
        } else {
            // Rounded half-even to `places`, trailing zeros dropped.
            digits = places
            integer = n / d
            let remainder = n % d
            let scale = Self.powerOfTen(places)
            let wide = remainder.multipliedFullWidth(by: scale)
            guard wide.high < d else { return nil }
            let (q, r) = d.dividingFullWidth(wide)
            fraction = q
            let twice = r.multipliedFullWidth(by: 2)
            let more = twice.high > 0 || twice.low > d
            let tie = twice.high == 0 && twice.low == d
            if more || (tie && (places == 0 ? integer & 1 == 1 : fraction & 1 == 1)) {
                fraction += 1
                if fraction == scale {
                    fraction = 0
                    let (next, o) = integer.addingReportingOverflow(1)
                    guard !o else { return nil }
                    integer = next
                }
            }
        }
        while digits > 0 && fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 44) { out in
            var end = 44
            if digits > 0 {
                for _ in 0..<digits {
                    end -= 1
                    out[end] = UInt8(ascii: "0") + UInt8(fraction % 10)
                    fraction /= 10
                }
                end -= 1
                out[end] = UInt8(ascii: ".")
            }
            repeat {
                end -= 1
                out[end] = UInt8(ascii: "0") + UInt8(integer % 10)
                integer /= 10
            } while integer > 0
            if negative && !(end == 43 && out[43] == UInt8(ascii: "0")) {
                end -= 1
                out[end] = UInt8(ascii: "-")
            }
            return body(UnsafeBufferPointer(rebasing: out[end..<44]))
        }
    }

    private static func powerOfTen(_ k: Int) -> UInt64 {
        var p: UInt64 = 1
        for _ in 0..<k { p &*= 10 }
        return p
    }

    public var description: String { formatted() }

    /// True when the decimal expansion ends (the denominator has only factors 2 and 5).
    public var terminates: Bool { Exact.decimalPlaces(of: denominator) != nil }

    /// The most decimal places a number can be scaled to in an `Int128`: 10^38 is the largest
    /// power of ten it holds. (A terminating number may have up to 127: 1 / 2^99 has 99, and a
    /// report's value added may be 2^99.)
    static let maximumScaledPlaces = 38

    private func terminatingDecimal() -> String? {
        guard let places = Exact.decimalPlaces(of: denominator) else { return nil }
        if places > Exact.maximumScaledPlaces { return longDecimal(places: places) }
        var factor: Int128 = 1
        for _ in 0..<places { factor *= 10 }
        // numerator * (10^places / denominator) can exceed Int128 for extreme values; the long
        // division writes those exactly too.
        let (scaled, overflow) = numerator.multipliedReportingOverflow(by: factor / denominator)
        guard !overflow else { return longDecimal(places: places) }
        return Exact.render(scaled, places: places)
    }

    /// The exact text of a terminating number with more places than `maximumScaledPlaces`, or
    /// whose scaled numerator would not fit an `Int128`: one step of long division a digit (the remainder stays below the denominator, so ten
    /// times it fits the 256-bit helper and each quotient digit is below ten).
    private func longDecimal(places: Int) -> String {
        let n = numerator.magnitude, d = denominator.magnitude
        var remainder = n % d
        var digits: [UInt8] = []
        digits.reserveCapacity(places)
        for _ in 0..<places {
            let (digit, rest) = Wide.divide(Wide.product(remainder, 10), by: d)
            digits.append(UInt8(ascii: "0") + UInt8(digit))
            remainder = rest
        }
        while digits.last == UInt8(ascii: "0") { digits.removeLast() }
        return (numerator < 0 ? "-" : "") + String(n / d) + "." + String(decoding: digits, as: UTF8.self)
    }

    /// Rounded half-even to `places` decimals (0 to `maximumScaledPlaces`; others are taken as
    /// the nearest of those), trailing zeros dropped.
    public func rounded(places: Int) -> String {
        let places = min(max(places, 0), Exact.maximumScaledPlaces)
        var factor: Int128 = 1
        for _ in 0..<places { factor *= 10 }
        let negative = numerator < 0
        let n = numerator.magnitude
        let d = denominator.magnitude
        // q = floor(n * factor / d) computed in 256 bits to stay exact.
        let (q, r) = Wide.divide(Wide.product(n, factor.magnitude), by: d)
        var quotient = q
        let twice = Wide.product(r, 2)
        let c = Wide.compare(twice, Wide(high: 0, low: d))
        if c > 0 || (c == 0 && quotient & 1 == 1) { quotient += 1 }
        let value = Int128(truncatingIfNeeded: quotient)
        return Exact.render(negative ? -value : value, places: places, trimZeros: true)
    }

    private static func render(_ scaled: Int128, places: Int, trimZeros: Bool = true) -> String {
        var digits = String(scaled.magnitude)
        let negative = scaled < 0
        if places > 0 {
            if digits.count <= places {
                digits = String(repeating: "0", count: places - digits.count + 1) + digits
            }
            let cut = digits.index(digits.endIndex, offsetBy: -places)
            var fraction = String(digits[cut...])
            if trimZeros { while fraction.hasSuffix("0") { fraction.removeLast() } }
            digits = String(digits[..<cut]) + (fraction.isEmpty ? "" : "." + fraction)
        }
        if negative && digits != "0" { digits = "-" + digits }
        return digits
    }

    /// Number of decimal places when `d` is 2^a·5^b, else nil.
    private static func decimalPlaces(of d: Int128) -> Int? {
        let twos = d.trailingZeroBitCount
        var rest = d.magnitude >> twos
        var fives = 0
        if rest <= UInt128(UInt64.max) {
            var r = UInt64(truncatingIfNeeded: rest)
            while r % 5 == 0 { r /= 5; fives += 1 }
            rest = UInt128(r)
        } else {
            while rest % 5 == 0 { rest /= 5; fives += 1 }
        }
        return rest == 1 ? max(twos, fives) : nil
    }

    // MARK: 64-bit fast paths

    /// The sum in 64-bit arithmetic (128-bit division is a library call), or nil when an
    /// operand or an intermediate does not fit; the 128-bit path then decides.
    private static func add64(_ x: Exact, _ y: Exact) -> Exact? {
        guard let a = Int64(exactly: x.numerator), let b = Int64(exactly: x.denominator),
              let c = Int64(exactly: y.numerator), let d = Int64(exactly: y.denominator) else { return nil }
        var n: Int64, den: Int64
        if b == d {
            let (sum, o) = a.addingReportingOverflow(c)
            guard !o else { return nil }
            n = sum
            den = b
        } else {
            let g = Int64(gcd64(UInt64(b), UInt64(d)))
            let (left, o1) = a.multipliedReportingOverflow(by: d / g)
            let (right, o2) = c.multipliedReportingOverflow(by: b / g)
            let (common, o3) = b.multipliedReportingOverflow(by: d / g)
            guard !o1, !o2, !o3 else { return nil }
            let (sum, o4) = left.addingReportingOverflow(right)
            guard !o4 else { return nil }
            n = sum
            den = common
        }
        guard n != .min else { return nil }
        let g = Int64(gcd64(n.magnitude, UInt64(den)))
        if g > 1 {
            n /= g
            den /= g
        }
        return Exact(reduced: Int128(n), Int128(den))
    }

    /// The product in 64-bit arithmetic, or nil as for `add64`. Operands are non-zero.
    private static func multiply64(_ x: Exact, _ y: Exact) -> Exact? {
        guard let a = Int64(exactly: x.numerator), let b = Int64(exactly: x.denominator),
              let c = Int64(exactly: y.numerator), let d = Int64(exactly: y.denominator),
              a != .min, c != .min else { return nil }
        let g1 = Int64(gcd64(a.magnitude, UInt64(d)))
        let g2 = Int64(gcd64(c.magnitude, UInt64(b)))
        let (n, o1) = (a / g1).multipliedReportingOverflow(by: c / g2)
        let (den, o2) = (b / g2).multipliedReportingOverflow(by: d / g1)
        guard !o1, !o2 else { return nil }
        return Exact(reduced: Int128(n), Int128(den))
    }

    // MARK: Helpers

    /// Binary GCD: shifts and subtractions, no 128-bit division (a library call on x86-64);
    /// in 64 bits when both fit, which is every report quantity.
    static func gcd(_ a: UInt128, _ b: UInt128) -> UInt128 {
        if a <= UInt128(UInt64.max) && b <= UInt128(UInt64.max) {
            return UInt128(binaryGCD(UInt64(truncatingIfNeeded: a), UInt64(truncatingIfNeeded: b)))
        }
        return binaryGCD(a, b)
    }

    static func gcd64(_ a: UInt64, _ b: UInt64) -> UInt64 { binaryGCD(a, b) }

    private static func binaryGCD<T: FixedWidthInteger & UnsignedInteger>(_ a: T, _ b: T) -> T {
        if a == 0 { return b }
        if b == 0 { return a }
        // Integers (denominator 1) are the commonest operands; the loop below would take
        // one subtraction per bit of the other number to find what is known at once.
        if a == 1 || b == 1 { return 1 }
        var a = a, b = b
        let shift = min(a.trailingZeroBitCount, b.trailingZeroBitCount)
        a >>= a.trailingZeroBitCount
        repeat {
            b >>= b.trailingZeroBitCount
            if a > b { swap(&a, &b) }
            b -= a
        } while b != 0
        return a << shift
    }

    private static func checkedMul(_ a: Int128, _ b: Int128) throws(ArithmeticError) -> Int128 {
        let (r, o) = a.multipliedReportingOverflow(by: b)
        if o { throw .overflow }
        return r
    }

    private static func checkedAdd(_ a: Int128, _ b: Int128) throws(ArithmeticError) -> Int128 {
        let (r, o) = a.addingReportingOverflow(b)
        if o { throw .overflow }
        return r
    }
}

public enum ArithmeticError: Error, Sendable, Equatable, CustomStringConvertible {
    case overflow
    case divisionByZero

    public var description: String {
        switch self {
        case .overflow: "number too large to compute exactly"
        case .divisionByZero: "division by zero"
        }
    }
}

public enum NumberSyntaxError: Error, Sendable, Equatable {
    case malformed
    case tooManyDigits
}

/// Unsigned 256-bit helper for exact comparisons and rounding.
struct Wide {
    var high: UInt128
    var low: UInt128

    static func product(_ a: UInt128, _ b: UInt128) -> Wide {
        let r = a.multipliedFullWidth(by: b)
        return Wide(high: r.high, low: r.low)
    }

    static func compare(_ a: Wide, _ b: Wide) -> Int {
        if a.high != b.high { return a.high < b.high ? -1 : 1 }
        if a.low != b.low { return a.low < b.low ? -1 : 1 }
        return 0
    }

    /// Divides by a 128-bit divisor; the quotient is assumed to fit 128 bits.
    static func divide(_ a: Wide, by d: UInt128) -> (UInt128, UInt128) {
        if a.high >= d {
            // Quotient would not fit; saturate (only reached for absurd magnitudes).
            return (UInt128.max, 0)
        }
        let r = d.dividingFullWidth((high: a.high, low: a.low))
        return (r.quotient, r.remainder)
    }
}
