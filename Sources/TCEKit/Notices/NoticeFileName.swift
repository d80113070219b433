/// File names for notices: only letters, digits, `-`, `_` and `.`, never a leading dot or dash,
/// never a path separator, so a name from a report cannot leave the output folder or hide.
enum NoticeFileName {
    static let maximumLength = 120

    static func sanitize(_ raw: String) -> String {
        var out = String(raw.unicodeScalars.prefix(maximumLength).map { s -> Character in
            let ok = s.isASCII && (s.properties.isAlphabetic || ("0"..."9").contains(s) || s == "-" || s == "_" || s == ".")
            return ok ? Character(s) : "_"
        })
        if let first = out.first, first == "." || first == "-" { out = "_" + out.dropFirst() }
        return out.isEmpty ? "notice" : out
    }

    /// Names already taken in this run; a second notice for the same name gets `-2`, `-3`…
    struct Registry {
        private var taken: Set<String>
        /// The next suffix to try per base name, so many repeats of one name stay linear.
        private var next: [String: Int] = [:]

        init(reserved: [String]) {
            taken = Set(reserved)
        }

        mutating func claim(_ raw: String) -> String {
            let base = sanitize(raw)
            var name = base
            var n = next[base] ?? 2
            while taken.contains(name) {
                name = "\(base)-\(n)"
                n += 1
            }
            next[base] = n
            taken.insert(name)
            return name
        }
    }
}
