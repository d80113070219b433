import Foundation

/// Failures accepted for now, so that only new ones fail a pipeline. A failure is identified by
/// the enterprise's credit code, the reporting year and the rule — never by file path or line —
/// so renaming, reordering or reformatting a drop changes nothing.
public struct Baseline: Sendable {
    public struct Key: Hashable, Comparable, Sendable, CustomStringConvertible {
        public var creditCode: String
        public var year: Int
        public var rule: String

        public init(creditCode: String, year: Int, rule: String) {
            self.creditCode = creditCode
            self.year = year
            self.rule = rule
        }

        /// Byte-wise credit code, then year, then rule: the order of the baseline file.
        public static func < (a: Key, b: Key) -> Bool {
            if a.creditCode != b.creditCode { return a.creditCode.utf8.lexicographicallyPrecedes(b.creditCode.utf8) }
            if a.year != b.year { return a.year < b.year }
            return a.rule.utf8.lexicographicallyPrecedes(b.rule.utf8)
        }

        public var description: String { "\(creditCode) \(year) \(rule)" }
    }

    public struct Entry: Sendable {
        public var key: Key
        /// The enterprise's name, for people reading the file; not used for matching.
        public var name: String?

        public init(key: Key, name: String?) {
            self.key = key
            self.name = name
        }
    }

    public static let formatVersion = 1

    /// Sorted by key, each key once.
    public let entries: [Entry]
    private let keys: Set<Key>
    /// The file it was read from, as the user named it.
    public var source: String?
    /// The file's text, kept to point at an entry's line.
    private var text: String?

    public init(entries: [Entry], source: String? = nil) {
        var unique: [Key: Entry] = [:]
        for e in entries where unique[e.key] == nil { unique[e.key] = e }
        self.entries = unique.values.sorted { $0.key < $1.key }
        keys = Set(unique.keys)
        self.source = source
    }

    public func contains(_ key: Key) -> Bool { keys.contains(key) }

    /// The key of a failed finding of a checked report.
    public static func key(_ result: ReportResult, _ finding: Finding) -> Key? {
        guard let report = result.report else { return nil }
        return Key(creditCode: report.enterprise.creditCode, year: report.reportingYear, rule: finding.ruleID)
    }

    /// Whether this failure of this report is accepted by the baseline.
    public func covers(_ result: ReportResult, _ finding: Finding) -> Bool {
        finding.isFailure && Self.key(result, finding).map(contains) == true
    }

    // MARK: File

    /// Deterministic JSON: sorted, one failure per line, so a baseline diffs well in review.
    public func json(ruleSet: String) -> String {
        var out = "{\"tool\":\"tce\",\"version\":\(Self.formatVersion),\"ruleSet\":\(JSONText.string(ruleSet)),\n\"failures\":["
        for (i, e) in entries.enumerated() {
            out += (i == 0 ? "\n" : ",\n") + JSONText.object([
                ("creditCode", JSONText.string(e.key.creditCode)), ("year", String(e.key.year)),
                ("rule", JSONText.string(e.key.rule)), ("name", e.name.map(JSONText.string)),
            ])
        }
        return out + (entries.isEmpty ? "" : "\n") + "]}\n"
    }

    private struct FileFormat: Decodable {
        struct Failure: Decodable {
            var creditCode: String
            var year: Int
            var rule: String
            var name: String?
        }

        var version: Int
        var failures: [Failure]
    }

    /// Reads a baseline file's bytes; the error says what is wrong and where.
    public static func parse(_ data: Data, source: String) throws(BaselineError) -> Baseline {
        let file: FileFormat
        do {
            file = try JSONDecoder().decode(FileFormat.self, from: data)
        } catch let error as DecodingError {
            throw BaselineError(file: source, message: describe(error))
        } catch {
            throw BaselineError(file: source, message: "cannot be read: \(error)")
        }
        guard file.version == formatVersion else {
            throw BaselineError(file: source, message: "unknown baseline version \(file.version); this tce reads version \(formatVersion)")
        }
        var baseline = Baseline(entries: file.failures.map {
            Entry(key: Key(creditCode: $0.creditCode, year: $0.year, rule: $0.rule), name: $0.name)
        }, source: source)
        baseline.text = String(decoding: data, as: UTF8.self)
        return baseline
    }

    /// The line of each entry in the file it was read from, for entries written one per line
    /// (as tce writes them); entries laid out otherwise have none.
    public func lineNumbers() -> [Key: Int] {
        guard let text else { return [:] }
        var lines: [Key: Int] = [:]
        let decoder = JSONDecoder()
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var s = line.trimmingCharacters(in: .whitespaces)
            if s.hasSuffix(",") { s.removeLast() }
            guard s.hasPrefix("{"), s.contains("\"rule\""),
                  let f = try? decoder.decode(FileFormat.Failure.self, from: Data(s.utf8)) else { continue }
            let key = Key(creditCode: f.creditCode, year: f.year, rule: f.rule)
            if lines[key] == nil { lines[key] = n + 1 }
        }
        return lines
    }

    /// `failures[3].year: expected a number`, from what the decoder knows.
    private static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0 + 1)]" } ?? ".\($0.stringValue)" }.joined()
                .trimmingCharacters(in: CharacterSet(charactersIn: "."))
                .replacingOccurrences(of: ".[", with: "[")
        }
        switch error {
        case .keyNotFound(let key, let context):
            let at = path(context.codingPath)
            return (at.isEmpty ? "" : at + ": ") + "\"\(key.stringValue)\" is missing"
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            let what = type == String.self ? "text" : type == Int.self ? "a whole number" : "\(type)"
            return path(context.codingPath) + ": expected \(what)"
        case .dataCorrupted(let context):
            let reason = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
            return "not valid JSON" + (reason.map { " (\($0))" } ?? "")
        @unknown default:
            return "cannot be read: \(error)"
        }
    }

    public static func load(file path: String) throws(BaselineError) -> Baseline {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw BaselineError(file: path, message: "cannot read the file")
        }
        return try parse(data, source: path)
    }
}

public struct BaselineError: Error, CustomStringConvertible {
    public var file: String
    public var message: String

    public var description: String { "baseline \(file): \(message)" }
}
