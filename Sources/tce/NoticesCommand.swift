import ArgumentParser
import Foundation
import TCEKit

struct NoticesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notices",
        abstract: "Write notices for enterprises: rectification notices and responsibility-letter notices (HTML, DOCX).",
        discussion: """
            One notice per enterprise-year, named <CreditCode>-<year>.html/.docx (letter notices <CreditCode>-<year>-letter.*), \
            plus index.html. Wording, numbering, deadlines and contacts are in notices.yaml next to the rules, \
            the layout in its templates/ folder. Files in DIR are replaced one by one; nothing else in DIR is touched. \
            Notices are always in Simplified Chinese: --lang does not change them.
            """)

    @Argument(help: ArgumentHelp("Report files and folders.", valueName: "path"))
    var paths: [String]

    @Option(name: .long, help: ArgumentHelp("Folder to write the notices to (created if missing).", valueName: "dir"))
    var out: String

    @Option(name: .long, help: "Which notices: rectification, letter or all.")
    var kind: NoticeKindChoice = .rectification

    @Option(name: .long, help: "File formats: html, docx or both.")
    var format: NoticeFormatChoice = .both

    @Option(name: .long, help: ArgumentHelp("Date of issue, YYYY-MM-DD (default: today).", valueName: "date"))
    var date: String?

    @OptionGroup var options: RuleOptions

    func validate() throws {
        if let date, CivilDate(iso: date) == nil {
            throw ValidationError("--date must be a real date written YYYY-MM-DD, like 2012-03-15; got \"\(date)\"")
        }
        if out.isEmpty { throw ValidationError("--out must name a folder") }
    }

    func run() throws {
        let ruleSet = try options.loadRuleSet()
        let config: NoticeConfig
        do {
            config = try ruleSet.noticeConfig()
        } catch {
            throw CLIFailure(message: "the notice settings in \(ruleSet.directory.path) have mistakes:\n" + error.description)
        }
        // Notices are in Simplified Chinese whatever --lang says: the findings' wording goes on them.
        let checker = Checker(ruleSet: ruleSet, language: .zh, maxSize: options.maxSize)
        let batch: NoticeBatch
        do {
            batch = try NoticeBatch(checker: checker, config: config, options: NoticeBatch.Options(
                outputDirectory: out, kinds: kind.kinds, formats: format.formats,
                issueDate: date.flatMap(CivilDate.init(iso:)) ?? CivilDate.today()))
        } catch {
            throw CLIFailure(message: error.reason)
        }
        let inputs = InputSequence(paths, archiveLimits: options.archiveLimits)
        var progress = Progress(label: checker.messages["checked"])
        let index = batch.run(inputs) { _ in progress.step() }
        progress.finish()

        let stderr = FileHandle.standardError
        for failure in index.failures {
            stderr.write(Data("tce: cannot write \(failure.file): \(failure.reason)\n".utf8))
        }
        let summary = index.summary
        if summary.invalid > 0 {
            stderr.write(Data("tce: \(summary.invalid) of \(summary.reports) inputs could not be checked and have no notice; run tce check for details\n".utf8))
        }
        print("\(index.count(.rectification)) rectification and \(index.count(.letter)) letter notices written to \(out)/ (\(NoticeBatch.indexFile) lists them)")
        let failed = !index.failures.isEmpty || summary.invalid > 0 || !summary.ruleErrors.isEmpty
        throw ExitCode(failed ? 2 : 0)
    }
}

enum NoticeKindChoice: String, ExpressibleByArgument, CaseIterable {
    case rectification, letter, all

    var kinds: Set<NoticeKind> {
        switch self {
        case .rectification: [.rectification]
        case .letter: [.letter]
        case .all: Set(NoticeKind.allCases)
        }
    }
}

enum NoticeFormatChoice: String, ExpressibleByArgument, CaseIterable {
    case html, docx, both

    var formats: Set<NoticeFormat> {
        switch self {
        case .html: [.html]
        case .docx: [.docx]
        case .both: Set(NoticeFormat.allCases)
        }
    }
}
