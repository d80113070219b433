/// Minimal XML writing for streamed reports (JUnit): escaping for text and attribute values.
enum XMLText {
    /// Escapes markup characters and drops what XML 1.0 cannot carry at all (most control
    /// characters, lone surrogates cannot occur in a Swift string); tabs and line breaks in
    /// attributes become character references so they survive attribute normalisation.
    static func escape(_ s: String, attribute: Bool = true) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where attribute: out += "&quot;"
            case "\n" where attribute: out += "&#10;"
            case "\r": out += "&#13;"
            case "\t" where attribute: out += "&#9;"
            case "\t", "\n": out.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF:
                continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// `<name a="1" b="2"` — attributes in the given order, nil ones left out; the caller closes the tag.
    static func open(_ name: String, _ attributes: [(String, String?)]) -> String {
        "<" + name + attributes.compactMap { key, value in value.map { " \(key)=\"\(escape($0))\"" } }.joined()
    }
}
