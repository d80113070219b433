import Foundation
import Yams

extension RuleSet {
    /// Where this rule set keeps its notice settings.
    public var noticeConfigPath: String { directory.appendingPathComponent(NoticeConfig.fileName).path }

    /// Loads and checks `notices.yaml` and the templates, collecting every mistake with file:line:column.
    public func noticeConfig() throws(RuleSetErrors) -> NoticeConfig {
        var loader = NoticeConfigLoader(ruleSet: self)
        return try loader.load()
    }
}

/// Reads `notices.yaml`: each part checked against the rule set (rule ids, tiers) and every
/// text's placeholders against the names a notice provides.
struct NoticeConfigLoader {
    static let topKeys = [
        "authority", "numbering", "dateFormat", "deadline", "units", "contact", "severity", "tiers",
    ] + NoticeConfig.Section.allCases.map(\.rawValue)
    /// Longest deadline accepted, in days.
    static let maximumDeadline = 3650

    let ruleSet: RuleSet
    private var errors: [RuleSetError] = []

    init(ruleSet: RuleSet) {
        self.ruleSet = ruleSet
    }

    mutating func load() throws(RuleSetErrors) -> NoticeConfig {
        let path = ruleSet.noticeConfigPath
        guard FileManager.default.fileExists(atPath: path) else {
            throw RuleSetErrors([RuleSetError(file: path, "no notice settings here: \(NoticeConfig.fileName) is missing from the rule set")])
        }
        let file = YAMLFile(path: path)
        guard let root = file.mapping(file.root, "the notice settings") else { throw RuleSetErrors(file.errors) }
        file.checkKeys(root, allowed: Self.topKeys, in: "the notice settings")

        let authority = file.string(root["authority"], "authority", parent: file.root)
        let numbering = loadNumbering(file, root["numbering"])
        let dateFormat = template(file, root["dateFormat"], "dateFormat", names: NoticeConfig.datePlaceholders, parent: file.root)
        let deadline = loadDeadline(file, root["deadline"])
        let units = ruleMap(file, root["units"], "units") { node, what in file.string(node, what) }
        let contact = loadContact(file, root["contact"])
        let severity = loadSeverity(file, root["severity"])
        var texts: [NoticeConfig.Section: [String: Template]] = [:]
        for section in NoticeConfig.Section.allCases {
            texts[section] = loadTexts(file, root[section.rawValue], section)
        }
        let tiers = loadTiers(file, root["tiers"])

        let templatesPath = ruleSet.directory.appendingPathComponent(NoticeConfig.templatesFolder).path
        var templates: NoticeTemplates?
        do {
            templates = try NoticeTemplates(directory: templatesPath)
        } catch {
            errors.append(contentsOf: error.errors)
        }

        let all = file.errors + errors
        guard all.isEmpty, let authority, let numbering, let dateFormat, let deadline, let severity, let tiers,
              let templates else {
            throw RuleSetErrors(all.isEmpty ? [RuleSetError(file: path, "the notice settings are incomplete")] : all)
        }
        var config = NoticeConfig(
            path: path, authority: authority, numbering: numbering.patterns, firstNumber: numbering.first,
            dateFormat: dateFormat, deadlineDays: deadline.days, deadlineDaysByRule: deadline.byRule, units: units,
            contact: contact, severityNames: severity, texts: texts, tierTexts: tiers, templates: templates)
        // Every name a template uses must be one tce provides or a text of this file.
        let problems = config.templates.checkNames(config: config, ruleSet: ruleSet)
        config.templates = templates
        if !problems.isEmpty { throw RuleSetErrors(problems) }
        return config
    }

    // MARK: Parts

    private func template(_ file: YAMLFile, _ node: Node?, _ what: String, names: [String], parent: Node?) -> Template? {
        guard let node else {
            file.error("\(what) is missing", at: parent)
            return nil
        }
        guard let text = node.scalar?.string else {
            file.error("\(what) must be one text", at: node)
            return nil
        }
        do {
            let t = try Template(text)
            var ok = true
            for ref in t.references where !names.contains(ref.name) {
                ok = false
                let close = names.min { YAMLFile.distance($0, ref.name) < YAMLFile.distance($1, ref.name) }
                let hint = close.flatMap { YAMLFile.distance($0, ref.name) <= 3 ? "; did you mean \"\($0)\"?" : nil } ?? ""
                file.error("\(what): unknown placeholder {\(ref.name)}\(hint) Known here: \(names.joined(separator: ", "))",
                           at: node, offsetLine: ref.line, column: ref.column)
            }
            return ok ? t : nil
        } catch {
            file.error("\(what): \(error.message)", at: node, offsetLine: error.line, column: error.column)
            return nil
        }
    }

    private func integer(_ file: YAMLFile, _ node: Node?, _ what: String, range: ClosedRange<Int>, parent: Node?) -> Int? {
        guard let node else {
            file.error("\(what) is missing", at: parent)
            return nil
        }
        guard let text = node.scalar?.string, text.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(text),
              range.contains(n) else {
            file.error("\(what) must be a whole number from \(range.lowerBound) to \(range.upperBound)", at: node)
            return nil
        }
        return n
    }

    private func loadNumbering(_ file: YAMLFile, _ node: Node?) -> (patterns: [NoticeKind: Template], first: Int)? {
        guard let node else {
            file.error("numbering is missing: give the document number pattern of each kind of notice", at: file.root)
            return nil
        }
        guard let m = file.mapping(node, "numbering") else { return nil }
        file.checkKeys(m, allowed: NoticeKind.allCases.map(\.rawValue) + ["first"], in: "numbering")
        var patterns: [NoticeKind: Template] = [:]
        for kind in NoticeKind.allCases {
            patterns[kind] = template(file, m[kind.rawValue], "numbering.\(kind.rawValue)",
                                      names: NoticeConfig.numberPlaceholders, parent: node)
        }
        let first = m["first"].map { integer(file, $0, "numbering.first", range: 1...999_999_999, parent: node) } ?? 1
        guard patterns.count == NoticeKind.allCases.count, let first else { return nil }
        return (patterns, first)
    }

