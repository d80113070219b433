/// A report as the strict fast reader saw it: elements of the report format with their
/// attributes and text, as spans of one UTF-8 buffer. Lives only while the loader reads one
/// report; `LightElement` gives `ReportDecoder` its view of it.
final class LightDocument {
    struct Node {
        var element: ReportShape.Element
        /// Line of the start tag's closing `>`, where libxml2 numbers an element.
        var line: Int
        var firstChild = -1
        var lastChild = -1
        var nextSibling = -1
        var firstAttribute: Int
        var attributeCount = 0
        /// The text of a simple element, references resolved.
        var text = Span(start: 0, end: 0, resolved: false)
    }

    struct Attribute {
        var name: ReportShape.Attribute
        /// The value after attribute-value normalization, references resolved.
        var value: Span
    }

    /// Bytes of the input, or of `resolved` where references or line ends had to be rewritten.
    struct Span {
        var start: Int
        var end: Int
        var resolved: Bool
    }

    /// The UTF-8 text read (the input itself, or its transcoding).
    let input: UnsafeBufferPointer<UInt8>
    /// Rewritten values: never longer than the input, so allocated once at its size. Owned.
    let resolved: UnsafeMutableBufferPointer<UInt8>
    /// Immutable once read; raw memory, so reading a node costs no reference counting.
    let nodes: UnsafeMutableBufferPointer<Node>
    let attributes: UnsafeMutableBufferPointer<Attribute>

    init(input: UnsafeBufferPointer<UInt8>, resolved: UnsafeMutableBufferPointer<UInt8>, nodes: [Node],
         attributes: [Attribute]) {
        self.input = input
        self.resolved = resolved
        self.nodes = .allocate(capacity: max(nodes.count, 1))
        _ = self.nodes.initialize(from: nodes)
        self.attributes = .allocate(capacity: max(attributes.count, 1))
        _ = self.attributes.initialize(from: attributes)
        nodeCount = nodes.count
        attributeCount = attributes.count
    }

    let nodeCount: Int
    let attributeCount: Int

    deinit {
        resolved.deallocate()
        nodes.deallocate()
        attributes.deallocate()
    }

    func bytes(_ span: Span) -> UnsafeBufferPointer<UInt8> {
        if span.resolved {
            return UnsafeBufferPointer(rebasing: resolved[span.start..<span.end])
        }
        return UnsafeBufferPointer(rebasing: input[span.start..<span.end])
    }

    func attributeBytes(_ a: Attribute) -> UnsafeBufferPointer<UInt8> { bytes(a.value) }
    func textBytes(_ n: Node) -> UnsafeBufferPointer<UInt8> { bytes(n.text) }

    func string(_ span: Span) -> String {
        String(decoding: bytes(span), as: UTF8.self)
    }

    /// Without leading and trailing XML whitespace (space, tab, CR, LF).
    static func trimmed(_ b: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var start = 0, end = b.count
        while start < end && isSpace(b[start]) { start += 1 }
        while end > start && isSpace(b[end - 1]) { end -= 1 }
        return UnsafeBufferPointer(rebasing: b[start..<end])
    }

    @inline(__always)
    static func isSpace(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D
    }

    var root: LightElement { LightElement(doc: self, index: 0) }
}

/// One element of a `LightDocument`, as `ReportDecoder` reads it.
struct LightElement: ReportNode {
    unowned(unsafe) let doc: LightDocument
    let index: Int

    private var node: LightDocument.Node { doc.nodes[index] }

    var name: String { node.element.name }
    var line: Int { node.line }

    func child(_ element: ReportShape.Element) -> LightElement? {
        var c = node.firstChild
        while c >= 0 {
            if doc.nodes[c].element == element { return LightElement(doc: doc, index: c) }
            c = doc.nodes[c].nextSibling
        }
        return nil
    }

    func children(_ element: ReportShape.Element) -> [LightElement] {
        var result: [LightElement] = []
        var c = node.firstChild
        while c >= 0 {
            if doc.nodes[c].element == element { result.append(LightElement(doc: doc, index: c)) }
            c = doc.nodes[c].nextSibling
        }
        return result
    }

    func attribute(_ attribute: ReportShape.Attribute) -> String? {
        let n = node
        for k in n.firstAttribute..<(n.firstAttribute + n.attributeCount) where doc.attributes[k].name == attribute {
            return doc.string(doc.attributes[k].value)
        }
        return nil
    }

    var text: String { doc.string(node.text) }
}
