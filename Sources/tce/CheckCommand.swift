import ArgumentParser
import Foundation
import TCEKit

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check reports (files, or folders searched for *.xml) and print findings.")

    @Argument(help: ArgumentHelp("Report files and folders.", valueName: "path"))
    var paths: [String] = []

    @OptionGroup var inputs: InputOptions

    @Option(name: .long, help: "Output format: text or json.")
    var format: CheckFormat = .text

    @Option(name: .long, help: "Colour: auto (only on a terminal), always or never.")
    var color: ColorChoice = .auto

    @OptionGroup var options: RuleOptions

    func run() throws {
        let checker = try options.checker()
        var messages = checker.messages
        messages.language = options.language
        let colored = color == .always || (color == .auto && OutputSink.stdoutIsTerminal
            && ProcessInfo.processInfo.environment["NO_COLOR"] == nil)
        let context = OutputContext(ruleSet: checker.ruleSet, messages: messages, color: colored && format == .text)
        let reporter: any Reporter = switch format {
        case .text: TextReporter(context: context)
        case .json: JSONReporter(context: context)
        }
        let summary = try Self.stream(paths: inputs.paths(paths), checker: checker, reporter: reporter, sink: OutputSink(path: nil))
        throw ExitCode(summary.exitCode())
    }

    /// Checks the batch and streams one reporter's output in input order.
    static func stream(paths: [String], checker: Checker, reporter: any Reporter, sink: OutputSink) throws -> BatchSummary {
        let inputs = InputCollector.collect(paths)
        var summary = BatchSummary()
        var progress = Progress(total: inputs.count)
        try sink.write(reporter.header())
        var first = true
        try BatchRunner(checker: checker).run(inputs, render: { reporter.renderUTF8($0) }) { result, text in
            if !first { try sink.write(reporter.separator) }
            first = false
            try sink.write(text)
            summary.add(result)
            progress.step()
        }
        try sink.write(reporter.footer(summary))
        try sink.close()
        return summary
    }
}

enum CheckFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never
}
