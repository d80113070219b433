import Mustache

/// The names a notice template sees: the notice's data plus the texts of `notices.yaml`,
/// every value already text (escaping is the template engine's job), flat so that a
/// misspelt name in a template can be caught when the templates are loaded.
enum NoticeContext {
    /// Names tce provides to the notice templates (`rectification.*`, `letter.*`).
    static let noticeNames = [
        "kind", "isRectification", "isLetter", "authority", "number", "issueDate", "issueYear", "deadline",
        "deadlineDays", "enterpriseName", "creditCode", "reportingYear", "totalTce", "tier", "hasTier", "tierMinimum",
        "findingCount", "sourceFile", "findings", "hasFindings", "obligations", "hasObligations", "tiers", "contact",
    ]
    /// Names tce provides to `index.html`.
    static let indexNames = [
        "authority", "issueDate", "issueYear", "countReports", "countChecked", "countInvalid", "countFailed",
        "countRectification", "countLetter", "countWritten", "countFailures", "notices", "hasNotices", "failures",
        "hasFailures", "rules", "hasRules",
    ]

    /// Everything a notice's templates may use.
    static func notice(_ n: Notice, config: NoticeConfig, ruleSet: RuleSet) -> [String: Any] {
        let deadline = n.deadline(config)
        let tierMinimum = n.tier.map { $0.minimum.formatted() } ?? ""
        var values: [String: Any] = [
            "kind": n.kind.rawValue, "isRectification": n.kind == .rectification, "isLetter": n.kind == .letter,
            "authority": config.authority, "number": n.number, "issueDate": config.format(n.issueDate),
            "issueYear": String(n.issueDate.year), "deadline": config.format(deadline),
            "deadlineDays": String(config.deadlineDays), "enterpriseName": n.enterpriseName,
            "creditCode": n.creditCode, "reportingYear": String(n.reportingYear),
            "totalTce": n.totalTce.formatted(), "tier": n.tier?.id ?? "", "hasTier": n.tier != nil,
            "tierMinimum": tierMinimum, "findingCount": String(n.items.count), "sourceFile": n.sourceFile,
            "hasFindings": !n.items.isEmpty, "hasObligations": !n.obligations.isEmpty,
        ]
        let noMeasure = config.text(.rectification, "noMeasure")
        values["findings"] = n.items.enumerated().map { i, item -> [String: Any] in
            [
                "index": String(i + 1), "ordinal": chineseNumeral(i + 1), "ruleId": item.ruleID, "title": item.title,
                "quote": item.quote, "quoteSource": item.quoteSource ?? "", "hasQuoteSource": item.quoteSource != nil,
                "message": item.message, "measured": item.measured ?? noMeasure,
                "threshold": item.threshold ?? noMeasure, "unit": item.unit ?? "",
                "hasMeasured": item.measured != nil || item.threshold != nil,
                "severity": config.severityNames[item.severity] ?? item.severity.rawValue,
                "deadline": config.format(item.deadline), "deadlineDays": String(item.deadlineDays),
                "action": item.action,
            ]
        }
        let met = config.text(.letter, "obligationMet"), unmet = config.text(.letter, "obligationUnmet")
        values["obligations"] = n.obligations.enumerated().map { i, o -> [String: Any] in
            [
                "index": String(i + 1), "ordinal": chineseNumeral(i + 1), "ruleId": o.ruleID, "title": o.title,
                "quote": o.quote, "met": o.met, "status": o.met ? met : unmet, "message": o.message, "action": o.action,
            ]
        }
        values["tiers"] = ruleSet.tiers.map { tier -> [String: Any] in
            let scope = NameScope(["tier": .string(tier.id), "minimum": .number(tier.minimum)])
            let text = (try? config.tierTexts[tier.id]?.render(in: scope, missing: "")) ?? nil
            return ["id": tier.id, "minimum": tier.minimum.formatted(), "text": text ?? "", "current": tier == n.tier]
        }
        values["contact"] = config.contact.map { ["label": $0.label, "value": $0.value] as [String: Any] }

        let scope = NameScope([
            "authority": .string(config.authority), "number": .string(n.number),
            "issueDate": .string(config.format(n.issueDate)), "issueYear": .number(Exact(integer: n.issueDate.year)),
            "deadline": .string(config.format(deadline)), "deadlineDays": .number(Exact(integer: config.deadlineDays)),
            "enterpriseName": .string(n.enterpriseName), "creditCode": .string(n.creditCode),
            "reportingYear": .number(Exact(integer: n.reportingYear)), "totalTce": .number(n.totalTce),
            "tier": n.tier.map { .string($0.id) } ?? .missing(path: "tier"),
            "tierMinimum": n.tier.map { .number($0.minimum) } ?? .missing(path: "tierMinimum"),
            "findingCount": .number(Exact(integer: n.items.count)), "sourceFile": .string(n.sourceFile),
        ])
        let section: NoticeConfig.Section = n.kind == .rectification ? .rectification : .letter
        for s in [NoticeConfig.Section.common, section] {
            for (key, template) in config.texts[s] ?? [:] {
                values[key] = (try? template.render(in: scope, missing: "")) ?? template.source
            }
        }
        return cleaned(values)
    }

