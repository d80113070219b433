import ArgumentParser
import Foundation
import TCEKit

/// Where the reports come from, besides the paths on the command line: a list file, for
/// batches whose paths do not fit a command line (a shard of a large drop).
struct InputOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Also check the paths listed in this file, one per line ('-' reads standard input).",
        valueName: "list"))
    var filesFrom: String?

    /// The command-line paths followed by the listed ones; at least one in all.
    func paths(_ arguments: [String]) throws -> [String] {
        var paths = arguments
        if let list = filesFrom {
            let data: Data?
            if list == "-" {
                data = FileHandle.standardInput.readDataToEndOfFile()
            } else {
                data = FileManager.default.contents(atPath: list)
            }
            guard let data else {
                throw CLIFailure(message: "cannot read the list \(list): \(String(cString: strerror(errno)))")
            }
            paths += InputCollector.paths(inList: Array(data))
        }
        guard !paths.isEmpty else {
            throw ValidationError("give at least one report file or folder (or --files-from LIST)")
        }
        return paths
    }
}
