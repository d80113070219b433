import Foundation

/// Paths as CI systems want them: relative to the checkout (the working directory), and for
/// SARIF as URI references.
public enum ArtifactPath {
    /// `./a//b/./c.xml` → `a/b/c.xml`; an absolute path inside `directory` loses that prefix.
    /// `..` is kept: the path may lie outside the working directory.
    public static func relative(_ path: String, to directory: String?) -> String {
        var path = path
        if let directory, path.hasPrefix("/") {
            let base = directory.hasSuffix("/") ? directory : directory + "/"
            if path.hasPrefix(base) { path = String(path.dropFirst(base.count)) }
        }
        let absolute = path.hasPrefix("/")
        // Only the part outside an archive is a file-system path; keep the entry name as stored.
        let (outer, inner) = split(path)
        let parts = outer.split(separator: "/", omittingEmptySubsequences: true).filter { $0 != "." }
        let joined = (absolute ? "/" : "") + parts.joined(separator: "/")
        return joined + (inner.map { "!/" + $0 } ?? "")
    }

    /// A URI reference for SARIF's `artifactLocation.uri`: relative paths stay relative (resolved
    /// against `%SRCROOT%`), absolute ones become `file://` URIs; everything outside the
    /// unreserved set and `/` `!` is percent-encoded (UTF-8), so Chinese names survive.
    public static func uri(_ relativePath: String) -> (uri: String, isRelative: Bool) {
        let encoded = percentEncoded(relativePath)
        return relativePath.hasPrefix("/") ? ("file://" + encoded, false) : (encoded, true)
    }

    static func percentEncoded(_ s: String) -> String {
        var out = ""
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"), UInt8(ascii: "!"):
                out.unicodeScalars.append(UnicodeScalar(byte))
            default:
                let digits = Array("0123456789ABCDEF")
                out += "%" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0xF)])
            }
        }
        return out
    }

    /// `drop.zip!/in/side.xml` → (`drop.zip`, `in/side.xml`).
    private static func split(_ path: String) -> (String, String?) {
        guard let range = path.range(of: ".zip!/", options: .caseInsensitive) else { return (path, nil) }
        let outer = String(path[..<range.upperBound].dropLast(2))
        return (outer, String(path[range.upperBound...]))
    }
}