    private func loadDeadline(_ file: YAMLFile, _ node: Node?) -> (days: Int, byRule: [String: Int])? {
        guard let node else {
            file.error("deadline is missing: give the days allowed for putting a failure right (deadline: { days: 30 })", at: file.root)
            return nil
        }
        guard let m = file.mapping(node, "deadline") else { return nil }
        file.checkKeys(m, allowed: ["days", "byRule"], in: "deadline")
        let range = 1...Self.maximumDeadline
        let days = integer(file, m["days"], "deadline.days", range: range, parent: node)
        let byRule = ruleMap(file, m["byRule"], "deadline.byRule") { node, what in
            integer(file, node, what, range: range, parent: node)
        }
        guard let days else { return nil }
        return (days, byRule)
    }

    /// A mapping from rule ids to values; an id that is not a rule is a mistake.
    private func ruleMap<T>(_ file: YAMLFile, _ node: Node?, _ what: String, value: (Node, String) -> T?) -> [String: T] {
        guard let node else { return [:] }
        guard let m = file.mapping(node, what) else { return [:] }
        var result: [String: T] = [:]
        for (key, v) in m {
            guard let id = key.scalar?.string else { continue }
            guard ruleSet.rule(id) != nil else {
                file.error("\(what) names \"\(id)\", which is not a rule id; rules: \(ruleSet.rules.map(\.id).joined(separator: ", "))", at: key)
                continue
            }
            if let parsed = value(v, "\(what).\(id)") { result[id] = parsed }
        }
        return result
    }

    private func loadContact(_ file: YAMLFile, _ node: Node?) -> [NoticeConfig.ContactLine] {
        guard let node else {
            file.error("contact is missing: list the lines of the contact block (- label: 联系人, value: …)", at: file.root)
            return []
        }
        guard let seq = node.sequence else {
            file.error("contact must be a list of lines, each \"- label: … value: …\"", at: node)
            return []
        }
        return seq.compactMap { item in
            guard let m = file.mapping(item, "a contact line") else { return nil }
            file.checkKeys(m, allowed: ["label", "value"], in: "a contact line")
            guard let label = file.string(m["label"], "contact label", parent: item),
                  let value = file.string(m["value"], "contact value", parent: item) else { return nil }
            return NoticeConfig.ContactLine(label: label, value: value)
        }
    }

    private func loadSeverity(_ file: YAMLFile, _ node: Node?) -> [Rule.Severity: String]? {
        guard let m = file.mapping(node, "severity") else {
            if node == nil { file.error("severity is missing: name each severity as a notice shows it (error: 不符合要求 …)", at: file.root) }
            return nil
        }
        file.checkKeys(m, allowed: Rule.Severity.allCases.map(\.rawValue), in: "severity")
        var result: [Rule.Severity: String] = [:]
        for s in Rule.Severity.allCases {
            if let text = file.string(m[s.rawValue], "severity.\(s.rawValue)", parent: node) { result[s] = text }
        }
        return result.count == Rule.Severity.allCases.count ? result : nil
    }

    private func loadTexts(_ file: YAMLFile, _ node: Node?, _ section: NoticeConfig.Section) -> [String: Template] {
        guard let node else {
            file.error("\(section.rawValue) is missing: the wording of \(section == .common ? "both kinds of notice" : section.rawValue)", at: file.root)
            return [:]
        }
        guard let m = file.mapping(node, section.rawValue) else { return [:] }
        var result: [String: Template] = [:]
        let reserved = Set(section == .index ? NoticeContext.indexNames : NoticeContext.noticeNames)
        for (key, value) in m {
            guard let name = key.scalar?.string else { continue }
            guard RuleSetLoader.isIdentifier(name) else {
                file.error("text name \"\(name)\" must be letters, digits and _, starting with a letter (templates use it as {{\(name)}})", at: key)
                continue
            }
            if reserved.contains(name) {
                file.error("text name \"\(name)\" is a name tce fills in for the templates; choose another", at: key)
                continue
            }
            if let t = template(file, value, "\(section.rawValue).\(name)", names: section.placeholderNames, parent: key) {
                result[name] = t
            }
        }
        for key in section.requiredKeys where m[key] == nil {
            file.error("\(section.rawValue).\(key) is missing; tce needs it", at: node)
        }
        return result
    }

    private func loadTiers(_ file: YAMLFile, _ node: Node?) -> [String: Template]? {
        guard let node else {
            file.error("tiers is missing: say what each letter tier (\(ruleSet.tiers.map(\.id).joined(separator: ", "))) must do", at: file.root)
            return nil
        }
        guard let m = file.mapping(node, "tiers") else { return nil }
        var result: [String: Template] = [:]
        for (key, value) in m {
            guard let id = key.scalar?.string else { continue }
            guard ruleSet.tiers.contains(where: { $0.id == id }) else {
                file.error("tiers names \"\(id)\", which is not a letter tier; tiers: \(ruleSet.tiers.map(\.id).joined(separator: ", "))", at: key)
                continue
            }
            if let t = template(file, value, "tiers.\(id)", names: NoticeConfig.tierPlaceholders, parent: key) { result[id] = t }
        }
        for tier in ruleSet.tiers where m[tier.id] == nil {
            file.error("tiers.\(tier.id) is missing: say what enterprises of tier \(tier.id) must do", at: node)
        }
        return result
    }
}
