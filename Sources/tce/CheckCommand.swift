import ArgumentParser
import Foundation
import TCEKit

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check reports (files, folders searched for *.xml, zip drops) and print findings.",
        discussion: """
            A zip PATH is read entry by entry (never unpacked to disk); its reports print as \
            drop.zip!/path/inside.xml. One pass can feed several outputs: --format for standard \
            output, and --output FORMAT=FILE as often as needed, e.g. \
            --output sarif=tce.sarif --output junit=tce.xml.
            """)

    @Argument(help: ArgumentHelp("Report files, folders and .zip drops.", valueName: "path"))
    var paths: [String] = []

    @OptionGroup var inputs: InputOptions

    @Option(name: .long, help: "Output format on standard output: text, json, sarif, junit or github.")
    var format: OutputFormat = .text

    @Option(name: .long, help: ArgumentHelp("Also write FORMAT to FILE (repeatable).", valueName: "format=file"),
            transform: OutputRequest.parse)
    var output: [OutputRequest] = []

    @Option(name: .long, help: "Which failures make the exit code 1: error, warning (and errors) or never.")
    var failOn: FailOn = .error

    @Option(name: .long, help: ArgumentHelp("Accept the failures recorded in this baseline file: only new ones count.", valueName: "file"))
    var baseline: String?

    @Option(name: .long, help: ArgumentHelp("Record this run's failures as a baseline file.", valueName: "file"))
    var writeBaseline: String?

    @Flag(name: .long, help: "With --baseline: fail when a baselined failure no longer occurs, so the baseline is kept tidy.")
    var strictBaseline = false

    @Option(name: .long, help: "Colour: auto (only on a terminal), always or never.")
    var color: ColorChoice = .auto

    @OptionGroup var options: RuleOptions

    func validate() throws {
        if strictBaseline && baseline == nil { throw ValidationError("--strict-baseline needs --baseline FILE") }
        let files = output.map(\.path) + (writeBaseline.map { [$0] } ?? [])
        if let twice = Dictionary(grouping: files, by: { $0 }).first(where: { $0.value.count > 1 })?.key {
            throw ValidationError("\(twice) is named as an output twice")
        }
    }

    func run() throws {
        let checker = try options.checker()
        var messages = checker.messages
        messages.language = options.language
        var gate = Gate(failOn: failOn.severity, strictBaseline: strictBaseline)
        if let baseline {
            do {
                gate.baseline = try Baseline.load(file: baseline)
            } catch {
                throw CLIFailure(message: error.description)
            }
        }
        let colored = color == .always || (color == .auto && OutputSink.stdoutIsTerminal
            && ProcessInfo.processInfo.environment["NO_COLOR"] == nil)
        let context = OutputContext(ruleSet: checker.ruleSet, messages: messages, baseline: gate.baseline,
                                    workingDirectory: FileManager.default.currentDirectoryPath)
        var outputs: [Output] = []
        do {
            var console = context
            console.color = colored && format == .text
            outputs.append(Output(reporter: format.reporter(context: console), sink: try OutputSink(path: nil)))
            for request in output {
                outputs.append(Output(reporter: request.format.reporter(context: context), sink: try OutputSink(path: request.path)))
            }
        } catch {
            outputs.forEach { $0.sink.discard() }
            throw error
        }
        var recorder = BaselineRecorder()
        let inputs = InputSequence(try self.inputs.paths(paths), archiveLimits: options.archiveLimits)
        let summary = try Self.stream(inputs: inputs, checker: checker, outputs: outputs, gate: gate) { result in
            if writeBaseline != nil { recorder.add(result) }
        }
        if let writeBaseline {
            let sink = try OutputSink(path: writeBaseline)
            do {
                try sink.write(recorder.baseline.json(ruleSet: checker.ruleSet.name))
                try sink.close()
            } catch {
                sink.discard()
                throw error
            }
        }
        throw ExitCode(summary.gateExitCode)
    }

    /// One reporter writing to one place.
    struct Output {
        let reporter: any Reporter
        let sink: OutputSink
    }

    /// Checks the batch once and streams every output in input order (see `ReportStream`).
    /// An output that fails to write leaves no partial file.
    static func stream(inputs: some Sequence<Input>, checker: Checker, outputs: [Output], gate: Gate = Gate(),
                       each: (ReportResult) -> Void = { _ in }) throws -> BatchSummary {
        var progress = Progress(label: checker.messages["checked"])
        defer { progress.finish() }
        do {
            let summary = try ReportStream.run(inputs, checker: checker, outputs: outputs.map {
                ReportStream.Output(reporter: $0.reporter, sink: $0.sink)
            }, gate: gate) { result in
                each(result)
                progress.step()
            }
            for o in outputs { try o.sink.close() }
            return summary
        } catch {
            outputs.forEach { $0.sink.discard() }
            throw error
        }
    }
}

/// `--output FORMAT=FILE`.
struct OutputRequest {
    var format: OutputFormat
    var path: String

    static func parse(_ argument: String) throws -> OutputRequest {
        guard let eq = argument.firstIndex(of: "="), !argument[argument.index(after: eq)...].isEmpty else {
            throw ValidationError("--output takes FORMAT=FILE, e.g. sarif=tce.sarif; got '\(argument)'")
        }
        let name = String(argument[..<eq])
        guard let format = OutputFormat(rawValue: name) else {
            throw ValidationError("unknown output format '\(name)' in --output \(argument); use one of: "
                + OutputFormat.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return OutputRequest(format: format, path: String(argument[argument.index(after: eq)...]))
    }
}

extension OutputFormat: ExpressibleByArgument {}

enum FailOn: String, ExpressibleByArgument, CaseIterable {
    case error, warning, never

    var severity: Rule.Severity? {
        switch self {
        case .error: .error
        case .warning: .warning
        case .never: nil
        }
    }
}

enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never
}
