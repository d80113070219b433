/// One element of a report as `ReportDecoder` reads it. Two kinds implement it: libxml2's
/// tree (`XMLElement`, every report can be read this way) and the strict fast reader's
/// (`LightElement`), so both paths share one decoder and give the same `Report`. Names are
/// the format's own (`ReportShape`), so the fast reader finds them without comparing text.
protocol ReportNode {
    var name: String { get }
    /// Line of the element's start tag, as libxml2 numbers it.
    var line: Int { get }
    func child(_ element: ReportShape.Element) -> Self?
    func children(_ element: ReportShape.Element) -> [Self]
    /// The attribute's value after XML attribute-value normalization, or nil when absent.
    func attribute(_ attribute: ReportShape.Attribute) -> String?
    /// The concatenated text content, references resolved.
    var text: String { get }
}

extension XMLElement: ReportNode {
    func child(_ element: ReportShape.Element) -> XMLElement? { child(element.name) }
    func children(_ element: ReportShape.Element) -> [XMLElement] { children(element.name) }
    func attribute(_ attribute: ReportShape.Attribute) -> String? { self.attribute(attribute.name) }
}
