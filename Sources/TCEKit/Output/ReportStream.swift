/// Where a reporter's text goes: standard output, a file, a string in a test.
public protocol TextSink: AnyObject {
    func write(_ text: String) throws
    /// Rendered reports arrive as UTF-8 bytes, sparing a String per report.
    func write(_ bytes: [UInt8]) throws
}

/// One pass over a batch feeding any number of reporters: each report is checked once and
/// rendered once per reporter, on the worker threads; the texts are written in input order.
public enum ReportStream {
    public struct Output {
        public let reporter: any Reporter
        public let sink: any TextSink

        public init(reporter: any Reporter, sink: any TextSink) {
            self.reporter = reporter
            self.sink = sink
        }
    }

    /// Writes header, reports and footer of every output and returns the batch's totals;
    /// `each` sees every result in order (to record a baseline, say).
    public static func run(_ inputs: some Sequence<Input>, checker: Checker, outputs: [Output], gate: Gate = Gate(),
                           each: (ReportResult) -> Void = { _ in }) throws -> BatchSummary {
        var summary = BatchSummary(gate: gate)
        var wroteReport = [Bool](repeating: false, count: outputs.count)
        let reporters = outputs.map(\.reporter)
        for o in outputs { try o.sink.write(o.reporter.header()) }
        try BatchRunner(checker: checker).run(inputs, render: { result in reporters.map { $0.renderUTF8(result) } }) { result, texts in
            for (i, text) in texts.enumerated() where !text.isEmpty {
                if wroteReport[i] { try outputs[i].sink.write(outputs[i].reporter.separator) }
                wroteReport[i] = true
                try outputs[i].sink.write(text)
            }
            summary.add(result)
            each(result)
        }
        for o in outputs { try o.sink.write(o.reporter.footer(summary)) }
        return summary
    }
}
