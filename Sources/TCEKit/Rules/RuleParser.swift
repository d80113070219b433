import Yams

/// Reads one rule file, compiling its expressions and templates and checking every name.
struct RuleParser {
    let file: YAMLFile
    /// Top-level names an expression may use.
    let known: Set<String>

    func parse() -> Rule? {
        guard let root = file.mapping(file.root, "a rule") else { return nil }
        file.checkKeys(root, allowed: RuleSetLoader.ruleKeys, in: "a rule")
        let id = file.string(root["id"], "id", parent: file.root)
        if let id, !id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) {
            file.error("rule id \"\(id)\" may hold only letters, digits and -", at: root["id"])
        }
        var severity: Rule.Severity?
        if let text = file.string(root["severity"], "severity", parent: file.root) {
            severity = Rule.Severity(rawValue: text)
            if severity == nil {
                file.error("severity \"\(text)\" is not one of: \(Rule.Severity.allCases.map(\.rawValue).joined(separator: ", "))", at: root["severity"])
            }
        }
        let title = file.localized(root["title"], "title", parent: file.root)
        let citation = parseCitation(root["source"])
        let applies = expression(root["applies"], "applies")
        let each = expression(root["each"], "each")
        let filter = expression(root["where"], "where", allowIt: true)
        if filter != nil && each == nil { file.error("\"where\" only makes sense together with \"each\"", at: root["where"]) }
        let passes = expression(root["passes"], "passes", required: true, allowIt: each != nil)
        let measured = expression(root["measured"], "measured", allowIt: each != nil)
        let threshold = expression(root["threshold"], "threshold", allowIt: each != nil)
        let at = expression(root["at"], "at")
        var evidence: [(String, Expression)] = []
        if let list = root["evidence"] {
            if let seq = list.sequence {
                evidence = seq.compactMap { item in
                    // Either a field (named by itself) or "label: expression".
                    if let m = item.mapping, m.count == 1, let (key, value) = m.first, let label = key.scalar?.string {
                        return expression(value, "evidence \(label)", allowIt: each != nil).map { (label, $0) }
                    }
                    return expression(item, "evidence", allowIt: each != nil).map { ($0.source, $0) }
                }
            } else {
                file.error("evidence must be a list: fields like waterIntensity, or \"label: expression\" lines", at: list)
            }
        }
        let messages = parseMessages(root["message"], allowIt: each != nil)
        let action = root["action"].flatMap { file.localized($0, "action", parent: file.root) }

        guard let id, let severity, let title, let citation, let passes, let messages else { return nil }
        let all = [applies, each, filter, passes, measured, threshold, at].compactMap { $0 } + evidence.map(\.1)
        let names = Set(all.flatMap { $0.references.map(\.name) }
            + [messages.pass, messages.fail, messages.notApplicable].flatMap { [$0.zh, $0.en] }.flatMap { $0.references.map(\.name) })
        return Rule(
            id: id, severity: severity, title: title, citation: citation, applies: applies, each: each,
            filter: filter, passes: passes, measured: measured, threshold: threshold, at: at, evidence: evidence,
            messages: messages, action: action, file: file.path,
            usesBatchFacts: !names.isDisjoint(with: RuleSetLoader.batchFactNames))
    }

    private func parseCitation(_ node: Node?) -> Rule.Citation? {
        guard let node else {
            file.error("source is missing: quote the words of the speech (or standard) this rule comes from", at: file.root)
            return nil
        }
        if let quote = node.scalar?.string { return Rule.Citation(quote: quote, location: nil) }
        guard let m = file.mapping(node, "source") else { return nil }
        file.checkKeys(m, allowed: ["quote", "where"], in: "source")
        guard let quote = file.string(m["quote"], "source.quote", parent: node) else { return nil }
        return Rule.Citation(quote: quote, location: file.string(m["where"], "source.where", required: false))
    }

    private func parseMessages(_ node: Node?, allowIt: Bool) -> Rule.Messages? {
        guard let node else {
            file.error("message is missing: give pass, fail and notApplicable texts in zh and en", at: file.root)
            return nil
        }
        guard let m = file.mapping(node, "message") else { return nil }
        file.checkKeys(m, allowed: ["pass", "fail", "notApplicable"], in: "message")
        let pass = template(m["pass"], "message.pass", parent: node, allowIt: false)
        let fail = template(m["fail"], "message.fail", parent: node, allowIt: allowIt)
        let na = template(m["notApplicable"], "message.notApplicable", parent: node, allowIt: false)
        guard let pass, let fail, let na else { return nil }
        return Rule.Messages(pass: pass, fail: fail, notApplicable: na)
    }

    private func template(_ node: Node?, _ what: String, parent: Node, allowIt: Bool) -> LocalizedTemplate? {
        guard let node else {
            file.error("\(what) is missing", at: parent)
            return nil
        }
        guard let m = file.mapping(node, what) else { return nil }
        var compiled: [Language: Template] = [:]
        for language in Language.allCases {
            guard let textNode = m[language.rawValue], let text = textNode.scalar?.string else {
                file.error("\(what) has no \(language.rawValue) text", at: node)
                continue
            }
            do {
                let t = try Template(text)
                checkNames(t.references, at: textNode, allowIt: allowIt)
                compiled[language] = t
            } catch {
                file.error("\(what).\(language.rawValue): \(error.message)", at: textNode, offsetLine: error.line, column: error.column)
            }
        }
        guard let zh = compiled[.zh], let en = compiled[.en] else { return nil }
        return LocalizedTemplate(zh: zh, en: en)
    }

    private func expression(_ node: Node?, _ what: String, required: Bool = false, allowIt: Bool = false) -> Expression? {
        guard let node else {
            if required { file.error("\(what) is missing: the condition the report must meet", at: file.root) }
            return nil
        }
        guard let text = node.scalar?.string else {
            file.error("\(what) must be one expression on a line, like totalTce >= tiers.T1", at: node)
            return nil
        }
        do {
            let e = try Expression(text)
            checkNames(e.references, at: node, allowIt: allowIt)
            return e
        } catch {
            file.error("\(what): \(error.message)", at: node, offsetLine: error.line, column: error.column)
            return nil
        }
    }

    private func checkNames(_ references: [NameReference], at node: Node, allowIt: Bool) {
        for ref in references where !known.contains(ref.name) && !(allowIt && RuleSetLoader.elementNames.contains(ref.name)) {
            let close = known.min { YAMLFile.distance($0, ref.name) < YAMLFile.distance($1, ref.name) }
            let hint = close.flatMap { YAMLFile.distance($0, ref.name) <= 3 ? "; did you mean \"\($0)\"?" : nil } ?? ""
            file.error("unknown name \"\(ref.name)\"\(hint) Names are facts, report sections and constants.",
                       at: node, offsetLine: ref.line, column: ref.column)
        }
    }
}
