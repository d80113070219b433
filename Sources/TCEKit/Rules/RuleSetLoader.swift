import Foundation
import Yams

/// Reads a rule set directory and checks every part of it, collecting all mistakes.
struct RuleSetLoader {
    static let indexFile = "ruleset.yaml"
    /// Names the engine provides for every report; constants may not reuse them.
    static let reportNames = [
        "enterprise", "reportingYear", "energy", "economics", "water", "previousYear", "management",
        "equipment", "projects", "file",
    ]
    static let factNames = [
        "totalTce", "energyIntensity", "waterIntensity", "previousEnergyIntensity", "intensityDecline",
        "creditCodeValid", "expectedCheckCharacter",
    ]
    static let batchFactNames = ["isDuplicate", "firstReport"]
    /// Names bound only in rules with `each`: the element, and how many elements fail.
    static let elementNames = ["it", "failures"]
    static let ruleKeys = [
        "id", "severity", "title", "source", "applies", "each", "where", "passes", "measured", "threshold",
        "evidence", "message", "action", "at",
    ]

    let directory: URL
    private var errors: [RuleSetError] = []

    init(path: String) {
        var url = URL(fileURLWithPath: path)
        if url.lastPathComponent == Self.indexFile { url.deleteLastPathComponent() }
        directory = url
    }

