import ArgumentParser
import Foundation
import TCEKit

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Work with rule sets.",
        subcommands: [RulesCheckCommand.self])
}

struct RulesCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate a rule set and run every rule's example reports.")

    @Argument(help: ArgumentHelp("Rule set directory (default: the bundled rules/).", valueName: "path"))
    var path: String?

    @OptionGroup var options: RuleOptions

    func run() throws {
        var options = options
        if let path { options.rules = path }
        let ruleSet = try options.loadRuleSet()
        let checker = Checker(ruleSet: ruleSet, language: options.language, maxSize: options.maxSize)
        let results = ExampleRunner(checker: checker).run()
        var failures = 0
        for r in results where !r.problems.isEmpty {
            failures += 1
            for p in r.problems { print("\(r.file): \(p)") }
        }
        let rulesWithout = ExampleRunner(checker: checker).rulesMissingExamples()
        for (rule, kinds) in rulesWithout {
            print("\(rule.file): rule \(rule.id) has no \(kinds.joined(separator: ", ")) example in \(ruleSet.examplesDirectory?.path ?? "examples/")")
        }
        // The notice settings and templates belong to the rule set too, when it has them.
        var noticeMistakes = 0
        if FileManager.default.fileExists(atPath: ruleSet.noticeConfigPath) {
            do {
                _ = try ruleSet.noticeConfig()
            } catch {
                noticeMistakes = error.errors.count
                for e in error.errors { print(e.description) }
            }
        }
        // Not a mistake, but worth knowing: such a schema makes every report cost more.
        if let reason = ruleSet.schema.notCompiledBecause {
            print("\(ruleSet.schemaPath): note: reports will be validated by libxml2 alone, which is slower: the schema uses \(reason)")
        }
        print("\(ruleSet.rules.count) rules, \(results.count) examples: \(results.count - failures) as expected, \(failures) not")
        throw ExitCode(failures == 0 && rulesWithout.isEmpty && noticeMistakes == 0 ? 0 : 1)
    }
}
