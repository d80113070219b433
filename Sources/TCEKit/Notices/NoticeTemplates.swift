import Foundation
import Mustache

/// The Mustache templates of the notices, read from `templates/` in the rule set.
/// Each `NAME.mustache` file is the template NAME; the others may include it as `{{> NAME}}`.
public struct NoticeTemplates: Sendable {
    public static let fileExtension = "mustache"
    /// Templates tce renders itself.
    public static let required = [
        "rectification.html", "letter.html", "index.html", "rectification.docx", "letter.docx", "styles.docx",
    ]

    public let directory: String
    let library: MustacheLibrary
    /// Template texts by name, to locate names when reporting a mistake.
    let sources: [String: String]

    init(directory: String) throws(RuleSetErrors) {
        self.directory = directory
        var errors: [RuleSetError] = []
        var library = MustacheLibrary()
        var sources: [String: String] = [:]
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw RuleSetErrors([RuleSetError(file: directory, "the notice templates folder is missing; it must hold \(Self.required.map { $0 + ".mustache" }.joined(separator: ", "))")])
        }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
            .filter { $0.hasSuffix("." + Self.fileExtension) }.sorted()
        for fileName in names {
            let path = directory + "/" + fileName
            let name = String(fileName.dropLast(Self.fileExtension.count + 1))
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                errors.append(RuleSetError(file: path, "cannot read the template as UTF-8 text"))
                continue
            }
            if let unsafe = Self.unescapedTag(in: text) {
                errors.append(RuleSetError(file: path, line: unsafe.line, column: unsafe.column,
                    "\(unsafe.tag) is not allowed in notice templates: it would put report data into the document unescaped (or change how tags are read); use {{name}}"))
                continue
            }
            do {
                library.register(try MustacheTemplate(string: text), named: name)
                sources[name] = text
            } catch let error as MustacheTemplate.ParserError {
                errors.append(RuleSetError(file: path, line: error.context.lineNumber, column: error.context.columnNumber,
                                           "this is not a valid Mustache template: \(Self.describe(error.error))"))
            } catch {
                errors.append(RuleSetError(file: path, "this is not a valid Mustache template: \(error)"))
            }
        }
        for name in Self.required where sources[name] == nil && !names.contains(name + "." + Self.fileExtension) {
            errors.append(RuleSetError(file: directory, "template \(name).\(Self.fileExtension) is missing"))
        }
        if !errors.isEmpty { throw RuleSetErrors(errors) }
        self.library = library
        self.sources = sources
    }

    /// Renders template `name` with `values`; a template that exists always renders.
    func render(_ name: String, _ values: [String: Any]) -> String {
        library.render(values, withTemplate: name) ?? ""
    }

    func path(_ name: String) -> String {
        directory + "/" + name + "." + Self.fileExtension
    }

    // MARK: Checking

    /// Renders every template with sample notices and reports each name that nothing provides,
    /// at its place in the template: a misspelt name would otherwise print nothing, silently.
    func checkNames(config: NoticeConfig, ruleSet: RuleSet) -> [RuleSetError] {
        var unknown: [String: Set<String>] = [:]
        for flag in [true, false] {
            for kind in NoticeKind.allCases {
                let values = NoticeContext.notice(Self.sample(kind, ruleSet: ruleSet, flag: flag), config: config, ruleSet: ruleSet)
                for format in NoticeFormat.allCases {
                    let name = "\(kind.rawValue).\(format.rawValue)"
                    unknown[name, default: []].formUnion(missingNames(name, Self.flagging(values, flag)))
                }
            }
            var index = NoticeIndex(issueDate: Self.sampleDate)
            index.rows = [NoticeIndex.Row(kind: .rectification, number: "1", enterpriseName: "-", creditCode: "-",
                                          reportingYear: 2000, failedRules: ["-"], tier: "-", totalTce: .zero,
                                          files: [.html: "a.html", .docx: "a.docx"])]
            index.failures = [NoticeIndex.Failure(file: "-", reason: "-")]
            index.summary.byRule = Dictionary(uniqueKeysWithValues: ruleSet.rules.map { ($0.id, BatchSummary.RuleCounts(pass: 0, fail: 1, notApplicable: 0)) })
            let values = NoticeContext.index(index, config: config, ruleSet: ruleSet)
            unknown["index.html", default: []].formUnion(missingNames("index.html", Self.flagging(values, flag)))
            unknown["styles.docx", default: []].formUnion(missingNames("styles.docx", [:]))
        }
        var errors: [RuleSetError] = []
        for name in unknown.keys.sorted() {
            for missing in unknown[name]!.sorted() {
                let at = sources[name].flatMap { Self.locate(missing, in: $0) }
                errors.append(RuleSetError(file: path(name), line: at?.line, column: at?.column,
                    "unknown name {{\(missing)}}: neither a value tce fills in nor a text in \(NoticeConfig.fileName)"))
            }
        }
        return errors
    }

    private func missingNames(_ name: String, _ values: [String: Any]) -> Set<String> {
        let root = RecordingRoot(values)
        _ = library.render(root, withTemplate: name)
        return root.missing
    }

    /// Sets every yes/no value to `flag`, so both branches of each section get rendered.
    private static func flagging(_ values: [String: Any], _ flag: Bool) -> [String: Any] {
        values.mapValues { v -> Any in
            if v is Bool { return flag }
            if let list = v as? [[String: Any]] { return list.map { flagging($0, flag) } }
            if let list = v as? LazyMustacheList<[NoticeIndex.Row]> { return list.materialized.map { flagging($0, flag) } }
            return v
        }
    }

    static let sampleDate = CivilDate(year: 2000, month: 1, day: 1)!

    /// A notice with one of everything, to exercise every section of a template.
    static func sample(_ kind: NoticeKind, ruleSet: RuleSet, flag: Bool) -> Notice {
        var n = Notice(kind: kind, issueDate: sampleDate, enterpriseName: "-", creditCode: "-", reportingYear: 2000,
                       totalTce: .zero, tier: ruleSet.tiers.first, sourceFile: "-")
        n.items = [Notice.Item(ruleID: "-", title: "-", quote: "-", quoteSource: "-", message: "-", measured: "1",
                               threshold: "1", unit: "-", action: "-", severity: .error, deadline: sampleDate, deadlineDays: 1)]
        n.obligations = [Notice.Obligation(ruleID: "-", title: "-", quote: "-", met: flag, message: "-", action: "-")]
        return n
    }

    /// The first tag that would print unescaped or change the delimiters: {{{, {{&, {{%, {{=.
    static func unescapedTag(in text: String) -> (tag: String, line: Int, column: Int)? {
        var line = 1, column = 1
        let chars = Array(text)
        for i in chars.indices {
            if chars[i] == "{", i + 2 < chars.count, chars[i + 1] == "{", "{&%=".contains(chars[i + 2]) {
                return ("{{" + String(chars[i + 2]), line, column)
            }
            if chars[i].isNewline { line += 1; column = 1 } else { column += 1 }
        }
        return nil
    }

    /// Where `{{name}}` (or `{{#name`, `{{^name`, `{{/name`) first appears.
    static func locate(_ name: String, in text: String) -> (line: Int, column: Int)? {
        let chars = Array(text), target = Array(name)
        var line = 1, column = 1
        for i in chars.indices {
            if chars[i] == "{", i + 1 < chars.count, chars[i + 1] == "{" {
                var j = i + 2
                while j < chars.count, chars[j] == " " || "#^/".contains(chars[j]) { j += 1 }
                if j + target.count <= chars.count, Array(chars[j..<(j + target.count)]) == target {
                    let after = j + target.count < chars.count ? chars[j + target.count] : " "
                    if after == " " || after == "}" || after == "." { return (line, column) }
                }
            }
            if chars[i].isNewline { line += 1; column = 1 } else { column += 1 }
        }
        return nil
    }

    private static func describe(_ error: Error) -> String {
        guard let e = error as? MustacheTemplate.Error else { return "\(error)" }
        switch e {
        case .sectionCloseNameIncorrect: return "a section is closed with another name than it was opened with"
        case .unfinishedName: return "a tag is not finished (missing }})"
        case .expectedSectionEnd: return "a section is opened but never closed ({{/name}} missing)"
        case .invalidSetDelimiter: return "a set-delimiter tag is malformed"
        default: return "\(e)"
        }
    }
}

/// The root of a template check: answers like the real values, and notes every name it lacks.
/// The root is the bottom of Mustache's lookup stack, so a name it lacks is provided by nothing.
private final class RecordingRoot: MustacheParent {
    let values: [String: Any]
    var missing: Set<String> = []

    init(_ values: [String: Any]) {
        self.values = values
    }

    func child(named name: String) -> Any? {
        if let v = values[name] { return v }
        missing.insert(name)
        return nil
    }
}
