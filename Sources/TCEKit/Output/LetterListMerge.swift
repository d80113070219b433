/// Merges the `tce letters` CSV lists of shards into the list one run over the whole drop
/// writes: same header, rows in the list's order (total_tce descending, then credit_code,
/// then file, byte-wise). Rows are kept as written. No rule looks across reports here, so
/// nothing is checked again.
public enum LetterListMerge {
    public static func merge(_ shards: [(name: String, bytes: [UInt8])]) throws(MergeError) -> [UInt8] {
        let header = Array(("\u{FEFF}" + LetterList.columns.joined(separator: ",") + "\r\n").utf8)
        var rows: [(total: Exact, code: String, file: String, text: [UInt8])] = []
        for shard in shards {
            guard shard.bytes.starts(with: header) else {
                throw MergeError("\(shard.name) is not a tce letters list (its first line is not the list's header)")
            }
            let records: [(fields: [String], text: [UInt8])]
            do {
                records = try parse(Array(shard.bytes[header.count...]))
            } catch {
                throw MergeError("\(shard.name): \(error.message)")
            }
            for (n, record) in records.enumerated() {
                guard record.fields.count == LetterList.columns.count,
                      let total = try? Exact(decimal: record.fields[3]) else {
                    throw MergeError("\(shard.name), row \(n + 1): not a row of the letters list")
                }
                rows.append((total, record.fields[0], undefused(record.fields[11]), record.text))
            }
        }
        rows.sort { a, b in
            if a.total != b.total { return a.total > b.total }
            if a.code != b.code { return a.code.utf8Precedes(b.code) }
            return a.file.utf8Precedes(b.file)
        }
        return header + rows.flatMap(\.text)
    }

    /// A text field as LetterList had it before defusing a leading formula character.
    private static func undefused(_ s: String) -> String {
        guard s.hasPrefix("'"), let second = s.dropFirst().first, "=+-@\t\r".contains(second) else { return s }
        return String(s.dropFirst())
    }

    /// RFC 4180 records ending in CRLF; each with its fields unquoted and its exact bytes.
    static func parse(_ bytes: [UInt8]) throws(MergeError) -> [(fields: [String], text: [UInt8])] {
        var records: [(fields: [String], text: [UInt8])] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var start = 0
        var i = 0
        var quoted = false
        while i < bytes.count {
            let b = bytes[i]
            if quoted {
                if b == UInt8(ascii: "\"") {
                    if i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "\"") {
                        field.append(b)
                        i += 2
                        continue
                    }
                    quoted = false
                } else {
                    field.append(b)
                }
                i += 1
                continue
            }
            switch b {
            case UInt8(ascii: "\"") where field.isEmpty:
                quoted = true
            case UInt8(ascii: ","):
                fields.append(String(decoding: field, as: UTF8.self))
                field = []
            case 0x0D where i + 1 < bytes.count && bytes[i + 1] == 0x0A:
                fields.append(String(decoding: field, as: UTF8.self))
                field = []
                i += 1
                records.append((fields, Array(bytes[start...i])))
                fields = []
                start = i + 1
            default:
                field.append(b)
            }
            i += 1
        }
        guard start == bytes.count, !quoted else { throw MergeError("the list ends in the middle of a row") }
        return records
    }
}
