import ArgumentParser
import Foundation
import TCEKit

@main
struct TCE: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tce",
        abstract: "Check yearly enterprise energy reports against the county's energy-saving rules.",
        discussion: """
            Exit codes: 0 nothing failed; 1 at least one error-severity rule failed (see check's \
            --fail-on and --baseline); 2 an input was invalid or unreadable, or the command was used wrongly.
            """,
        version: ToolInfo.version,
        subcommands: [CheckCommand.self, LettersCommand.self, DiffCommand.self, NoticesCommand.self, MergeCommand.self, RulesCommand.self])

    /// SPEC §5 wants exit code 2 for usage errors, where ArgumentParser would use 64.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch let failure as CLIFailure {
            FileHandle.standardError.write(Data(("tce: " + failure.message + "\n").utf8))
            Foundation.exit(2)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(2)
        }
    }
}

/// A failure the user can act on, printed as one line on stderr with exit code 2.
struct CLIFailure: Error {
    var message: String
}
