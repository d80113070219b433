import CLibXML2
#if canImport(Glibc)
import Glibc
#endif

/// An XSD simple type (a built-in type restricted by facets), checked on a value's UTF-8 bytes.
///
/// What the checks need from XSD's rules: the value is whitespace-normalized as its built-in type
/// says (`token` and the numeric and date types collapse runs of blanks), then it must be a
/// lexical form of the built-in type, and then satisfy every facet: at least one pattern of each
/// derivation step, one of the enumerated values, the length bounds. Dates, signed numbers and
/// numbers of more than 18 digits are handed to libxml2's own built-in type check, so they are
/// judged exactly as its validator judges them.
struct SchemaSimpleType: Sendable {
    enum Builtin: String, Sendable, CaseIterable {
        case string, normalizedString, token, boolean, decimal, integer, nonNegativeInteger, positiveInteger, date

        /// Whether length and enumeration facets compare the text itself (not a number or a date).
        var isText: Bool { self == .string || self == .normalizedString || self == .token }

        fileprivate var whitespace: Whitespace {
            switch self {
            case .string: .preserve
            case .normalizedString: .replace
            default: .collapse
            }
        }
    }

    fileprivate enum Whitespace { case preserve, replace, collapse }

    let builtin: Builtin
    /// The derivation steps with patterns (a range of `CompiledSchema.patternSteps`): the value
    /// must match at least one pattern of each step.
    var patternSteps: Range<Int32> = 0..<0
    /// The allowed values (a range of `CompiledSchema.enumerated`), normalized; nil when the type
    /// enumerates nothing.
    var enumeration: Range<Int32>?
    var minLength: Int32 = 0
    var maxLength: Int32 = .max

    init(builtin: Builtin) {
        self.builtin = builtin
    }

    /// `raw` (an attribute value or an element's text) normalized as the type says, when that
    /// changes nothing or only trims the ends (the usual case); nil when `normalized` must copy.
    @inline(__always)
    func normalizedInPlace(_ raw: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8>? {
        switch builtin.whitespace {
        case .preserve:
            return raw
        case .replace:
            for byte in raw where byte == 0x09 || byte == 0x0A || byte == 0x0D { return nil }
            return raw
        case .collapse:
            // Most values have no blank at all; one comparison a byte finds that out.
            var plain = true
            for byte in raw where byte <= 0x20 {
                plain = false
                break
            }
            return plain ? raw : Self.collapsedInPlace(raw)
        }
    }

    /// Whether the normalized value is within the length facets (counted in characters).
    @inline(__always)
    func hasAllowedLength(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        guard minLength > 0 || maxLength < .max else { return true }
        // A character is one to four bytes: the byte count alone often settles it.
        if value.count >= 4 * Int(minLength) && value.count <= Int(maxLength) { return true }
        let length = value.reduce(0) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 }
        return length >= minLength && length <= maxLength
    }

    /// Whether the normalized value is a lexical form of the built-in type.
    @inline(__always)
    func hasBuiltinForm(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        switch builtin {
        case .string, .normalizedString, .token:
            return true
        case .boolean:
            return Self.equals(value, "true") || Self.equals(value, "false") || Self.equals(value, "1") || Self.equals(value, "0")
        case .integer, .nonNegativeInteger, .positiveInteger:
            // Plain digits of ordinary length are decided here; signs and long numbers by libxml2.
            guard !value.isEmpty, value.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return libxmlAccepts(value) }
            let significant = value.drop { $0 == 0x30 }
            guard significant.count <= 18 else { return libxmlAccepts(value) }
            return builtin != .positiveInteger || !significant.isEmpty
        case .decimal:
            // Digits, or digits, a point and digits, of ordinary length; every other form goes to libxml2.
            var before = 0, after = 0, point = false
            for byte in value {
                if byte >= 0x30 && byte <= 0x39 {
                    if point { after += 1 } else { before += 1 }
                } else if byte == 0x2E && !point {
                    point = true
                } else {
                    return libxmlAccepts(value)
                }
            }
            guard before > 0, !point || after > 0, before + after <= 18 else { return libxmlAccepts(value) }
            return true
        case .date:
            return libxmlAccepts(value)
        }
    }

    /// libxml2's verdict on `value` as a lexical form of the built-in type.
    private func libxmlAccepts(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let type = xmlSchemaGetPredefinedType(builtin.rawValue, CompiledSchema.xsdNamespace) else { return false }
        // libxml2 reads a C string: a value with a NUL in it is not one libxml2 would see.
        guard !value.contains(0) else { return false }
        var text = Array(value)
        text.append(0)
        return xmlSchemaValidatePredefinedType(type, text, nil) == 0
    }

    private static func equals(_ value: UnsafeBufferPointer<UInt8>, _ word: StaticString) -> Bool {
        guard value.count == word.utf8CodeUnitCount, let base = value.baseAddress else { return false }
        return memcmp(base, word.utf8Start, value.count) == 0
    }

    /// The collapsed value as a slice of `raw`, when collapsing only trims its ends.
    private static func collapsedInPlace(_ raw: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8>? {
        var start = 0, end = raw.count
        while start < end, raw[start].isXMLBlank { start += 1 }
        while end > start, raw[end - 1].isXMLBlank { end -= 1 }
        var previousBlank = false
        for i in start..<end {
            let byte = raw[i]
            if byte == 0x09 || byte == 0x0A || byte == 0x0D || (byte == 0x20 && previousBlank) { return nil }
            previousBlank = byte == 0x20
        }
        return UnsafeBufferPointer(rebasing: raw[start..<end])
    }

    /// XSD's `collapse`: blanks become spaces, runs of them one space, none at either end.
    static func collapsed<C: Collection<UInt8>>(_ raw: C) -> [UInt8] {
        var result: [UInt8] = []
        var pendingSpace = false
        for byte in raw {
            if byte.isXMLBlank {
                pendingSpace = !result.isEmpty
            } else {
                if pendingSpace { result.append(0x20) }
                pendingSpace = false
                result.append(byte)
            }
        }
        return result
    }

    /// A value normalized as the type normalizes its values (for enumerated and fixed values).
    func normalized<C: Collection<UInt8>>(_ raw: C) -> [UInt8] {
        switch builtin.whitespace {
        case .preserve: Array(raw)
        case .replace: raw.map { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D ? 0x20 : $0 }
        case .collapse: Self.collapsed(raw)
        }
    }
}
