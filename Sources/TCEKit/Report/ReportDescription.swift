/// A canonical text of everything a `Report` holds, numbers as exact fractions, so two ways
/// of reading one file can be compared field by field (the fast and the full loader, in
/// tests and in the fuzzer).
enum ReportDescription {
    static func of(_ report: Report) -> String {
        var out = ""
        describe(report, into: &out)
        return out
    }

    private static func describe(_ value: Any, into out: inout String) {
        if let exact = value as? Exact {
            out += "\(exact.numerator)/\(exact.denominator)"
            return
        }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .struct, .tuple, .class:
            out += "{"
            for child in mirror.children {
                out += (child.label ?? "_") + ":"
                describe(child.value, into: &out)
                out += ","
            }
            out += "}"
        case .collection:
            out += "["
            for child in mirror.children {
                describe(child.value, into: &out)
                out += ","
            }
            out += "]"
        case .optional:
            if let some = mirror.children.first { describe(some.value, into: &out) } else { out += "nil" }
        default:
            out += String(reflecting: value)
        }
    }
}