    /// Every text without characters XML cannot hold: Mustache escapes markup, not those, and a
    /// text from notices.yaml may carry one (YAML's "\x01").
    static func cleaned(_ values: [String: Any]) -> [String: Any] {
        values.mapValues { v -> Any in
            if let s = v as? String { return XMLText.clean(s) }
            if let list = v as? [[String: Any]] { return list.map(cleaned) }
            return v
        }
    }

    /// Everything `index.html` may use.
    static func index(_ index: NoticeIndex, config: NoticeConfig, ruleSet: RuleSet) -> [String: Any] {
        let s = index.summary
        let counts: [(String, Int)] = [
            ("countReports", s.reports), ("countChecked", s.checked), ("countInvalid", s.invalid),
            ("countFailed", s.failed), ("countRectification", index.count(.rectification)),
            ("countLetter", index.count(.letter)),
        ]
        var values: [String: Any] = [
            "authority": config.authority, "issueDate": config.format(index.issueDate),
            "issueYear": String(index.issueDate.year), "countWritten": String(index.rows.count),
            "countFailures": String(index.failures.count), "hasNotices": !index.rows.isEmpty,
            "hasFailures": !index.failures.isEmpty,
        ]
        for (name, n) in counts { values[name] = String(n) }
        let titles = Dictionary(uniqueKeysWithValues: NoticeKind.allCases.map { kind in
            (kind, config.text(kind == .rectification ? .rectification : .letter, "title"))
        })
        // Made one row at a time as the template reaches it: a batch may have many thousands.
        values["notices"] = LazyMustacheList(index.rows) { row -> [String: Any] in
            cleaned([
                "number": row.number, "kind": row.kind.rawValue, "kindTitle": titles[row.kind] ?? row.kind.rawValue,
                "enterpriseName": row.enterpriseName, "creditCode": row.creditCode,
                "reportingYear": String(row.reportingYear), "isLetter": row.kind == .letter,
                "failedRules": row.failedRules.map { ["title": $0] as [String: Any] },
                "tier": row.tier ?? "", "totalTce": row.totalTce.formatted(),
                "htmlFile": row.files[.html] ?? "", "hasHtml": row.files[.html] != nil,
                "docxFile": row.files[.docx] ?? "", "hasDocx": row.files[.docx] != nil,
            ])
        }
        values["failures"] = index.failures.map { ["file": $0.file, "reason": $0.reason] as [String: Any] }
        let failing = ruleSet.rules.compactMap { rule -> [String: Any]? in
            guard let c = s.byRule[rule.id], c.fail > 0 else { return nil }
            return ["ruleId": rule.id, "title": rule.title.zh, "count": String(c.fail)]
        }
        values["rules"] = failing
        values["hasRules"] = !failing.isEmpty

        var scope: [String: Value] = [
            "authority": .string(config.authority), "issueDate": .string(config.format(index.issueDate)),
            "issueYear": .number(Exact(integer: index.issueDate.year)),
        ]
        for (name, n) in counts { scope[name] = .number(Exact(integer: n)) }
        for (key, template) in config.texts[.index] ?? [:] {
            values[key] = (try? template.render(in: NameScope(scope), missing: "")) ?? template.source
        }
        return cleaned(values)
    }

    /// 1 → 一, 12 → 十二, 20 → 二十: for headings like (一).
    static func chineseNumeral(_ n: Int) -> String {
        let digits = Array("零一二三四五六七八九")
        guard n > 0, n < 100 else { return String(n) }
        if n < 10 { return String(digits[n]) }
        let tens = n / 10, ones = n % 10
        return (tens == 1 ? "" : String(digits[tens])) + "十" + (ones == 0 ? "" : String(digits[ones]))
    }
}

/// A list Mustache renders element by element, each made only when the template reaches it.
struct LazyMustacheList<Base: Collection>: MustacheSequence {
    let base: Base
    let transform: (Base.Element) -> [String: Any]

    init(_ base: Base, _ transform: @escaping (Base.Element) -> [String: Any]) {
        self.base = base
        self.transform = transform
    }

    func makeIterator() -> LazyMapSequence<Base, [String: Any]>.Iterator {
        base.lazy.map(transform).makeIterator()
    }

    /// All elements at once, for checking templates against a small sample.
    var materialized: [[String: Any]] { base.map(transform) }
}
