import Foundation

/// Runs each rule's example reports, `examples/<rule-id>/pass-*.xml`, `fail-*.xml`, `na-*.xml`,
/// and checks that the rule gives the outcome the file name promises. A folder `batch-*`
/// inside holds files checked together as one batch (for rules such as duplicate-report);
/// there a leading number orders the files and the word after it says what each must give.
public struct ExampleRunner: Sendable {
    public struct Result: Sendable {
        public var file: String
        public var ruleID: String
        public var expected: Finding.Outcome
        public var actual: Finding.Outcome?
        public var message: String?
        public var problems: [String]
    }

    public let checker: Checker

    public init(checker: Checker) {
        self.checker = checker
    }

    public func run() -> [Result] {
        var results: [Result] = []
        for rule in checker.ruleSet.rules {
            for group in groups(for: rule) {
                results += check(group, rule: rule)
            }
        }
        return results
    }

    /// Rules lacking a kind of example they need; `na` is needed only when the rule can not apply.
    public func rulesMissingExamples() -> [(Rule, [String])] {
        checker.ruleSet.rules.compactMap { rule in
            let files = groups(for: rule).flatMap { $0 }.map { URL(fileURLWithPath: $0).lastPathComponent }
            var needed: [Finding.Outcome] = [.pass, .fail]
            if Self.canBeNotApplicable(rule) { needed.append(.notApplicable) }
            let have = Set(files.compactMap(Self.expectedOutcome))
            let missing = needed.filter { !have.contains($0) }.map { $0 == .notApplicable ? "na" : $0.rawValue }
            return missing.isEmpty ? nil : (rule, missing)
        }
    }

    static func canBeNotApplicable(_ rule: Rule) -> Bool {
        if let applies = rule.applies { return applies.source.trimmingCharacters(in: .whitespaces) != "true" }
        return rule.each != nil
    }

    static func expectedOutcome(_ name: String) -> Finding.Outcome? {
        // In a batch folder, a leading "1-", "2-" fixes the order: `2-fail-duplicate.xml`.
        let name = name.drop { $0.isNumber }.drop { $0 == "-" }
        if name.hasPrefix("pass-") { return .pass }
        if name.hasPrefix("fail-") { return .fail }
        if name.hasPrefix("na-") { return .notApplicable }
        return nil
    }

    /// Each single example is its own group; a `batch-*` folder is one group.
    private func groups(for rule: Rule) -> [[String]] {
        guard let base = checker.ruleSet.examplesDirectory?.appendingPathComponent(rule.id) else { return [] }
        let fm = FileManager.default
        let names = ((try? fm.contentsOfDirectory(atPath: base.path)) ?? []).sorted()
        var groups: [[String]] = []
        for name in names {
            let path = base.appendingPathComponent(name).path
            var isDir: ObjCBool = false
            _ = fm.fileExists(atPath: path, isDirectory: &isDir)
            if isDir.boolValue && name.hasPrefix("batch-") {
                let files = ((try? fm.contentsOfDirectory(atPath: path)) ?? []).filter { $0.hasSuffix(".xml") }.sorted()
                groups.append(files.map { path + "/" + $0 })
            } else if name.hasSuffix(".xml") && Self.expectedOutcome(name) != nil {
                groups.append([path])
            }
        }
        return groups
    }

    private func check(_ group: [String], rule: Rule) -> [Result] {
        let inputs = group.map { Input(display: $0, path: $0, problem: nil) }
        var results: [Result] = []
        BatchRunner(checker: checker).run(inputs, render: { _ in () }) { report, _ in
            let name = URL(fileURLWithPath: report.file).lastPathComponent
            guard let expected = Self.expectedOutcome(name) else { return }
            var problems: [String] = []
            let finding = report.findings.first { $0.ruleID == rule.id }
            if report.status != .checked {
                problems.append("example is not a valid report: " + report.errors.map(\.description).joined(separator: "; "))
            } else if let finding {
                if finding.outcome != expected {
                    problems.append("rule \(rule.id) gave \(finding.outcome.rawValue), the file name says \(expected.rawValue): \(finding.message)")
                }
                if let e = finding.ruleError { problems.append("rule \(rule.id) broke: \(e)") }
            }
            results.append(Result(file: report.file, ruleID: rule.id, expected: expected, actual: finding?.outcome,
                                  message: finding?.message, problems: problems))
        }
        return results
    }
}
