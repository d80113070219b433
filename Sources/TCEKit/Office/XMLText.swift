/// Text for XML and HTML output: escaped, and without characters XML 1.0 cannot hold,
/// so no report or rules text can break a generated document.
public enum XMLText {
    /// Escapes markup characters (both quote kinds, so the result is safe in attributes too).
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                if isAllowed(scalar) { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    /// Drops characters XML 1.0 does not allow (controls other than tab and line ends,
    /// lone surrogates cannot occur in a Swift string, U+FFFE and U+FFFF).
    public static func clean(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: { !isAllowed($0) }) else { return s }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: s.unicodeScalars.filter(isAllowed))
        return String(out)
    }

    public static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: true
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }
}
