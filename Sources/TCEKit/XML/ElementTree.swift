import CLibXML2
#if canImport(Glibc)
import Glibc
#endif

/// A report's elements, attributes and leaf text in flat buffers, in document order.
///
/// Built straight from SAX events on the fast path (`ReportSchema.validTree`), so a valid report
/// never becomes a libxml2 tree: building, walking and freeing that tree cost about as much as
/// all of tce's decoding. Built from a libxml2 document on the slow path, which explains invalid
/// reports. Text is kept for elements without element children only; the schema allows no other.
final class ElementTree {
    struct Node {
        var name: Range<Int32>
        var line: Int32
        var parent: Int32
        var firstChild: Int32 = -1
        var lastChild: Int32 = -1
        var nextSibling: Int32 = -1
        var attributes: Range<Int32>
        var text: Range<Int32> = 0..<0
        /// Character data other than blanks in an element that has element children.
        var strayText = false
        /// Whether any character data (blanks, an empty CDATA section) came at all.
        var sawCharacters = false
    }

    struct Attribute {
        var name: Range<Int32>
        var value: Range<Int32>
        /// Only attributes in no namespace are looked up; the others are kept to stay faithful.
        var namespaced: Bool
    }

    // Plain growable buffers rather than arrays: with arrays, their uniqueness checks and
    // retains made building and reading a tree cost 60 % more (three times as much with the
    // exclusivity checks as well).
    // One thread builds a tree, then reads it: access is not checked for overlap.
    @exclusivity(unchecked) private var nodes = GrowableBuffer<Node>(capacity: 64)
    @exclusivity(unchecked) private var attributes = GrowableBuffer<Attribute>(capacity: 64)
    /// Names, attribute values and text, back to back.
    @exclusivity(unchecked) private var bytes = GrowableBuffer<UInt8>(capacity: 4096)
    /// The innermost element opened and not yet closed.
    @exclusivity(unchecked) private var current: Int32 = -1

    init() {}

    deinit {
        nodes.release()
        attributes.release()
        bytes.release()
    }

    var root: Element? { nodes.count == 0 ? nil : Element(tree: self, index: 0) }

    // MARK: Building

    private func append(_ pointer: UnsafePointer<UInt8>, count: Int) -> Range<Int32> {
        let start = Int32(bytes.count)
        bytes.append(pointer, count: count)
        return start..<Int32(bytes.count)
    }

    /// Opens an element as a child of the innermost open one.
    func start(name: UnsafePointer<UInt8>, line: Int) {
        let index = Int32(nodes.count)
        let first = Int32(attributes.count)
        nodes.append(Node(name: append(name, count: Int(xmlStrlen(name))), line: Int32(clamping: line),
                          parent: current, attributes: first..<first))
        if current >= 0 {
            let parent = nodes.base + Int(current)
            if parent.pointee.firstChild < 0 {
                parent.pointee.firstChild = index
                // Whitespace before the first child is not text of an element with children.
                if !isBlank(parent.pointee.text) { parent.pointee.strayText = true }
                parent.pointee.text = 0..<0
            } else {
                nodes.base[Int(parent.pointee.lastChild)].nextSibling = index
            }
            parent.pointee.lastChild = index
        }
        current = index
    }

    /// Adds an attribute to the element opened last.
    func attribute(name: UnsafePointer<UInt8>, value: UnsafePointer<UInt8>, count: Int, namespaced: Bool) {
        attributes.append(Attribute(name: append(name, count: Int(xmlStrlen(name))), value: append(value, count: count),
                                    namespaced: namespaced))
        let node = nodes.base + (nodes.count - 1)
        node.pointee.attributes = node.pointee.attributes.lowerBound..<Int32(attributes.count)
    }

