import CLibXML2

/// A read-only view of one libxml2 element, valid while its document lives.
/// Names are `StaticString`s: libxml2 reads them in place, where a `String` short enough to be
/// stored inline would be copied into a new C string on every call.
struct XMLElement: ElementChildren {
    let node: xmlNodePtr

    var name: String { String(cString: node.pointee.name) }

    var line: Int { Int(xmlGetLineNo(node)) }

    func forEachChild(named name: StaticString?, _ body: (XMLElement) -> Bool) {
        var child = node.pointee.children
        while let c = child {
            if c.pointee.type == XML_ELEMENT_NODE, name.map({ xmlStrEqual(c.pointee.name, $0.utf8Start) != 0 }) ?? true,
               !body(XMLElement(node: c)) {
                return
            }
            child = c.pointee.next
        }
    }

    /// The value of the attribute `name` in no namespace.
    func attribute(_ name: StaticString) -> String? {
        var attribute = node.pointee.properties
        while let a = attribute {
            if a.pointee.ns == nil, xmlStrEqual(a.pointee.name, name.utf8Start) != 0 {
                // The usual shape, one text node: read it in place instead of copying it out.
                if let only = a.pointee.children, only.pointee.next == nil, only.pointee.type == XML_TEXT_NODE,
                   let content = only.pointee.content {
                    return String(cString: content)
                }
                break
            }
            attribute = a.pointee.next
        }
        guard let value = xmlGetNoNsProp(node, name.utf8Start) else { return nil }
        defer { tce_xmlFree(value) }
        return String(cString: value)
    }

    /// Concatenated text content.
    var text: String { withText { String(decoding: $0, as: UTF8.self) } }

    /// Calls `body` with the element's text content as UTF-8; in place when it is one text node.
    func withText<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let only = node.pointee.children, only.pointee.next == nil, only.pointee.type == XML_TEXT_NODE,
           let content = only.pointee.content {
            return body(UnsafeBufferPointer(start: content, count: Int(xmlStrlen(content))))
        }
        guard let value = xmlNodeGetContent(node) else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        defer { tce_xmlFree(value) }
        return body(UnsafeBufferPointer(start: value, count: Int(xmlStrlen(value))))
    }
}