    mutating func load() throws(RuleSetErrors) -> RuleSet {
        let indexPath = directory.appendingPathComponent(Self.indexFile).path
        guard FileManager.default.fileExists(atPath: indexPath) else {
            throw RuleSetErrors([RuleSetError(file: indexPath, "no rule set here: \(Self.indexFile) is missing")])
        }
        let index = YAMLFile(path: indexPath)
        guard let root = index.mapping(index.root, "the rule set index") else {
            throw RuleSetErrors(index.errors)
        }
        index.checkKeys(root, allowed: ["name", "title", "source", "schema", "energy", "messages", "rules",
                                        "examples", "constants", "letters"], in: "the rule set index")
        let name = index.string(root["name"], "name", parent: index.root) ?? "rules"
        let title = index.localized(root["title"], "title", parent: index.root)
        let source = index.localized(root["source"], "source", parent: index.root)

        let constants = loadConstants(index, root["constants"])
        let catalog = loadCatalog(file(index, root["energy"], "energy"))
        let messages = loadMessages(file(index, root["messages"], "messages"))
        let schema = loadSchema(index, root["schema"])
        let tiers = loadTiers(index, root["letters"], constants: constants)
        let obligationNodes = root["letters"]?.mapping?["obligations"]?.sequence.map(Array.init) ?? []

        var known = Set(Self.reportNames + Self.factNames + Self.batchFactNames)
        for (constant, _) in constants { known.insert(constant) }
        var rules: [Rule] = []
        if let rulesDir = file(index, root["rules"], "rules") {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: rulesDir))?
                .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted() ?? []
            if files.isEmpty {
                index.error("the rules folder \(rulesDir) holds no .yaml rule files", at: root["rules"])
            }
            // Rule files are read and parsed on all cores (most of the start-up of a check),
            // then taken in file order, so ids and errors come out as from one pass.
            let known = known
            let parsed = Slots<(YAMLFile, Rule?)>.filled(count: files.count) { i in
                let ruleFile = YAMLFile(path: rulesDir + "/" + files[i])
                return (ruleFile, RuleParser(file: ruleFile, known: known).parse())
            }
            for i in files.indices {
                let (ruleFile, parsedRule) = parsed.take(i)
                if let rule = parsedRule {
                    if let other = rules.first(where: { $0.id == rule.id }) {
                        ruleFile.error("rule id \"\(rule.id)\" is already used by \(other.file)", at: ruleFile.root?["id"])
                    } else {
                        rules.append(rule)
                    }
                }
                errors.append(contentsOf: ruleFile.errors)
            }
        }
        for node in obligationNodes where !rules.contains(where: { $0.id == node.scalar?.string }) {
            index.error("letters.obligations names \"\(node.scalar?.string ?? "")\", which is not a rule id", at: node)
        }
        let examples = file(index, root["examples"], "examples", required: false).map { URL(fileURLWithPath: $0) }

        let allErrors = errors + index.errors
        guard allErrors.isEmpty, let title, let source, let catalog, let messages, let schema else {
            throw RuleSetErrors(allErrors.isEmpty
                ? [RuleSetError(file: indexPath, "the rule set is incomplete")] : allErrors)
        }
        return RuleSet(
            name: name, title: title, source: source, directory: directory, schema: schema.0, schemaPath: schema.1,
            catalog: catalog, constants: constants, rules: rules, tiers: tiers,
            letterObligations: obligationNodes.compactMap { $0.scalar?.string },
            messages: messages, examplesDirectory: examples)
    }

    /// A path named in the index, relative to the rule set directory.
    private func file(_ index: YAMLFile, _ node: Node?, _ key: String, required: Bool = true) -> String? {
        guard let relative = index.string(node, key, required: required, parent: index.root) else { return nil }
        let path = directory.appendingPathComponent(relative).path
        guard FileManager.default.fileExists(atPath: path) else {
            index.error("\(key): \(relative) does not exist in \(directory.path)", at: node)
            return nil
        }
        return path
    }

    // MARK: Parts

    private mutating func loadConstants(_ index: YAMLFile, _ node: Node?) -> [String: Value] {
        guard let node else { return [:] }
        guard let mapping = index.mapping(node, "constants") else { return [:] }
        var result: [String: Value] = [:]
        let reserved = Set(Self.reportNames + Self.factNames + Self.batchFactNames + ["it"])
        for (key, value) in mapping {
            guard let name = key.scalar?.string else { continue }
            guard Self.isIdentifier(name) else {
                index.error("constant name \"\(name)\" must be letters, digits and _ (no spaces or dashes), starting with a letter", at: key)
                continue
            }
            if reserved.contains(name) {
                index.error("constant \"\(name)\" has the name of a report field or fact; choose another name", at: key)
                continue
            }
            if let v = constantValue(index, value) { result[name] = v }
        }
        return result
    }

    private func constantValue(_ index: YAMLFile, _ node: Node) -> Value? {
        switch node {
        case .scalar(let s):
            if s.style == .plain, let n = try? Exact(decimal: s.string) { return .number(n) }
            if s.style == .plain, s.string == "true" || s.string == "false" { return .bool(s.string == "true") }
            if s.style == .plain, s.string.first.map({ $0.isNumber || $0 == "-" || $0 == "." }) == true {
                index.error("\"\(s.string)\" is not a plain decimal number (write it like 1000 or 0.03); quote it if it is meant as text", at: node)
                return nil
            }
            return .string(s.string)
        case .sequence(let seq):
            let items = seq.compactMap { constantValue(index, $0) }
            return items.count == seq.count ? .list(items) : nil
        case .mapping(let m):
            var record = Record()
            for (k, v) in m {
                guard let key = k.scalar?.string else { continue }
                guard let value = constantValue(index, v) else { return nil }
                record[key] = value
            }
            return .record(record)
        case .alias:
            index.error("YAML aliases are not supported in rules; write the value out", at: node)
            return nil
        }
    }

    private mutating func loadTiers(_ index: YAMLFile, _ node: Node?, constants: [String: Value]) -> [RuleSet.Tier] {
        guard let letters = index.mapping(node, "letters") else {
            index.error("letters is missing; it names the constant that holds the letter tiers (letters: { tiers: tiers })", at: index.root)
            return []
        }
        index.checkKeys(letters, allowed: ["tiers", "obligations"], in: "letters")
        guard let name = index.string(letters["tiers"], "letters.tiers", parent: node) else { return [] }
        guard case .record(let record)? = constants[name] else {
            index.error("letters.tiers names \"\(name)\", which must be a constant holding tier names and their minimum tce, like T1: 1000", at: letters["tiers"])
            return []
        }
        var tiers: [RuleSet.Tier] = []
        for (id, value) in record.fields {
            guard case .number(let minimum) = value else {
                index.error("tier \(id) must be a number of tce", at: letters["tiers"])
                continue
            }
            tiers.append(RuleSet.Tier(id: id, minimum: minimum))
        }
        if tiers.isEmpty { index.error("no letter tiers are defined in constant \"\(name)\"", at: letters["tiers"]) }
        return tiers.sorted { $0.minimum < $1.minimum || ($0.minimum == $1.minimum && $0.id < $1.id) }
    }

    private mutating func loadSchema(_ index: YAMLFile, _ node: Node?) -> (ReportSchema, String)? {
        guard let path = file(index, node, "schema") else { return nil }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            index.error("cannot read the schema \(path) as UTF-8 text", at: node)
            return nil
        }
        do {
            return (try ReportSchema(xsd: text, path: path), path)
        } catch {
            for d in error.items { errors.append(RuleSetError(file: path, line: d.line, column: d.column, d.message)) }
            return nil
        }
    }

    private mutating func loadMessages(_ path: String?) -> Messages? {
        guard let path else { return nil }
        let file = YAMLFile(path: path)
        defer { errors.append(contentsOf: file.errors) }
        guard let mapping = file.mapping(file.root, "messages") else { return nil }
        var texts: [String: Localized] = [:]
        for (key, value) in mapping {
            guard let name = key.scalar?.string else { continue }
            if let text = file.localized(value, "message \(name)", parent: key) { texts[name] = text }
        }
        for key in Messages.requiredKeys where texts[key] == nil {
            file.error("message \"\(key)\" is missing; tce needs it for its output", at: file.root)
        }
        return Messages(texts: texts)
    }

    private mutating func loadCatalog(_ path: String?) -> EnergyCatalog? {
        guard let path else { return nil }
        let file = YAMLFile(path: path)
        defer { errors.append(contentsOf: file.errors) }
        return EnergyCatalogParser(file: file).parse()
    }

    static func isIdentifier(_ name: String) -> Bool {
        guard let first = name.first, first.isLetter else { return false }
        return name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
    }
}
