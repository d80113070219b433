import ArgumentParser
import Foundation
import TCEKit

struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge the outputs of shards of one drop into one output (check --format json, or letters CSV).",
        discussion: """
            The result is what one run over the whole drop writes, when every shard named its files \
            the same way (run each shard from the same folder). Reports whose enterprise and year turn \
            up in more than one shard are checked again from their files, so duplicate-report holds \
            across shards; sharding by credit code avoids that (see docs/scaling.md).
            """)

    @Argument(help: ArgumentHelp("Shard outputs: all check --format json documents, or all letters lists.",
                                 valueName: "file"))
    var files: [String]

    @Option(name: .long, help: ArgumentHelp("Write the merged output to this file instead of standard output.",
                                            valueName: "file"))
    var out: String?

    @OptionGroup var options: RuleOptions

    func run() throws {
        var shards: [(name: String, bytes: [UInt8])] = []
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw CLIFailure(message: "cannot read \(file): \(String(cString: strerror(errno)))")
            }
            shards.append((file, Array(data)))
        }
        let letters = shards.map { $0.bytes.starts(with: Array("\u{FEFF}credit_code,".utf8)) }
        guard letters.allSatisfy({ $0 }) || letters.allSatisfy({ !$0 }) else {
            throw CLIFailure(message: "cannot merge letters lists with check outputs; merge each kind on its own")
        }
        let text: [UInt8]
        var exitCode: Int32 = 0
        do {
            if letters.first == true {
                text = try LetterListMerge.merge(shards)
            } else {
                let checker = try options.checker()
                let context = OutputContext(ruleSet: checker.ruleSet, messages: checker.messages)
                let merged = try JSONMerge(checker: checker, reporter: JSONReporter(context: context)).merge(shards)
                text = merged.text
                exitCode = merged.summary.exitCode()
                if !merged.rechecked.isEmpty {
                    FileHandle.standardError.write(Data(
                        "tce: checked \(merged.rechecked.count) reports again: their enterprise and year are in several shards\n".utf8))
                }
            }
        } catch let error as MergeError {
            throw CLIFailure(message: error.message)
        }
        let sink = try OutputSink(path: out)
        do {
            try sink.write(text)
            try sink.close()
        } catch {
            sink.discard()
            throw error
        }
        throw ExitCode(exitCode)
    }
}
