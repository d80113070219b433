/// What office documents add to XML escaping: text cleaned of characters XML 1.0 cannot hold
/// before it goes where no escaping applies (Mustache templates, ZIP part names, sheet names).
extension XMLText {
    /// Drops controls other than tab and line ends, and U+FFFE, U+FFFF.
    static func clean(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: { !isAllowed($0) }) else { return s }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: s.unicodeScalars.filter(isAllowed))
        return String(out)
    }

    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: true
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }
}
