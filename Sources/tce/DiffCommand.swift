import ArgumentParser
import Foundation
import TCEKit

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare two drops (folders or zips) enterprise-year by enterprise-year.",
        discussion: """
            Reports are matched by credit code and reporting year, not by file name. Lists the \
            enterprise-years that newly fail a rule, no longer fail one, appeared, disappeared or \
            changed tier. Exit codes: 0 nothing newly fails; 1 something newly fails (a failing \
            newcomer included); 2 an input of either drop cannot be checked, or a usage error.
            """)

    @Argument(help: ArgumentHelp("The earlier drop: a folder, a .zip or a report file.", valueName: "old"))
    var old: String

    @Argument(help: ArgumentHelp("The later drop.", valueName: "new"))
    var new: String

    @Option(name: .long, help: "Output format: text or json.")
    var format: DiffFormat = .text

    @OptionGroup var options: RuleOptions

    func run() throws {
        let checker = try options.checker()
        var messages = checker.messages
        messages.language = options.language
        let diff = DropDiff(old: DropSnapshot.check([old], checker: checker, archiveLimits: options.archiveLimits),
                            new: DropSnapshot.check([new], checker: checker, archiveLimits: options.archiveLimits))
        let renderer = DiffRenderer(messages: messages)
        let sink = try OutputSink(path: nil)
        try sink.write(format == .json ? renderer.json(diff) : renderer.text(diff))
        try sink.close()
        throw ExitCode(diff.exitCode)
    }
}

enum DiffFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}
