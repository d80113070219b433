/// The formats `tce check` writes, by the names `--format` and `--output` take.
public enum OutputFormat: String, CaseIterable, Sendable {
    case text, json, sarif, junit, github

    public func reporter(context: OutputContext) -> any Reporter {
        switch self {
        case .text: TextReporter(context: context)
        case .json: JSONReporter(context: context)
        case .sarif: SARIFReporter(context: context)
        case .junit: JUnitReporter(context: context)
        case .github: GitHubReporter(context: context)
        }
    }
}
