import ArgumentParser
import Foundation
import TCEKit

struct LettersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "letters",
        abstract: "List the enterprises that must sign the annual responsibility letter, by tier (CSV or XLSX).")

    @Argument(help: ArgumentHelp("Report files and folders.", valueName: "path"))
    var paths: [String] = []

    @OptionGroup var inputs: InputOptions

    @Option(name: .long, help: ArgumentHelp("Write the list to this file instead of standard output.", valueName: "file"))
    var out: String?

    @Option(name: .long, help: "Output format: csv (UTF-8 with BOM) or xlsx (an Excel workbook).")
    var format: LetterFormat = .csv

    @OptionGroup var options: RuleOptions

    func validate() throws {
        if format == .xlsx, out == nil, OutputSink.stdoutIsTerminal {
            throw ValidationError("an XLSX workbook is binary: write it to a file with --out FILE, or redirect standard output")
        }
    }

    func run() throws {
        let checker = try options.checker()
        var list = LetterList(ruleSet: checker.ruleSet)
        var summary = BatchSummary()
        let inputs = InputSequence(try self.inputs.paths(paths), archiveLimits: options.archiveLimits)
        BatchRunner(checker: checker).run(inputs, render: { _ in () }) { result, _ in
            list.add(result)
            summary.add(result)
        }
        let sink = try OutputSink(path: out)
        do {
            switch format {
            case .csv: try sink.write(list.csv())
            case .xlsx: try sink.write(list.xlsx())
            }
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

enum LetterFormat: String, ExpressibleByArgument, CaseIterable {
    case csv, xlsx
}
