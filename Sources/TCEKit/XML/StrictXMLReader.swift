#if canImport(Glibc)
import Glibc
#endif

/// Reads the XML of an ordinary report several times faster than libxml2 builds a tree,
/// by accepting only a strict subset of XML: UTF-8 text (after transcoding), an optional
/// XML declaration, comments, the report format's own elements and attributes in its one
/// namespace, the predefined entities and character references.
///
/// Anything outside that subset — a DOCTYPE, a CDATA section, a processing instruction,
/// another namespace or element, a malformed byte, a lone carriage return — makes `read`
/// return nil, and the loader hands the file to libxml2, which decides and words the error.
/// So the reader never has to explain anything; it only has to be right when it accepts.
enum StrictXMLReader {
    /// Deeper than the report format ever nests: libxml2 takes over.
    static let maximumDepth = 8

    /// `encoding` is the name the declaration must carry: nil for UTF-8 input (declaration
    /// absent or naming UTF-8), else the legacy encoding the input was transcoded from.
    static func read(_ input: UnsafeBufferPointer<UInt8>, transcodedFrom encoding: String? = nil) -> LightDocument? {
        guard validCharacters(input) else { return nil }
        let resolved = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(input.count, 1))
        var reader = Cursor(input: input, resolved: resolved)
        guard reader.prolog(encoding: encoding), reader.element(), reader.epilog() else {
            resolved.deallocate()
            return nil
        }
        return LightDocument(input: input, resolved: resolved, nodes: reader.nodes, attributes: reader.attributes)
    }

    /// True when `input` is well-formed UTF-8 made of XML characters, with every CR followed by LF.
    static func validCharacters(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = p.count
        var i = 0
        let raw = UnsafeRawPointer(p.baseAddress!)
        while i < n {
            // Eight printable ASCII bytes at a time: no high bit, none below 0x20.
            if i + 8 <= n {
                let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                let below = (w &- 0x2020_2020_2020_2020) & ~w & 0x8080_8080_8080_8080
                if (w & 0x8080_8080_8080_8080) | below == 0 {
                    i += 8
                    continue
                }
            }
            let b = p[i]
            if b >= 0x20 && b < 0x80 { i += 1; continue }
            if b < 0x80 {
                if b == 0x0A || b == 0x09 { i += 1; continue }
                if b == 0x0D, i + 1 < n, p[i + 1] == 0x0A { i += 2; continue }
                return false
            }
            // Multi-byte: the shortest form only, no surrogates, at most U+10FFFF, not U+FFFE/U+FFFF.
            if b >= 0xC2 && b <= 0xDF {
                guard i + 1 < n, p[i + 1] & 0xC0 == 0x80 else { return false }
                i += 2
            } else if b >= 0xE0 && b <= 0xEF {
                guard i + 2 < n, p[i + 1] & 0xC0 == 0x80, p[i + 2] & 0xC0 == 0x80 else { return false }
                let c = (UInt32(b & 0x0F) << 12) | (UInt32(p[i + 1] & 0x3F) << 6) | UInt32(p[i + 2] & 0x3F)
                guard c >= 0x800, !(0xD800...0xDFFF).contains(c), c != 0xFFFE, c != 0xFFFF else { return false }
                i += 3
            } else if b >= 0xF0 && b <= 0xF4 {
                guard i + 3 < n, p[i + 1] & 0xC0 == 0x80, p[i + 2] & 0xC0 == 0x80, p[i + 3] & 0xC0 == 0x80
                else { return false }
                let c = (UInt32(b & 0x07) << 18) | (UInt32(p[i + 1] & 0x3F) << 12)
                    | (UInt32(p[i + 2] & 0x3F) << 6) | UInt32(p[i + 3] & 0x3F)
                guard c >= 0x10000, c <= 0x10FFFF else { return false }
                i += 4
            } else {
                return false
            }
        }
        return true
    }

    /// The element named by the `length` bytes at `p`, if the format has one.
    static func element(_ p: UnsafePointer<UInt8>, _ length: Int) -> ReportShape.Element? {
        @inline(__always) func eq(_ s: StaticString) -> Bool { memcmp(s.utf8Start, p, length) == 0 }
        switch length {
        case 4: return eq("Name") ? .name : eq("Item") ? .item : eq("Unit") ? .unit : nil
        case 5: return eq("Water") ? .water : nil
        case 6: return eq("Energy") ? .energy : nil
        case 7: return eq("Project") ? .project : nil
        case 8: return eq("Industry") ? .industry : eq("Projects") ? .projects : nil
        case 9: return eq("Economics") ? .economics : eq("Equipment") ? .equipment : nil
        case 10: return eq("Enterprise") ? .enterprise : eq("CreditCode") ? .creditCode : eq("Withdrawal") ? .withdrawal : eq("Management") ? .management : nil
        case 11: return eq("EnergyTotal") ? .energyTotal : eq("EnergyAudit") ? .energyAudit : eq("EnergyQuota") ? .energyQuota : nil
        case 12: return eq("EnergyReport") ? .energyReport : eq("PreviousYear") ? .previousYear : eq("Benchmarking") ? .benchmarking : nil
        case 13: return eq("ReportingYear") ? .reportingYear : eq("DeclaredTotal") ? .declaredTotal : nil
        case 16: return eq("CommissionedYear") ? .commissionedYear : nil
        case 20: return eq("IndustrialValueAdded") ? .industrialValueAdded : eq("ResponsibilityLetter") ? .responsibilityLetter : nil
        case 22: return eq("EnergyManagementSystem") ? .energyManagementSystem : nil
        case 28: return eq("EnergyManagementOrganization") ? .energyManagementOrganization : nil
        default: return nil
        }
    }

    /// The attribute named by the `length` bytes at `p`, if the format has one.
    static func attribute(_ p: UnsafePointer<UInt8>, _ length: Int) -> ReportShape.Attribute? {
        @inline(__always) func eq(_ s: StaticString) -> Bool { memcmp(s.utf8Start, p, length) == 0 }
        switch length {
        case 2: return eq("id") ? .id : nil
        case 3: return eq("use") ? .use : nil
        case 4: return eq("code") ? .code : eq("type") ? .type : eq("unit") ? .unit : eq("year") ? .year : eq("date") ? .date : eq("kind") ? .kind : eq("name") ? .name : nil
        case 5: return eq("xmlns") ? .xmlns : eq("count") ? .count : nil
        case 6: return eq("signed") ? .signed : eq("status") ? .status : nil
        case 7: return eq("version") ? .version : nil
        case 9: return eq("completed") ? .completed : nil
        case 11: return eq("coefficient") ? .coefficient : eq("established") ? .established : nil
        case 12: return eq("energyReview") ? .energyReview : nil
        default: return nil
        }
    }

    /// Walks the input once. Every method returns false as soon as it meets something
    /// outside the subset.
    struct Cursor {
        let p: UnsafeBufferPointer<UInt8>
        let n: Int
        var i = 0
        /// Built here and handed to the document at the end.
        var nodes: [LightDocument.Node] = []
        var attributes: [LightDocument.Attribute] = []
        let resolved: UnsafeMutableBufferPointer<UInt8>
        var resolvedCount = 0
        /// Newlines counted up to `counted`.
        var line = 1
        var counted = 0

        init(input: UnsafeBufferPointer<UInt8>, resolved: UnsafeMutableBufferPointer<UInt8>) {
            p = input
            n = input.count
            self.resolved = resolved
            nodes.reserveCapacity(64)
            attributes.reserveCapacity(96)
        }

        // MARK: Prolog and epilog

        mutating func prolog(encoding: String?) -> Bool {
            var bom = false
            if n >= 3, p[0] == 0xEF, p[1] == 0xBB, p[2] == 0xBF {
                i = 3
                bom = true
            }
            if starts("<?xml"), i + 5 < n, isSpace(p[i + 5]) {
                i += 5
                guard declaration(encoding: encoding, bom: bom) else { return false }
            } else if encoding != nil {
                return false
            }
            return misc()
        }

        /// `<?xml version="1.0" encoding="…" standalone="…"?>`, after `<?xml`.
        private mutating func declaration(encoding expected: String?, bom: Bool) -> Bool {
            guard skipSpace(), name() == Array("version".utf8), equals(), let version = quoted(),
                  version.elementsEqual("1.0".utf8) else { return false }
            var declared: [UInt8]?
            var spaced = skipSpace()
            if spaced, starts("encoding") {
                guard name() == Array("encoding".utf8), equals(), let value = quoted() else { return false }
                declared = Array(value)
                spaced = skipSpace()
            }
            if spaced, starts("standalone") {
                guard name() == Array("standalone".utf8), equals(), let value = quoted(),
                      value.elementsEqual("yes".utf8) || value.elementsEqual("no".utf8) else { return false }
                _ = skipSpace()
            }
            guard starts("?>") else { return false }
            i += 2
            if let expected {
                // Transcoded input: the declaration named this encoding, and no UTF-8 mark stood before it.
                return !bom && declared.map { Self.sameName($0, expected) } == true
            }
            return declared.map { Self.sameName($0, "UTF-8") } ?? true
        }

        static func sameName(_ a: [UInt8], _ b: String) -> Bool {
            a.count == b.utf8.count && zip(a, b.utf8).allSatisfy { x, y in
                (x >= 0x61 && x <= 0x7A ? x - 0x20 : x) == (y >= 0x61 && y <= 0x7A ? y - 0x20 : y)
            }
        }

        /// Whitespace and comments.
        private mutating func misc() -> Bool {
            while true {
                _ = skipSpace()
                if starts("<!--") {
                    guard comment() else { return false }
                } else {
                    return true
                }
            }
        }

        mutating func epilog() -> Bool {
            guard misc() else { return false }
            return i == n
        }

        // MARK: Elements

        /// The root element and everything in it, without recursion.
        mutating func element() -> Bool {
            var stack: [Int] = []
            stack.reserveCapacity(Self.depthHint)
            guard i < n, p[i] == UInt8(ascii: "<") else { return false }
            while true {
                // At "<" of a start tag.
                i += 1
                guard let element = elementName() else { return false }
                let index = nodes.count
                var node = LightDocument.Node(element: element, line: 0, firstAttribute: attributes.count)
                guard let empty = attributes(of: &node, isRoot: stack.isEmpty) else { return false }
                node.line = lineAt(i)
                // libxml2 keeps larger line numbers elsewhere; leave such files to it.
                guard node.line < 65535 else { return false }
                i += empty ? 2 : 1
                if let parent = stack.last {
                    if nodes[parent].lastChild >= 0 {
                        nodes[nodes[parent].lastChild].nextSibling = index
                    } else {
                        nodes[parent].firstChild = index
                    }
                    nodes[parent].lastChild = index
                }
                nodes.append(node)
                if !empty {
                    switch element.content {
                    case .simple:
                        guard let text = text() else { return false }
                        nodes[index].text = text
                        guard endTag(element) else { return false }
                    case .empty:
                        guard endTag(element) else { return false }
                    case .elements:
                        stack.append(index)
                        guard stack.count <= StrictXMLReader.maximumDepth else { return false }
                    }
                }
                // Between tags of element-only content: whitespace, comments, end tags.
                while let open = stack.last {
                    guard elementContent() else { return false }
                    if starts("</") {
                        guard endTag(nodes[open].element) else { return false }
                        stack.removeLast()
                        continue
                    }
                    break  // a child's start tag
                }
                if stack.isEmpty { return true }
            }
        }

        static let depthHint = 4

        /// Skips whitespace and comments; stops at "</" or "<" + name.
        private mutating func elementContent() -> Bool {
            while true {
                _ = skipSpace()
                guard i + 1 < n, p[i] == UInt8(ascii: "<") else { return false }
                if p[i + 1] == UInt8(ascii: "!") {
                    guard starts("<!--"), comment() else { return false }
                    continue
                }
                return p[i + 1] != UInt8(ascii: "?")
            }
        }

        /// The name after "<", one of the format's elements.
        private mutating func elementName() -> ReportShape.Element? {
            let start = i
            while i < n, Self.isNameByte(p[i]) { i += 1 }
            guard i > start, i < n else { return nil }
            return StrictXMLReader.element(p.baseAddress! + start, i - start)
        }

        /// Attributes up to ">" (returns false) or "/>" (returns true); nil outside the subset.
        private mutating func attributes(of node: inout LightDocument.Node, isRoot: Bool) -> Bool? {
            var seen: UInt32 = 0
            var sawNamespace = false
            while true {
                let spaced = skipSpace()
                guard i < n else { return nil }
                if p[i] == UInt8(ascii: ">") { break }
                if p[i] == UInt8(ascii: "/") {
                    guard i + 1 < n, p[i + 1] == UInt8(ascii: ">") else { return nil }
                    break
                }
                guard spaced else { return nil }
                let start = i
                while i < n, Self.isNameByte(p[i]) { i += 1 }
                let length = i - start
                guard length > 0, let attribute = StrictXMLReader.attribute(p.baseAddress! + start, length) else { return nil }
                let bit: UInt32 = 1 << UInt32(attribute.rawValue)
                guard seen & bit == 0, equals(), let span = attributeValue() else { return nil }
                seen |= bit
                if attribute == .xmlns {
                    // The report's one namespace, declared on the root, written plainly.
                    guard isRoot, !span.resolved,
                          UnsafeBufferPointer(rebasing: p[span.start..<span.end]).elementsEqual(Self.namespace)
                    else { return nil }
                    sawNamespace = true
                }
                attributes.append(LightDocument.Attribute(name: attribute, value: span))
                node.attributeCount += 1
            }
            guard sawNamespace == isRoot else { return nil }
            return p[i] == UInt8(ascii: "/")
        }

        static let namespace = Array(ReportLoader.namespace.utf8)

        /// A quoted attribute value, normalized as XML says for attributes without a DTD:
        /// references resolved, each tab, newline or CR-LF a space.
        private mutating func attributeValue() -> LightDocument.Span? {
            guard i < n, p[i] == UInt8(ascii: "\"") || p[i] == UInt8(ascii: "'") else { return nil }
            let quote = p[i]
            i += 1
            let start = i
            var plain = true
            while i < n, p[i] != quote {
                let b = p[i]
                if b == UInt8(ascii: "<") { return nil }
                if b == UInt8(ascii: "&") || b == 0x09 || b == 0x0A || b == 0x0D { plain = false }
                i += 1
            }
            guard i < n else { return nil }
            let end = i
            i += 1
            if plain { return LightDocument.Span(start: start, end: end, resolved: false) }
            return resolve(start, end, attribute: true)
        }

        /// Text of a simple element up to its end tag: one run, no markup but references.
        private mutating func text() -> LightDocument.Span? {
            let start = i
            var plain = true
            while i < n, p[i] != UInt8(ascii: "<") {
                let b = p[i]
                if b == UInt8(ascii: "&") || b == 0x0D { plain = false }
                if b == UInt8(ascii: ">"), i >= start + 2, p[i - 1] == UInt8(ascii: "]"), p[i - 2] == UInt8(ascii: "]") {
                    return nil
                }
                i += 1
            }
            guard i < n else { return nil }
            if plain { return LightDocument.Span(start: start, end: i, resolved: false) }
            return resolve(start, i, attribute: false)
        }

        /// Writes the value with references resolved (and, for attributes, whitespace
        /// normalized; for text, CR-LF made LF) into the document's side buffer.
        private mutating func resolve(_ start: Int, _ end: Int, attribute: Bool) -> LightDocument.Span? {
            let out = resolved
            let outStart = resolvedCount
            var o = outStart
            var k = start
            while k < end {
                let b = p[k]
                if b == UInt8(ascii: "&") {
                    guard let (scalar, length) = Self.reference(p, k, end) else { return nil }
                    for byte in String(Character(scalar)).utf8 {
                        out[o] = byte
                        o += 1
                    }
                    k += length
                    continue
                }
                if b == 0x0D {
                    // Checked valid: CR is followed by LF, and the pair is one line end.
                    k += 1
                    continue
                }
                out[o] = attribute && (b == 0x09 || b == 0x0A) ? 0x20 : b
                o += 1
                k += 1
            }
            resolvedCount = o
            return LightDocument.Span(start: outStart, end: o, resolved: true)
        }

        /// The character a reference at `k` stands for and the reference's length: the five
        /// predefined entities and character references to XML characters; nil for any other.
        static func reference(_ p: UnsafeBufferPointer<UInt8>, _ k: Int, _ end: Int) -> (Unicode.Scalar, Int)? {
            var j = k + 1
            while j < end, j - k <= 12, p[j] != UInt8(ascii: ";") { j += 1 }
            guard j < end, p[j] == UInt8(ascii: ";") else { return nil }
            let body = UnsafeBufferPointer(rebasing: p[(k + 1)..<j])
            let length = j - k + 1
            switch body.count {
            case 2 where body[0] == UInt8(ascii: "l") && body[1] == UInt8(ascii: "t"): return ("<", length)
            case 2 where body[0] == UInt8(ascii: "g") && body[1] == UInt8(ascii: "t"): return (">", length)
            case 3 where body.elementsEqual("amp".utf8): return ("&", length)
            case 4 where body.elementsEqual("quot".utf8): return ("\"", length)
            case 4 where body.elementsEqual("apos".utf8): return ("'", length)
            default: break
            }
            guard body.count >= 2, body[0] == UInt8(ascii: "#") else { return nil }
            var value: UInt64 = 0
            if body[1] == UInt8(ascii: "x") {
                guard body.count >= 3 else { return nil }
                for b in body.dropFirst(2) {
                    let digit: UInt64
                    switch b {
                    case 0x30...0x39: digit = UInt64(b - 0x30)
                    case 0x41...0x46: digit = UInt64(b - 0x41 + 10)
                    case 0x61...0x66: digit = UInt64(b - 0x61 + 10)
                    default: return nil
                    }
                    value = value * 16 + digit
                }
            } else {
                for b in body.dropFirst() {
                    guard b >= 0x30 && b <= 0x39 else { return nil }
                    value = value * 10 + UInt64(b - 0x30)
                }
            }
            // XML characters only (the body has at most 11 characters: no overflow in 64 bits).
            let isChar = value == 0x9 || value == 0xA || value == 0xD || (0x20...0xD7FF).contains(value)
                || (0xE000...0xFFFD).contains(value) || (0x10000...0x10FFFF).contains(value)
            guard isChar, let scalar = Unicode.Scalar(UInt32(value)) else { return nil }
            return (scalar, length)
        }

        /// "</" name S? ">" for `element`.
        private mutating func endTag(_ element: ReportShape.Element) -> Bool {
            guard starts("</") else { return false }
            i += 2
            let name = ReportShape.Element.utf8[Int(element.rawValue)]
            guard i + name.count <= n,
                  name.withUnsafeBufferPointer({ c in memcmp(c.baseAddress!, p.baseAddress! + i, name.count) == 0 })
            else { return false }
            i += name.count
            _ = skipSpace()
            guard i < n, p[i] == UInt8(ascii: ">") else { return false }
            i += 1
            return true
        }

        /// "<!--" … "-->" with no "--" inside. A comment that mentions "<!DOCTYPE" goes to the
        /// full path, which refuses every file containing those bytes (HardenedXML.findDoctype).
        private mutating func comment() -> Bool {
            i += 4
            while i + 1 < n {
                if p[i] == UInt8(ascii: "-") && p[i + 1] == UInt8(ascii: "-") {
                    guard i + 2 < n, p[i + 2] == UInt8(ascii: ">") else { return false }
                    i += 3
                    return true
                }
                if p[i] == UInt8(ascii: "<") && starts("<!DOCTYPE") { return false }
                i += 1
            }
            return false
        }

        // MARK: Lexical helpers

        /// The line (libxml2's count: newlines before `position`, plus one).
        private mutating func lineAt(_ position: Int) -> Int {
            let raw = UnsafeRawPointer(p.baseAddress!)
            // Newlines counted eight bytes at a time (an exact count of zero bytes of w ^ "\n"…).
            while counted + 8 <= position {
                let x = raw.loadUnaligned(fromByteOffset: counted, as: UInt64.self) ^ 0x0A0A_0A0A_0A0A_0A0A
                let y = ~(((x & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | x | 0x7F7F_7F7F_7F7F_7F7F)
                line += y.nonzeroBitCount
                counted += 8
            }
            while counted < position {
                if p[counted] == 0x0A { line += 1 }
                counted += 1
            }
            return line
        }

        private func starts(_ s: StaticString) -> Bool {
            let length = s.utf8CodeUnitCount
            guard i + length <= n else { return false }
            return memcmp(s.utf8Start, p.baseAddress! + i, length) == 0
        }

        @inline(__always)
        private func isSpace(_ b: UInt8) -> Bool { LightDocument.isSpace(b) }

        /// Skips whitespace; true when there was some.
        private mutating func skipSpace() -> Bool {
            let start = i
            while i < n, isSpace(p[i]) { i += 1 }
            return i > start
        }

        /// Name bytes of the subset: ASCII letters, digits, "-", "_", "." (no ":" prefixes).
        @inline(__always)
        static func isNameByte(_ b: UInt8) -> Bool {
            (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39)
                || b == UInt8(ascii: "-") || b == UInt8(ascii: "_") || b == UInt8(ascii: ".")
        }

        private mutating func name() -> [UInt8] {
            let start = i
            while i < n, Self.isNameByte(p[i]) { i += 1 }
            return Array(p[start..<i])
        }

        /// S? "=" S?
        private mutating func equals() -> Bool {
            _ = skipSpace()
            guard i < n, p[i] == UInt8(ascii: "=") else { return false }
            i += 1
            _ = skipSpace()
            return true
        }

        /// A quoted literal of the declaration (no references there).
        private mutating func quoted() -> UnsafeBufferPointer<UInt8>? {
            guard i < n, p[i] == UInt8(ascii: "\"") || p[i] == UInt8(ascii: "'") else { return nil }
            let quote = p[i]
            let start = i + 1
            i = start
            while i < n, p[i] != quote {
                guard p[i] != UInt8(ascii: "<"), p[i] != UInt8(ascii: "&") else { return nil }
                i += 1
            }
            guard i < n else { return nil }
            i += 1
            return UnsafeBufferPointer(rebasing: p[start..<(i - 1)])
        }
    }
}
