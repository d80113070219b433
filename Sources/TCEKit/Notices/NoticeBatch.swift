import Foundation

/// `tce notices`: checks a batch and writes each notice as its report comes past, in input
/// order, then `index.html`. Only small index rows are kept; notices are rendered and written
/// a few dozen at a time on all cores. One notice that cannot be written does not stop the others.
public final class NoticeBatch {
    public struct Options: Sendable {
        public var outputDirectory: String
        public var kinds: Set<NoticeKind>
        public var formats: Set<NoticeFormat>
        public var issueDate: CivilDate

        public init(outputDirectory: String, kinds: Set<NoticeKind>, formats: Set<NoticeFormat>, issueDate: CivilDate) {
            self.outputDirectory = outputDirectory
            self.kinds = kinds
            self.formats = formats
            self.issueDate = issueDate
        }
    }

    public static let indexFile = "index.html"

    let checker: Checker
    let config: NoticeConfig
    let options: Options
    let renderer: NoticeRenderer
    let builder: NoticeBuilder
    /// Notices rendered and written together.
    let chunk: Int

    private var index: NoticeIndex
    private var pending: [Notice] = []
    private var nextSeq: [NoticeKind: Int] = [:]
    private var names = NoticeFileName.Registry(reserved: ["index"])
    /// Enterprise-years that already have a letter notice: a resubmitted report gets no second one.
    private var lettered: Set<String> = []

    /// Sets up the output folder (created if missing, never emptied) and the renderer.
    public init(checker: Checker, config: NoticeConfig, options: Options) throws(NoticeRenderer.Failure) {
        self.checker = checker
        self.config = config
        self.options = options
        renderer = try NoticeRenderer(config: config, ruleSet: checker.ruleSet)
        builder = NoticeBuilder(ruleSet: checker.ruleSet, config: config, kinds: options.kinds, issueDate: options.issueDate)
        chunk = max(16, 8 * ProcessInfo.processInfo.activeProcessorCount)
        index = NoticeIndex(issueDate: options.issueDate)
        for kind in NoticeKind.allCases { nextSeq[kind] = config.firstNumber }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: options.outputDirectory, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw NoticeRenderer.Failure(reason: "\(options.outputDirectory) exists and is not a folder")
            }
        } else {
            do {
                try FileManager.default.createDirectory(atPath: options.outputDirectory, withIntermediateDirectories: true)
            } catch {
                throw NoticeRenderer.Failure(reason: "cannot create the folder \(options.outputDirectory): \(error.localizedDescription)")
            }
        }
    }

    /// Checks `inputs` and writes their notices; `progress` sees each result in order.
    public func run(_ inputs: some Sequence<Input>, progress: (ReportResult) -> Void = { _ in }) -> NoticeIndex {
        let builder = self.builder
        BatchRunner(checker: checker).run(inputs, render: { builder.notices(for: $0) }) { result, notices in
            add(result, notices)
            progress(result)
        }
        flush()
        let path = options.outputDirectory + "/" + Self.indexFile
        do {
            try AtomicFile.write(renderer.renderIndex(index), to: path)
        } catch {
            index.failures.append(NoticeIndex.Failure(file: path, reason: error.reason))
        }
        return index
    }

    /// Numbers the result's notices in output order and queues them.
    func add(_ result: ReportResult, _ notices: [Notice]) {
        index.summary.add(result)
        for var notice in notices {
            if notice.kind == .letter {
                let key = "\(notice.creditCode)|\(notice.reportingYear)"
                guard lettered.insert(key).inserted else { continue }
            }
            let seq = nextSeq[notice.kind]!
            nextSeq[notice.kind] = seq + 1
            notice.seq = seq
            notice.number = number(notice)
            notice.fileStem = names.claim(notice.baseName)
            pending.append(notice)
        }
        if pending.count >= chunk { flush() }
    }

    private func number(_ notice: Notice) -> String {
        let scope = NameScope([
            "issueYear": .number(Exact(integer: notice.issueDate.year)), "seq": .number(Exact(integer: notice.seq)),
            "reportingYear": .number(Exact(integer: notice.reportingYear)), "creditCode": .string(notice.creditCode),
        ])
        return (try? config.numbering[notice.kind]?.render(in: scope, missing: "")) ?? nil ?? String(notice.seq)
    }

    /// Renders and writes the queued notices in parallel, then records them in order.
    private func flush() {
        guard !pending.isEmpty else { return }
        let renderer = self.renderer
        let directory = options.outputDirectory
        let formats = NoticeFormat.allCases.filter(options.formats.contains)
        let outcomes = BatchRunner.parallelMap(pending) { notice -> [(NoticeFormat, String, String?)] in
            formats.map { format in
                let file = notice.fileStem + "." + format.rawValue
                do {
                    let bytes = try renderer.render(notice, as: format)
                    try AtomicFile.write(bytes, to: directory + "/" + file)
                    return (format, file, nil)
                } catch let error as AtomicFile.WriteError {
                    return (format, file, error.reason)
                } catch {
                    return (format, file, "\(error)")
                }
            }
        }
        for (notice, results) in zip(pending, outcomes) {
            var files: [NoticeFormat: String] = [:]
            for (format, file, failure) in results {
                if let failure {
                    index.failures.append(NoticeIndex.Failure(file: directory + "/" + file, reason: failure))
                } else {
                    files[format] = file
                }
            }
            guard !files.isEmpty else { continue }
            index.rows.append(NoticeIndex.Row(
                kind: notice.kind, number: notice.number, enterpriseName: notice.enterpriseName,
                creditCode: notice.creditCode, reportingYear: notice.reportingYear, failedRules: notice.items.map(\.title),
                tier: notice.tier?.id, totalTce: notice.totalTce, files: files))
        }
        pending.removeAll(keepingCapacity: true)
    }
}
