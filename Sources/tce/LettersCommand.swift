import ArgumentParser
import Foundation
import TCEKit

struct LettersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "letters",
        abstract: "List the enterprises that must sign the annual responsibility letter, by tier (CSV).")

    @Argument(help: ArgumentHelp("Report files and folders.", valueName: "path"))
    var paths: [String] = []

    @OptionGroup var inputs: InputOptions

    @Option(name: .long, help: ArgumentHelp("Write the CSV to this file instead of standard output.", valueName: "file"))
    var out: String?

    @OptionGroup var options: RuleOptions

    func run() throws {
        let checker = try options.checker()
        var list = LetterList(ruleSet: checker.ruleSet)
        var summary = BatchSummary()
        let inputs = InputCollector.collect(try self.inputs.paths(paths))
        BatchRunner(checker: checker).run(inputs, render: { _ in () }) { result, _ in
            list.add(result)
            summary.add(result)
        }
        let sink = try OutputSink(path: out)
        do {
            try sink.write(list.csv())
            try sink.close()
        } catch {
            sink.discard()
            throw error
        }
        if summary.invalid > 0 {
            FileHandle.standardError.write(Data(
                "tce: \(summary.invalid) of \(summary.reports) inputs could not be checked and are not in the list; run tce check for details\n".utf8))
        }
        throw ExitCode(summary.invalid > 0 ? 2 : 0)
    }
}
