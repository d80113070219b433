/// Gathers the failures of a run, in order, into the baseline that `--write-baseline` saves.
public struct BaselineRecorder: Sendable {
    private var names: [Baseline.Key: String] = [:]

    public init() {}

    public mutating func add(_ result: ReportResult) {
        for f in result.findings where f.isFailure {
            guard let key = Baseline.key(result, f), names[key] == nil else { continue }
            names[key] = result.report?.enterprise.name
        }
    }

    public var baseline: Baseline {
        Baseline(entries: names.map { Baseline.Entry(key: $0.key, name: $0.value) })
    }
}
