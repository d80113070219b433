import CLibXML2

/// A read-only view of one libxml2 element, valid while its document lives.
struct XMLElement {
    let node: xmlNodePtr

    var name: String { String(cString: node.pointee.name) }

    var line: Int { Int(xmlGetLineNo(node)) }

    /// Element children in document order.
    var children: [XMLElement] {
        var result: [XMLElement] = []
        var child = node.pointee.children
        while let c = child {
            if c.pointee.type == XML_ELEMENT_NODE { result.append(XMLElement(node: c)) }
            child = c.pointee.next
        }
        return result
    }

    func child(_ name: String) -> XMLElement? {
        var child = node.pointee.children
        while let c = child {
            if c.pointee.type == XML_ELEMENT_NODE, xmlStrEqual(c.pointee.name, name) != 0 {
                return XMLElement(node: c)
            }
            child = c.pointee.next
        }
        return nil
    }

    func children(_ name: String) -> [XMLElement] {
        children.filter { xmlStrEqual($0.node.pointee.name, name) != 0 }
    }

    func attribute(_ name: String) -> String? {
        guard let value = xmlGetNoNsProp(node, name) else { return nil }
        defer { tce_xmlFree(value) }
        return String(cString: value)
    }

    /// Concatenated text content.
    var text: String {
        guard let value = xmlNodeGetContent(node) else { return "" }
        defer { tce_xmlFree(value) }
        return String(cString: value)
    }
}
