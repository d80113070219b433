import Foundation

/// Applies one rule to one report's scope and words the finding.
struct RuleEvaluator: Sendable {
    let messages: Messages
    /// Wording looked up once, not per finding.
    private let missingValue: String
    /// The "not reported" wording cut at each `{path}`, to be joined with the path.
    private let notReportedParts: [String]
    private let ruleErrorText: String

    init(messages: Messages) {
        self.messages = messages
        missingValue = messages["missingValue"]
        notReportedParts = messages["notReported"].components(separatedBy: "{path}")
        ruleErrorText = messages["ruleError"]
    }

    /// A mistake in the rule itself, found while running it.
    private struct RuleFault: Error {
        var message: String
    }

    func evaluate(_ rule: Rule, in scope: ReportScope, fallbackLine: Int) -> Finding {
        // Optional expressions are used through `?` and `!`: `if let` and `map` copy them out of the rule.
        let fallbackLine = (try? rule.at?.evaluate(in: scope))?.line ?? fallbackLine
        do {
            return try run(rule, scope, fallbackLine)
        } catch let fault as RuleFault {
            return broken(rule, fault.message, fallbackLine)
        } catch {
            return broken(rule, "\(error)", fallbackLine)
        }
    }

    private func run(_ rule: Rule, _ scope: ReportScope, _ fallbackLine: Int) throws -> Finding {
        let elements = rule.each == nil ? nil : try matchingElements(rule, scope)

        if rule.applies != nil {
            let result = try rule.applies!.evaluate(in: scope)
            switch result.value {
            case .bool(true): break
            case .bool(false):
                return finding(rule, .notApplicable, rule.messages.notApplicable, scope, line: result.line ?? fallbackLine)
            case .missing(let path):
                return finding(rule, .notApplicable, notReported(path), scope, line: result.line ?? fallbackLine)
            default:
                throw RuleFault(message: "\"applies\" must give true or false, not \(result.value.typeName)")
            }
        } else if let elements, elements.isEmpty {
            return finding(rule, .notApplicable, rule.messages.notApplicable, scope, line: fallbackLine)
        }

        guard let elements else {
            let result = try rule.passes.evaluate(in: scope)
            switch result.value {
            case .bool(true): return finding(rule, .pass, rule.messages.pass, scope, line: result.line ?? fallbackLine)
            case .bool(false): return finding(rule, .fail, rule.messages.fail, scope, line: result.line ?? fallbackLine)
            case .missing(let path): return finding(rule, .fail, notReported(path), scope, line: result.line ?? fallbackLine)
            default: throw RuleFault(message: "\"passes\" must give true or false, not \(result.value.typeName)")
            }
        }

        // Element by element: the first failing element is `it` in the message and sets the line.
        var firstFailure: (element: Value, line: Int?, missing: String?)?
        var failures = 0
        for element in elements {
            // A plain condition on `it` alone, decided at once: its line is the element's, as below.
            var steps = 0
            if element.line != nil, Evaluator<ReportScope>.readsOnlyElement(rule.passes.root),
               let decided = Evaluator<ReportScope>.quickTruth(rule.passes.root, element: element, scope: scope,
                                                               steps: &steps, limit: Expression.defaultStepLimit) {
                if !decided {
                    if firstFailure == nil { firstFailure = (element, element.line, nil) }
                    failures += 1
                }
                continue
            }
            let result = try rule.passes.evaluate(in: scope.binding(it: element))
            switch result.value {
            case .bool(true): continue
            case .bool(false): if firstFailure == nil { firstFailure = (element, result.line ?? element.line, nil) }
            case .missing(let path): if firstFailure == nil { firstFailure = (element, result.line ?? element.line, path) }
            default: throw RuleFault(message: "\"passes\" must give true or false, not \(result.value.typeName)")
            }
            failures += 1
        }
        guard let failure = firstFailure else {
            return finding(rule, .pass, rule.messages.pass, scope, line: elements.first?.line ?? fallbackLine)
        }
        let bound = scope.binding(it: failure.element, extra: ["failures": .number(Exact(integer: failures))])
        let text: Text = failure.missing.map { notReported($0) } ?? .template(rule.messages.fail)
        return finding(rule, .fail, text, bound, line: failure.line ?? fallbackLine)
    }

    private func matchingElements(_ rule: Rule, _ scope: ReportScope) throws -> [Value] {
        let all: [Value]
        // Only the list counts here, not its line.
        switch try rule.each!.value(in: scope) {
        case .list(let list): all = list
        case .missing: all = []
        case let other: throw RuleFault(message: "\"each\" must give a list, not \(other.typeName)")
        }
        guard rule.filter != nil else { return all }
        return try all.filter { element in
            var steps = 0
            if let decided = Evaluator<ReportScope>.quickTruth(rule.filter!.root, element: element, scope: scope, steps: &steps,
                                                               limit: Expression.defaultStepLimit) {
                return decided
            }
            if case .bool(true) = try rule.filter!.evaluate(in: scope.binding(it: element)).value { return true }
            return false
        }
    }

    // MARK: Wording

    private enum Text {
        case template(LocalizedTemplate)
        case plain(String)
    }

    /// The wording cut once, in `init`: replacing `{path}` for each finding cost 2,700 instructions.
    private func notReported(_ path: String) -> Text {
        .plain(notReportedParts.joined(separator: path))
    }

    private func finding(_ rule: Rule, _ outcome: Finding.Outcome, _ template: LocalizedTemplate,
                         _ scope: ReportScope, line: Int?) -> Finding {
        finding(rule, outcome, .template(template), scope, line: line)
    }

    private func finding(_ rule: Rule, _ outcome: Finding.Outcome, _ text: Text, _ scope: ReportScope, line: Int?) -> Finding {
        var message: String
        var ruleError: String?
        switch text {
        case .plain(let s): message = s
        case .template(let t):
            do {
                message = try t[messages.language].render(in: scope, missing: missingValue)
            } catch {
                message = rule.title[messages.language]
                ruleError = "message: \(error)"
            }
        }
        var evidence: [Finding.Evidence] = []
        evidence.reserveCapacity(rule.evidence.count)
        // Entries read in place: iterating the array copies each one out, retaining its parts.
        rule.evidence.withUnsafeBufferPointer { entries in
            for i in entries.indices {
                if let v = try? entries[i].expression.value(in: scope) {
                    evidence.append(Finding.Evidence(name: entries[i].name, value: v))
                }
            }
        }
        var measured: Value?, threshold: Value?
        if let v = try? rule.measured?.value(in: scope) { measured = v }
        if let v = try? rule.threshold?.value(in: scope) { threshold = v }
        return Finding(ruleID: rule.id, severity: rule.severity, outcome: outcome, message: message, line: line,
                       measured: measured, threshold: threshold, evidence: evidence,
                       ruleError: ruleError)
    }

    private func broken(_ rule: Rule, _ message: String, _ line: Int) -> Finding {
        Finding(ruleID: rule.id, severity: rule.severity, outcome: .notApplicable,
                message: "\(ruleErrorText): \(message)", line: line, measured: nil, threshold: nil,
                evidence: [], ruleError: "\(rule.file): \(message)")
    }
}

extension Value {
    /// The report line of an element value.
    var line: Int? {
        if case .record(let r) = self { return r.line }
        return nil
    }
}
