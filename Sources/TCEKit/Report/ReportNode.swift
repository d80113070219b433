/// One element of a report as `ReportDecoder` reads it. Two kinds implement it: libxml2's
/// tree (`XMLElement`, every report can be read this way) and the strict fast reader's
/// (`LightElement`), so both paths share one decoder and give the same `Report`.
protocol ReportNode {
    var name: String { get }
    /// Line of the element's start tag, as libxml2 numbers it.
    var line: Int { get }
    func child(_ name: String) -> Self?
    func children(_ name: String) -> [Self]
    /// The attribute's value after XML attribute-value normalization, or nil when absent.
    func attribute(_ name: String) -> String?
    /// The concatenated text content, references resolved.
    var text: String { get }
}

extension XMLElement: ReportNode {}
