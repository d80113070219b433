/// Checks one report against a rule set: load, compute facts, apply every rule.
/// Thread-safe; one checker serves all workers.
public struct Checker: Sendable {
    public let ruleSet: RuleSet
    public let loader: ReportLoader
    let calculator: FactCalculator
    let evaluator: RuleEvaluator
    /// The rule set's rules prepared for report scopes (names as slots, constant parts
    /// evaluated), in the same order.
    let rules: [PreparedRule]
    let constants: ScopeConstants

    public init(ruleSet: RuleSet, language: Language, maxSize: Int = ReportLoader.defaultMaxSize) {
        self.ruleSet = ruleSet
        loader = ReportLoader(schema: ruleSet.schema, catalog: ruleSet.catalog, maxSize: maxSize)
        calculator = FactCalculator(catalog: ruleSet.catalog)
        var messages = ruleSet.messages
        messages.language = language
        evaluator = RuleEvaluator(messages: messages)
        let constants = ScopeConstants(ruleSet.constants, messages: messages)
        self.constants = constants
        let constantScope = ConstantScope(constants: ruleSet.constants)
        rules = ruleSet.rules.map {
            PreparedRule($0.prepared(slot: { ReportScope.slot(for: $0, constants: constants) },
                                     field: ReportScope.fieldHint(for:), constants: constantScope))
        }
    }

    public var language: Language { evaluator.messages.language }
    public var messages: Messages { evaluator.messages }

    /// A checked report waiting for the batch-wide rules, with its scope kept for them.
    struct Pending: Sendable {
        var result: ReportResult
        var scope: ReportScope?

        /// The result, moved out: a copy would share the findings list, and adding the batch
        /// rule's finding to it would then copy every finding.
        mutating func takeResult() -> ReportResult {
            var taken = ReportResult.invalid("", [])
            swap(&taken, &result)
            return taken
        }
    }

    /// Checks one input with every rule that does not need the rest of the batch; `bytes` are
    /// what reading the input gave, when it was read ahead.
    func checkAlone(_ input: Input, bytes: Result<[UInt8], Diagnostic>? = nil) -> Pending {
        switch bytes ?? input.read(maxSize: loader.maxSize) {
        case .failure(let problem): return Pending(result: .invalid(input.display, [problem]), scope: nil)
        case .success(let bytes): return check(loader.load(bytes: bytes, name: input.display), file: input.display)
        }
    }

    func check(_ loaded: consuming Result<Report, DiagnosticList>, file: String) -> Pending {
        let report: Report
        // Consumed: the report moves out instead of being copied (every string and list retained).
        switch consume loaded {
        case .failure(let list): return Pending(result: .invalid(file, list.items), scope: nil)
        case .success(let r): report = r
        }
        let facts: Facts
        do {
            facts = try calculator.facts(for: report)
        } catch {
            return Pending(result: .invalid(file, [Diagnostic("the energy figures are too large to compute exactly: \(error)", line: report.energyLine)]), scope: nil)
        }
        let scope = ReportScope(report: report, facts: facts, file: file, constants: constants)
        var findings: [Finding] = []
        findings.reserveCapacity(rules.count)
        for prepared in rules where !prepared.rule.usesBatchFacts {
            findings.append(evaluator.evaluate(prepared.rule, in: scope, fallbackLine: report.rootLine))
        }
        let result = ReportResult(file: file, status: .checked, report: report, facts: facts, findings: findings,
                                  errors: [], tier: ruleSet.tier(for: facts.totalTce)?.id)
        return Pending(result: result, scope: scope)
    }

    /// Runs the batch-wide rules, once the ordered pass knows whether this report repeats an earlier one.
    func finish(_ pending: consuming Pending, duplicateOf: String?) -> ReportResult {
        var pending = pending
        var result = pending.takeResult()
        guard let scope = pending.scope, let rootLine = result.report?.rootLine else { return result }
        scope.setBatchFacts(duplicateOf: duplicateOf)
        // The findings so far are in the rule set's order; each batch rule's goes in its place
        // (moving the others along, not copying them).
        for (index, prepared) in rules.enumerated() where prepared.rule.usesBatchFacts {
            result.findings.insert(evaluator.evaluate(prepared.rule, in: scope, fallbackLine: rootLine), at: index)
        }
        return result
    }

    /// Checks a single file on its own (no other report to be a duplicate of).
    public func check(file path: String, display: String? = nil) -> ReportResult {
        finish(checkAlone(Input(display: display ?? path, path: path, problem: nil)), duplicateOf: nil)
    }
}

/// A rule ready for report scopes, held by reference: a `Rule` is a large value, and the
/// check loop would copy (and retain every part of) each one for every report.
final class PreparedRule: Sendable {
    let rule: Rule
    init(_ rule: Rule) { self.rule = rule }
}
