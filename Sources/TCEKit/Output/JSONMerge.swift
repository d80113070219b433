import Foundation

/// Merges the `--format json` outputs of shards of one drop into the document a single run
/// over the whole drop would have written, byte for byte (when every shard named its files
/// the same way): reports re-sorted by file, byte-wise; summary recomputed.
///
/// One rule looks across reports: `duplicate-report` (any rule using batch facts). Within a
/// shard it saw only that shard. A shard's verdicts stay exact for every enterprise-year whose
/// reports all went to that shard — so shard by credit code and nothing needs redoing. Reports
/// whose enterprise-year turns up in more than one shard are checked again here, from their
/// files, with the batch-wide facts of the whole drop, and their lines replaced.
public struct JSONMerge {
    public let checker: Checker
    public let reporter: JSONReporter

    public init(checker: Checker, reporter: JSONReporter) {
        self.checker = checker
        self.reporter = reporter
    }

    public struct Merged: Sendable {
        public var text: [UInt8]
        public var summary: BatchSummary
        /// Files checked again because their enterprise-year spans shards.
        public var rechecked: [String]
    }

    /// One report line of a shard, with what the merge needs from it.
    private struct Entry {
        var file: String
        var line: [UInt8]
        var shard: Int
        var enterpriseYear: String?
        var object: [String: Any]
    }

    /// `shards`: (name, bytes) of each shard's JSON document, in any order.
    public func merge(_ shards: [(name: String, bytes: [UInt8])]) throws(MergeError) -> Merged {
        let header = Array(reporter.header().utf8)
        var entries: [Entry] = []
        for (index, shard) in shards.enumerated() {
            entries += try Self.entries(of: shard, index: index, header: header)
        }
        entries.sort { $0.file.utf8Precedes($1.file) }
        for k in entries.indices.dropFirst() where entries[k].file == entries[k - 1].file {
            throw MergeError("\(entries[k].file) is in two shards (\(shards[entries[k - 1].shard].name) and "
                             + "\(shards[entries[k].shard].name)); each file must be checked in exactly one shard")
        }

        // Enterprise-years seen in more than one shard: only their reports need the whole drop.
        var shardsOfKey: [String: Set<Int>] = [:]
        for e in entries { if let key = e.enterpriseYear { shardsOfKey[key, default: []].insert(e.shard) } }
        var firstSeen: [String: String] = [:]
        var rechecked: [String] = []
        for k in entries.indices {
            guard let key = entries[k].enterpriseYear else { continue }
            let first = firstSeen[key]
            if first == nil { firstSeen[key] = entries[k].file }
            guard (shardsOfKey[key]?.count ?? 0) > 1 else { continue }
            let pending = checker.checkAlone(Input(display: entries[k].file, path: entries[k].file, problem: nil))
            guard pending.result.status == .checked, pending.result.enterpriseYear == key else {
                throw MergeError("\(entries[k].file) must be checked again (its enterprise and year are in several shards), "
                                 + "but it can no longer be read as the same report: "
                                 + (pending.result.errors.first?.description ?? "its credit code or year changed")
                                 + ". Run merge where the drop's files are, as the shards named them.")
            }
            let result = checker.finish(pending, duplicateOf: first)
            entries[k].line = reporter.renderUTF8(result)
            entries[k].object = (try? JSONSerialization.jsonObject(with: Data(entries[k].line)) as? [String: Any]) ?? [:]
            rechecked.append(entries[k].file)
        }

        let summary = Self.summary(of: entries.map(\.object))
        var text = header
        for (k, e) in entries.enumerated() {
            if k > 0 { text += Array(reporter.separator.utf8) }
            text += e.line
        }
        text += Array(reporter.footer(summary).utf8)
        return Merged(text: text, summary: summary, rechecked: rechecked)
    }

    /// The report lines of one shard document (JSONReporter writes one report per line).
    private static func entries(of shard: (name: String, bytes: [UInt8]), index: Int, header: [UInt8]) throws(MergeError) -> [Entry] {
        let bytes = shard.bytes
        guard bytes.starts(with: header) else {
            let ownHeader = bytes.prefix(300).split(separator: 0x0A).first.map { String(decoding: $0, as: UTF8.self) } ?? ""
            throw MergeError("\(shard.name) is not a tce check --format json document made with this rule set and language "
                             + "(its first line is \(ownHeader.prefix(200)); pass the shards' --rules and --lang)")
        }
        var lines = bytes[header.count...].split(separator: 0x0A, omittingEmptySubsequences: false)
        // The end: "]," then the summary line and an empty last piece.
        guard let close = lines.firstIndex(where: { $0.elementsEqual("],".utf8) }) else {
            throw MergeError("\(shard.name) is incomplete: its report list never ends (was its run cut short?)")
        }
        lines = Array(lines[..<close])
        var result: [Entry] = []
        for (k, raw) in lines.enumerated() {
            if raw.isEmpty && lines.count == 1 { break }  // a shard without reports
            var line = Array(raw)
            if k < lines.count - 1 {
                guard line.last == UInt8(ascii: ",") else {
                    throw MergeError("\(shard.name), report \(k + 1): expected a comma between reports")
                }
                line.removeLast()
            }
            guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                  let file = object["file"] as? String else {
                throw MergeError("\(shard.name), report \(k + 1): not a report object")
            }
            var key: String?
            if object["status"] as? String == "checked",
               let code = (object["enterprise"] as? [String: Any])?["creditCode"] as? String,
               let year = object["year"] as? Int {
                key = "\(code)|\(year)"
            }
            result.append(Entry(file: file, line: line, shard: index, enterpriseYear: key, object: object))
        }
        return result
    }

    /// The batch summary, recomputed from the merged report objects as `BatchSummary.add` does.
    static func summary(of reports: [[String: Any]]) -> BatchSummary {
        var summary = BatchSummary()
        var byRule: [String: BatchSummary.RuleCounts] = [:]
        for r in reports {
            summary.reports += 1
            guard r["status"] as? String == "checked" else {
                summary.invalid += 1
                continue
            }
            summary.checked += 1
            var anyFailure = false
            for f in r["findings"] as? [[String: Any]] ?? [] {
                let rule = f["rule"] as? String ?? ""
                var counts = byRule[rule] ?? BatchSummary.RuleCounts()
                switch f["outcome"] as? String {
                case "pass": counts.pass += 1
                case "fail":
                    counts.fail += 1
                    anyFailure = true
                    if let severity = (f["severity"] as? String).flatMap(Rule.Severity.init(rawValue:)) {
                        summary.failedBySeverity[severity, default: 0] += 1
                    }
                default: counts.notApplicable += 1
                }
                byRule[rule] = counts
                if let e = f["ruleError"] as? String, summary.ruleErrors.count < 100, !summary.ruleErrors.contains(e) {
                    summary.ruleErrors.append(e)
                }
            }
            if anyFailure { summary.failed += 1 }
        }
        summary.byRule = byRule
        return summary
    }
}

/// Why shards cannot be merged.
public struct MergeError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