    /// Character data of the innermost open element, which arrives in pieces.
    func characters(_ pointer: UnsafePointer<UInt8>, count: Int) {
        guard current >= 0 else { return }
        let node = nodes.base + Int(current)
        node.pointee.sawCharacters = true
        guard count > 0 else { return }
        guard node.pointee.firstChild < 0 else {
            if !UnsafeBufferPointer(start: pointer, count: count).allSatisfy(\.isXMLBlank) { node.pointee.strayText = true }
            return
        }
        let text = node.pointee.text
        if text.isEmpty {
            node.pointee.text = append(pointer, count: count)
        } else if Int(text.upperBound) == bytes.count {
            node.pointee.text = text.lowerBound..<append(pointer, count: count).upperBound
        } else {
            // Something came between the pieces (cannot happen in a leaf; kept correct anyway).
            // Copied out first: growing the buffer moves it.
            let earlier = Array(UnsafeBufferPointer(start: bytes.base + Int(text.lowerBound), count: text.count))
            let start = Int32(bytes.count)
            earlier.withUnsafeBufferPointer { bytes.append($0.baseAddress!, count: $0.count) }
            node.pointee.text = start..<append(pointer, count: count).upperBound
        }
    }

    private func isBlank(_ range: Range<Int32>) -> Bool {
        UnsafeBufferPointer(start: bytes.base + Int(range.lowerBound), count: range.count).allSatisfy(\.isXMLBlank)
    }

    func end() {
        if current >= 0 { current = nodes.base[Int(current)].parent }
    }

    // MARK: From a libxml2 document

    /// The same tree from a parsed document, for reports that took the slow path.
    convenience init(document root: XMLElement) {
        self.init()
        add(root)
    }

    private func add(_ element: XMLElement) {
        let node = element.node
        start(name: node.pointee.name, line: element.line)
        var property = node.pointee.properties
        while let p = property {
            if let value = xmlNodeGetContent(UnsafeMutableRawPointer(p).assumingMemoryBound(to: xmlNode.self)) {
                attribute(name: p.pointee.name, value: value, count: Int(xmlStrlen(value)), namespaced: p.pointee.ns != nil)
                tce_xmlFree(value)
            }
            property = p.pointee.next
        }
        let children = element.children
        if children.isEmpty {
            element.withText { text in
                if let base = text.baseAddress { characters(base, count: text.count) }
            }
        }
        for child in children { add(child) }
        end()
    }
}

extension ElementTree {
    /// One element of the tree; valid while the tree lives (the tree is not retained, for speed:
    /// the decoder makes and drops hundreds of these per report).
    struct Element: ElementChildren {
        unowned(unsafe) let tree: ElementTree
        let index: Int32

        private var node: Node { tree.nodes.base[Int(index)] }

        var name: String { string(node.name) }

        var line: Int { Int(node.line) }

        func forEachChild(named name: StaticString?, _ body: (Element) -> Bool) {
            var child = node.firstChild
            while child >= 0 {
                let c = tree.nodes.base[Int(child)]
                if name.map({ equal(c.name, $0) }) ?? true, !body(Element(tree: tree, index: child)) { return }
                child = c.nextSibling
            }
        }

        /// The bytes of the attribute `name` in no namespace, in place, when they need no
        /// normalizing as an XSD token (no blank anywhere): what `token` would make a String of.
        func plainToken(_ name: StaticString) -> UnsafeBufferPointer<UInt8>? {
            guard let value = valueBytes(ofAttribute: name), !value.contains(where: { $0 <= 0x20 }) else { return nil }
            return value
        }

        /// The value of the attribute `name` in no namespace.
        func attribute(_ name: StaticString) -> String? {
            valueBytes(ofAttribute: name).map { String(decoding: $0, as: UTF8.self) }
        }

        /// The value of the attribute `name` in no namespace, as it stands in the tree.
        @inline(__always)
        private func valueBytes(ofAttribute name: StaticString) -> UnsafeBufferPointer<UInt8>? {
            let range = node.attributes
            for i in Int(range.lowerBound)..<Int(range.upperBound) {
                let a = tree.attributes.base[i]
                if !a.namespaced && equal(a.name, name) { return bytes(a.value) }
            }
            return nil
        }

        // For the compiled schema's checks: names, text and attributes in place.

        var nameBytes: UnsafeBufferPointer<UInt8> { bytes(node.name) }
        var textBytes: UnsafeBufferPointer<UInt8> { bytes(node.text) }
        var hasStrayText: Bool { node.strayText }
        var sawCharacters: Bool { node.sawCharacters }

