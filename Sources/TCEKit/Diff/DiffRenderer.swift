/// `tce diff` output: text for people, JSON for scripts. Everything is sorted by credit code,
/// year and rule, so the same two drops always give the same bytes.
public struct DiffRenderer: Sendable {
    public let messages: Messages

    public init(messages: Messages) {
        self.messages = messages
    }

    private var m: Messages { messages }

    public func text(_ diff: DropDiff) -> String {
        var out = m["diffOld"] + ": " + diff.old.paths.joined(separator: " ") + "\n"
        out += m["diffNew"] + ": " + diff.new.paths.joined(separator: " ") + "\n"
        func who(_ key: DropSnapshot.Key, _ name: String) -> String { "\(key.creditCode)  \(key.year)  \(name)" }
        func section(_ label: String, _ lines: [String]) {
            guard !lines.isEmpty else { return }
            out += "\n" + label + " (\(lines.count))\n" + lines.map { "  " + $0 + "\n" }.joined()
        }
        section(m["diffNewlyFailing"], diff.newlyFailing.map { c in
            let f = c.failure
            return "✗ " + who(c.key, c.name) + "  " + c.rule + " (" + m[c.severity?.rawValue ?? "error"] + ")"
                + (f.map { ": " + $0.message + "  [" + $0.file + ($0.line.map { ":\($0)" } ?? "") + "]" } ?? "")
        })
        section(m["diffNewlyPassing"], diff.newlyPassing.map { c in
            "✓ " + who(c.key, c.name) + "  " + c.rule + " → " + outcome(c.now)
        })
        section(m["diffAppeared"], diff.appeared.map { e in
            "+ " + who(e.key, e.name) + "  " + (e.tier ?? m["noTier"]) + "  " + e.files.joined(separator: " ")
                + (e.failing.isEmpty ? "" : "  " + m["failed"] + ": " + e.failing.joined(separator: ", "))
        })
        section(m["diffDisappeared"], diff.disappeared.map { e in
            "- " + who(e.key, e.name) + "  " + (e.tier ?? m["noTier"]) + "  " + e.files.joined(separator: " ")
        })
        section(m["diffTierChanged"], diff.tierChanged.map { t in
            "~ " + who(t.key, t.name) + "  " + (t.from ?? m["noTier"]) + " → " + (t.to ?? m["noTier"])
                + "  (" + t.oldTotalTce.formatted() + " → " + t.newTotalTce.formatted() + " tce)"
        })
        let invalid = diff.old.invalid.map { (m["diffOld"], $0) } + diff.new.invalid.map { (m["diffNew"], $0) }
        section(m["invalid"], invalid.flatMap { drop, item in
            (item.errors.isEmpty ? [Diagnostic(m["invalid"])] : item.errors).map { d in
                "[" + drop + "] " + item.file + (d.line.map { ":\($0)" } ?? "") + (d.column.map { ":\($0)" } ?? "") + ": " + d.message
            }
        })
        if diff.isEmpty { out += "\n" + m["diffNoChanges"] + "\n" }
        out += "\n" + m["summary"] + ": " + [
            "\(diff.newlyFailing.count) " + m["diffNewlyFailing"], "\(diff.newlyPassing.count) " + m["diffNewlyPassing"],
            "\(diff.appeared.count) " + m["diffAppeared"], "\(diff.disappeared.count) " + m["diffDisappeared"],
            "\(diff.tierChanged.count) " + m["diffTierChanged"],
        ].joined(separator: " · ") + "\n"
        return out
    }

    private func outcome(_ o: Finding.Outcome?) -> String {
        switch o {
        case .pass?: m["pass"]
        case .fail?: m["fail"]
        case .notApplicable?: m["notApplicable"]
        case nil: "—"
        }
    }

    public func json(_ diff: DropDiff) -> String {
        func who(_ key: DropSnapshot.Key, _ name: String) -> [(String, String?)] {
            [("creditCode", JSONText.string(key.creditCode)), ("year", String(key.year)), ("name", JSONText.string(name))]
        }
        func list(_ items: [String]) -> String { items.isEmpty ? "[]" : "[\n" + items.joined(separator: ",\n") + "\n]" }
        func strings(_ items: [String]) -> String { "[" + items.map(JSONText.string).joined(separator: ",") + "]" }
        func drop(_ s: DropSnapshot) -> String {
            JSONText.object([("paths", strings(s.paths)), ("reports", String(s.reports)),
                             ("enterpriseYears", String(s.enterpriseYears.count)), ("invalid", String(s.invalid.count))])
        }
        func presence(_ e: DropSnapshot.EnterpriseYear) -> String {
            JSONText.object(who(e.key, e.name) + [("tier", e.tier.map(JSONText.string) ?? "null"),
                                                  ("totalTce", JSONText.number(e.totalTce)),
                                                  ("files", strings(e.files)), ("failing", strings(e.failing))])
        }
        let failing = diff.newlyFailing.map { c in
            JSONText.object(who(c.key, c.name) + [
                ("rule", JSONText.string(c.rule)), ("severity", c.severity.map { JSONText.string($0.rawValue) }),
                ("was", c.was.map { JSONText.string($0.rawValue) } ?? "null"),
                ("message", c.failure.map { JSONText.string($0.message) }), ("file", c.failure.map { JSONText.string($0.file) }),
                ("line", c.failure?.line.map(String.init)),
            ])
        }
        let passing = diff.newlyPassing.map { c in
            JSONText.object(who(c.key, c.name) + [("rule", JSONText.string(c.rule)),
                                                  ("now", c.now.map { JSONText.string($0.rawValue) } ?? "null")])
        }
        let tiers = diff.tierChanged.map { t in
            JSONText.object(who(t.key, t.name) + [
                ("from", t.from.map(JSONText.string) ?? "null"), ("to", t.to.map(JSONText.string) ?? "null"),
                ("oldTotalTce", JSONText.number(t.oldTotalTce)), ("newTotalTce", JSONText.number(t.newTotalTce)),
            ])
        }
        let invalid = diff.old.invalid.map { ("old", $0) } + diff.new.invalid.map { ("new", $0) }
        let invalidJSON = invalid.map { drop, item in
            JSONText.object([("drop", JSONText.string(drop)), ("file", JSONText.string(item.file)),
                             ("errors", "[" + item.errors.map { d in
                                 JSONText.object([("message", JSONText.string(d.message)), ("line", d.line.map(String.init)),
                                                  ("column", d.column.map(String.init))])
                             }.joined(separator: ",") + "]")])
        }
        let summary = JSONText.object([
            ("newlyFailing", String(diff.newlyFailing.count)), ("newlyPassing", String(diff.newlyPassing.count)),
            ("appeared", String(diff.appeared.count)), ("disappeared", String(diff.disappeared.count)),
            ("tierChanged", String(diff.tierChanged.count)), ("invalid", String(invalid.count)),
            ("exitCode", String(diff.exitCode)),
        ])
        return "{\"old\":\(drop(diff.old)),\n\"new\":\(drop(diff.new)),\n"
            + "\"newlyFailing\":" + list(failing) + ",\n\"newlyPassing\":" + list(passing)
            + ",\n\"appeared\":" + list(diff.appeared.map(presence)) + ",\n\"disappeared\":" + list(diff.disappeared.map(presence))
            + ",\n\"tierChanged\":" + list(tiers) + ",\n\"invalid\":" + list(invalidJSON)
            + ",\n\"summary\":" + summary + "}\n"
    }
}
