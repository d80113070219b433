import CLibXML2
import Foundation
import ZIPFoundation

/// A generated document read back the way another program would: HTML with libxml2's HTML
/// parser, XML parts with its XML parser, DOCX and XLSX unzipped first. Tests query it by element.
final class ParsedDocument {
    let doc: xmlDocPtr
    /// Problems the parser reported (for XML, any makes the part unusable).
    let errors: [String]

    private init(doc: xmlDocPtr, errors: [String]) {
        self.doc = doc
        self.errors = errors
    }

    deinit { xmlFreeDoc(doc) }

    static func html(_ bytes: [UInt8]) throws -> ParsedDocument {
        let options = Int32(HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue)
        let doc = bytes.withUnsafeBytes { b in
            b.withMemoryRebound(to: CChar.self) { htmlReadMemory($0.baseAddress, Int32($0.count), "notice.html", "UTF-8", options) }
        }
        guard let doc else { throw ReadError(message: "libxml2's HTML parser returned no document") }
        return ParsedDocument(doc: doc, errors: [])
    }

    /// Strict XML: a part that is not well-formed throws.
    static func xml(_ bytes: [UInt8], name: String = "part.xml") throws -> ParsedDocument {
        let ctxt = xmlNewParserCtxt()
        defer { xmlFreeParserCtxt(ctxt) }
        let doc = bytes.withUnsafeBytes { b in
            b.withMemoryRebound(to: CChar.self) { xmlCtxtReadMemory(ctxt, $0.baseAddress, Int32($0.count), name, nil, Int32(XML_PARSE_NONET.rawValue)) }
        }
        guard let doc, ctxt?.pointee.wellFormed != 0 else {
            if let doc { xmlFreeDoc(doc) }
            let message = ctxt.flatMap { xmlCtxtGetLastError($0) }.map { String(cString: $0.pointee.message) } ?? "?"
            throw ReadError(message: "\(name) is not well-formed XML: \(message)")
        }
        return ParsedDocument(doc: doc, errors: [])
    }

    var root: Node { Node(node: xmlDocGetRootElement(doc)!, owner: self) }

    /// Every element named `name` (local name, any namespace), in document order.
    func all(_ name: String) -> [Node] { root.descendants(name) }

    /// An element; it keeps its document alive, so nodes outlive the expression that found them.
    struct Node {
        let node: xmlNodePtr
        let owner: ParsedDocument

        var name: String { String(cString: node.pointee.name) }

        var children: [Node] {
            var out: [Node] = []
            var c = node.pointee.children
            while let n = c {
                if n.pointee.type == XML_ELEMENT_NODE { out.append(Node(node: n, owner: owner)) }
                c = n.pointee.next
            }
            return out
        }

        func descendants(_ name: String) -> [Node] {
            var out: [Node] = []
            for c in children {
                if c.name == name { out.append(c) }
                out.append(contentsOf: c.descendants(name))
            }
            return out
        }

        func first(_ name: String) -> Node? { descendants(name).first }

        /// An attribute by local name, in any namespace (xmlGetProp ignores namespaces).
        func attribute(_ name: String) -> String? {
            guard let v = xmlGetProp(node, name) else { return nil }
            defer { tce_xmlFree(v) }
            return String(cString: v)
        }

        var text: String {
            guard let v = xmlNodeGetContent(node) else { return "" }
            defer { tce_xmlFree(v) }
            return String(cString: v)
        }

        /// Elements that carry `attribute="value"`.
        func withAttribute(_ attribute: String, _ value: String) -> [Node] {
            var out: [Node] = []
            if self.attribute(attribute) == value { out.append(self) }
            for c in children { out.append(contentsOf: c.withAttribute(attribute, value)) }
            return out
        }
    }

    struct ReadError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}

/// A ZIP package (DOCX, XLSX) unpacked: its entry names in order and their bytes.
struct Unzipped {
    let names: [String]
    let parts: [String: [UInt8]]

    init(_ bytes: [UInt8]) throws {
        let archive = try Archive(data: Data(bytes), accessMode: .read)
        var names: [String] = []
        var parts: [String: [UInt8]] = [:]
        for entry in archive {
            var data = Data()
            _ = try archive.extract(entry, skipCRC32: false) { data.append($0) }
            names.append(entry.path)
            parts[entry.path] = [UInt8](data)
        }
        self.names = names
        self.parts = parts
    }

    func xml(_ name: String) throws -> ParsedDocument {
        guard let bytes = parts[name] else { throw ParsedDocument.ReadError(message: "the package has no \(name)") }
        return try ParsedDocument.xml(bytes, name: name)
    }
}
