import ArgumentParser
import Foundation
import TCEKit

/// Options every command that reads reports shares.
struct RuleOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Rule set directory (default: the bundled rules/).", valueName: "path"))
    var rules: String?

    @Option(name: .long, help: "Language of messages: zh or en (default: from the locale).")
    var lang: LanguageOption?

    @Option(name: .long, help: ArgumentHelp("Largest report accepted, in bytes.", valueName: "bytes"))
    var maxSize: Int = ReportLoader.defaultMaxSize

    @Option(name: .long, help: ArgumentHelp("Largest total a .zip drop's reports may expand to, in bytes (each report is also held to --max-size).", valueName: "bytes"))
    var maxArchiveSize: UInt64 = ZipDrop.Limits.defaultMaxTotalSize

    var archiveLimits: ZipDrop.Limits { ZipDrop.Limits(maxTotalSize: maxArchiveSize) }

    var language: Language {
        lang?.language ?? Language.fromEnvironment(ProcessInfo.processInfo.environment)
    }

    func validate() throws {
        guard maxSize > 0 else { throw ValidationError("--max-size must be a positive number of bytes") }
        guard maxArchiveSize > 0 else { throw ValidationError("--max-archive-size must be a positive number of bytes") }
    }

    /// Loads the chosen rule set, or explains exactly why it cannot.
    func loadRuleSet() throws -> RuleSet {
        let path = try rules ?? defaultRulesPath()
        do {
            return try RuleSet.load(from: path)
        } catch {
            throw CLIFailure(message: "the rule set in \(path) has mistakes:\n" + error.description)
        }
    }

    func checker() throws -> Checker {
        Checker(ruleSet: try loadRuleSet(), language: language, maxSize: maxSize)
    }

    private func defaultRulesPath() throws -> String {
        let executable = CommandLine.arguments.first.flatMap { arg -> String? in
            arg.contains("/") ? arg : Self.searchPath(arg)
        } ?? "/proc/self/exe"
        let real = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? executable
        if let found = RuleSet.locateDefault(executable: real, environment: ProcessInfo.processInfo.environment) {
            return found
        }
        throw CLIFailure(message: """
            cannot find the default rule set: no rules/ folder next to \(real) or above it, and TCE_RULES is not set. \
            Pass --rules PATH or set TCE_RULES.
            """)
    }

    private static func searchPath(_ name: String) -> String? {
        let dirs = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        return dirs.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}

enum LanguageOption: String, ExpressibleByArgument, CaseIterable {
    case zh, en
    var language: Language { self == .zh ? .zh : .en }
}