        /// The element's attributes, as indices for the three accessors below.
        var attributes: Range<Int> { Int(node.attributes.lowerBound)..<Int(node.attributes.upperBound) }
        func attributeName(_ i: Int) -> UnsafeBufferPointer<UInt8> { bytes(tree.attributes.base[i].name) }
        func attributeValue(_ i: Int) -> UnsafeBufferPointer<UInt8> { bytes(tree.attributes.base[i].value) }
        func attributeIsNamespaced(_ i: Int) -> Bool { tree.attributes.base[i].namespaced }

        var firstChild: Element? {
            let child = node.firstChild
            return child < 0 ? nil : Element(tree: tree, index: child)
        }

        var nextSibling: Element? {
            let sibling = node.nextSibling
            return sibling < 0 ? nil : Element(tree: tree, index: sibling)
        }

        /// The value of the attribute `name` in no namespace as an XSD token: blanks at either
        /// end dropped and runs of them inside made one space, as the schema reads it.
        func token(_ name: StaticString) -> String? {
            guard let value = valueBytes(ofAttribute: name) else { return nil }
            // The usual value has no blank at all and is taken as it is.
            if !value.contains(where: { $0 <= 0x20 }) { return String(decoding: value, as: UTF8.self) }
            return String(decoding: SchemaSimpleType.collapsed(value), as: UTF8.self)
        }

        /// The element's text (for an element with element children: empty).
        var text: String { string(node.text) }

        /// Calls `body` with the element's text as UTF-8, in place.
        func withText<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
            body(bytes(node.text))
        }

        /// The subtree as one line of text: name, line, attributes in order, text without surrounding
        /// whitespace (the whole-tree parser drops some blank runs that SAX hands on), children
        /// nested. Two trees of the same report have the same outline, whichever path built them.
        var outline: String {
            let attributes = (Int(node.attributes.lowerBound)..<Int(node.attributes.upperBound)).map { i -> String in
                let a = tree.attributes.base[i]
                return "\(string(a.name))\(a.namespaced ? "(ns)" : "")=\(string(a.value))"
            }
            let children = self.children
            let body = children.isEmpty ? text.trimmingWhitespace : children.map(\.outline).joined(separator: " ")
            return "\(name)@\(line)[\(attributes.joined(separator: ","))]{\(body)}"
        }

        private func bytes(_ range: Range<Int32>) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(start: tree.bytes.base + Int(range.lowerBound), count: range.count)
        }

        private func string(_ range: Range<Int32>) -> String {
            String(decoding: bytes(range), as: UTF8.self)
        }

        private func equal(_ range: Range<Int32>, _ name: StaticString) -> Bool {
            range.count == name.utf8CodeUnitCount
                && memcmp(tree.bytes.base + Int(range.lowerBound), name.utf8Start, range.count) == 0
        }
    }
}

/// A growable buffer of plain values (no references: they are never deinitialised), freed by its
/// owner's `deinit`; no reference counting or uniqueness checks. Memory comes from `malloc` and
/// grows with `realloc`: `UnsafeMutablePointer.allocate` goes through `posix_memalign` on Linux,
/// several times slower, and plain values may move bit for bit.
private struct GrowableBuffer<Value> {
    private(set) var base: UnsafeMutablePointer<Value>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
        base = Self.resized(nil, capacity)
    }

    mutating func append(_ value: Value) {
        reserve(count + 1)
        (base + count).initialize(to: value)
        count += 1
    }

    mutating func append(_ values: UnsafePointer<Value>, count n: Int) {
        reserve(count + n)
        (base + count).update(from: values, count: n)
        count += n
    }

    @inline(__always)
    private mutating func reserve(_ needed: Int) {
        if needed > capacity { grow(to: needed) }
    }

    @inline(never)
    private mutating func grow(to needed: Int) {
        capacity = max(needed, capacity * 2)
        base = Self.resized(base, capacity)
    }

    private static func resized(_ old: UnsafeMutablePointer<Value>?, _ capacity: Int) -> UnsafeMutablePointer<Value> {
        guard let raw = realloc(old, capacity * MemoryLayout<Value>.stride) else {
            fatalError("out of memory growing a report's element buffer to \(capacity) entries")
        }
        return raw.assumingMemoryBound(to: Value.self)
    }

    func release() { free(base) }
}
