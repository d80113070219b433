import Foundation
import Yams

/// A YAML rules file read with positions, so every complaint names file:line:column.
/// Problems are collected rather than thrown, so one run reports all of them.
final class YAMLFile {
    let path: String
    let root: Node?
    private(set) var errors: [RuleSetError] = []

    init(path: String) {
        self.path = path
        var root: Node?
        do {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            // The basic resolver: tce reads every scalar as text and decides its type itself, and
            // the default resolver's regular expressions cost more than the rest of loading.
            // UTF-8 named outright: Yams's default reads the whole environment for every file
            // (a tenth of loading), and prints to standard output when YAMS_DEFAULT_ENCODING is
            // set, which would corrupt tce's JSON.
            root = try Yams.compose(yaml: text, .basic, .default, .utf8)
            if root == nil { errors.append(RuleSetError(file: path, line: 1, column: 1, "the file is empty")) }
        } catch let error as YamlError {
            errors.append(Self.describe(error, path: path))
        } catch {
            errors.append(RuleSetError(file: path, "cannot read the file: \(error.localizedDescription)"))
        }
        self.root = root
    }

    private static func describe(_ error: YamlError, path: String) -> RuleSetError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return RuleSetError(file: path, line: mark.line, column: mark.column,
                                "this is not valid YAML: \(problem) (check indentation, colons and quotes)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return RuleSetError(file: path, line: context.mark.line, column: context.mark.column,
                                "a key appears twice: \(duplicates.joined(separator: ", "))")
        default:
            return RuleSetError(file: path, "this is not valid YAML: \(error)")
        }
    }

    func error(_ message: String, at node: Node?) {
        errors.append(RuleSetError(file: path, line: node?.mark?.line, column: node?.mark?.column, message))
    }

    func error(_ message: String, at node: Node?, offsetLine: Int, column: Int) {
        // Expressions sit in one scalar; its mark is where the scalar starts.
        guard let mark = node?.mark else { return error(message, at: node) }
        let quoted = node?.scalar.map { $0.style == .singleQuoted || $0.style == .doubleQuoted } ?? false
        let line = mark.line + offsetLine - 1
        let col = offsetLine == 1 ? mark.column + column - 1 + (quoted ? 1 : 0) : column
        errors.append(RuleSetError(file: path, line: line, column: col, message))
    }

    // MARK: Typed access

    func mapping(_ node: Node?, _ what: String) -> Node.Mapping? {
        guard let node else { return nil }
        guard let m = node.mapping else {
            error("\(what) must be a set of \"key: value\" lines", at: node)
            return nil
        }
        return m
    }

    func string(_ node: Node?, _ what: String, required: Bool = true, parent: Node? = nil) -> String? {
        guard let node else {
            if required { error("\(what) is missing", at: parent) }
            return nil
        }
        guard let s = node.scalar?.string, !s.isEmpty else {
            error("\(what) must be a single text value", at: node)
            return nil
        }
        return s
    }

    func number(_ node: Node?, _ what: String) -> Exact? {
        guard let node else { return nil }
        guard let text = node.scalar?.string, let value = try? Exact(decimal: text) else {
            error("\(what) must be a plain decimal number like 1000 or 0.03 (no sign or exponent)", at: node)
            return nil
        }
        return value
    }

    func localized(_ node: Node?, _ what: String, parent: Node?) -> Localized? {
        guard let node else {
            error("\(what) is missing; give it as zh: … and en: …", at: parent)
            return nil
        }
        if let s = node.scalar?.string { return Localized(zh: s, en: s) }
        guard let m = mapping(node, what) else { return nil }
        guard let zh = string(m["zh"], "\(what) in Chinese (zh)", parent: node),
              let en = string(m["en"], "\(what) in English (en)", parent: node)
        else { return nil }
        return Localized(zh: zh, en: en)
    }

    /// Complains about keys this part of the file does not know: usually a typo.
    func checkKeys(_ mapping: Node.Mapping, allowed: [String], in what: String) {
        for (key, _) in mapping {
            guard let name = key.scalar?.string, !allowed.contains(name) else { continue }
            let hint = allowed.min { Self.distance($0, name) < Self.distance($1, name) }
            let suggestion = hint.map { Self.distance($0, name) <= 3 ? "; did you mean \"\($0)\"?" : "" } ?? ""
            error("\"\(name)\" is not a known key in \(what)\(suggestion) Known keys: \(allowed.joined(separator: ", "))", at: key)
        }
    }

    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var row = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var previous = row[0]
            row[0] = i
            for j in 1...max(b.count, 1) where !b.isEmpty {
                let current = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                previous = current
            }
        }
        return row[b.count]
    }
}
