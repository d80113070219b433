#if canImport(Glibc)
import Glibc
#endif

/// The report schema compiled into plain checks over an `ElementTree`, for the fast path.
///
/// libxml2's streaming XSD validator cost about 138,000 instructions a report, as much as all of
/// tce's rules; these checks cost about 31,000. They cover the part of XSD a report schema
/// uses (sequences and `all` groups of named elements, simple content, attributes, simple types
/// restricted by pattern, enumeration and length), and `SchemaCompiler` refuses a schema that
/// uses anything more, which libxml2 then validates alone as before. The checks never accept
/// what libxml2's validator refuses: whatever they refuse, right or wrong, goes to the slow path,
/// where libxml2 validates the whole tree, has the last word and words the message.
///
/// Every table is a flat array of plain values addressed by index and range (a type may refer to
/// itself, and reading a plain value costs no reference counting), names and values in `text`.
struct CompiledSchema: Sendable {
    static let xsdNamespace = "http://www.w3.org/2001/XMLSchema"

    /// Why a schema cannot be compiled: it uses a part of XSD these checks do not cover.
    struct Unsupported: Error, Equatable, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    enum TypeReference: Sendable {
        case simple(Int32)
        case complex(Int32)
    }

    /// An element declaration where it may occur: its name, how often, and its type.
    struct Particle: Sendable {
        let name: Range<Int32>
        let minOccurs: Int32
        let maxOccurs: Int32
        let type: TypeReference
    }

    struct AttributeUse: Sendable {
        let name: Range<Int32>
        let type: Int32
        let required: Bool
        /// The only value allowed, normalized as the type normalizes; nil when any valid value will do.
        let fixed: Range<Int32>?
    }

    struct ComplexType: Sendable {
        enum Content: Sendable {
            /// No children and no character data at all, not even blanks.
            case empty
            /// Text of a simple type, no children.
            case simple(Int32)
            /// Children in this order (a range of `particles`); blanks between them.
            case sequence(Range<Int32>)
            /// Children in any order, each at most once; blanks between them.
            case all(Range<Int32>)
        }

        var content: Content
        var attributes: Range<Int32>
    }

    let namespace: String
    /// The global elements (a range of `particles`): what the root may be.
    let roots: Range<Int32>
    let particles: [Particle]
    let attributeUses: [AttributeUse]
    let complexTypes: [ComplexType]
    let simpleTypes: [SchemaSimpleType]
    /// Ranges of `patterns`, one per derivation step with patterns (see `SchemaSimpleType`).
    let patternSteps: [Range<Int32>]
    let patterns: [SchemaPattern]
    /// Enumerated values, as ranges of `text`.
    let enumerated: [Range<Int32>]
    /// Element and attribute names, enumerated and fixed values, back to back.
    let text: [UInt8]

    /// Whether the tree (built by the streaming parser, every element already checked to be in
    /// `namespace`) is valid. False means "not shown valid here": the slow path decides.
    func accepts(_ tree: ElementTree) -> Bool {
        guard let root = tree.root else { return false }
        for k in roots where equal(root.nameBytes, particles[Int(k)].name) {
            return accepts(root, as: particles[Int(k)].type)
        }
        return false
    }

    private func accepts(_ element: ElementTree.Element, as type: TypeReference) -> Bool {
        if element.hasStrayText { return false }
        switch type {
        case .simple(let index):
            return element.attributes.isEmpty && element.firstChild == nil && accepts(element.textBytes, as: index)
        case .complex(let index):
            let complex = complexTypes[Int(index)]
            guard attributesAccepted(element, complex.attributes) else { return false }
            switch complex.content {
            case .empty:
                return element.firstChild == nil && !element.sawCharacters
            case .simple(let simple):
                return element.firstChild == nil && accepts(element.textBytes, as: simple)
            case .sequence(let range):
                guard element.firstChild != nil || element.textBytes.allSatisfy(\.isXMLBlank) else { return false }
                var child = element.firstChild
                for k in range {
                    let particle = particles[Int(k)]
                    var count: Int32 = 0
                    while let c = child, count < particle.maxOccurs, equal(c.nameBytes, particle.name) {
                        guard accepts(c, as: particle.type) else { return false }
                        count += 1
                        child = c.nextSibling
                    }
                    if count < particle.minOccurs { return false }
                }
                return child == nil
            case .all(let range):
                guard element.firstChild != nil || element.textBytes.allSatisfy(\.isXMLBlank) else { return false }
                var seen: UInt64 = 0
                var child = element.firstChild
                outer: while let c = child {
                    for k in range where equal(c.nameBytes, particles[Int(k)].name) {
                        let bit: UInt64 = 1 << UInt64(k - range.lowerBound)
                        guard seen & bit == 0, accepts(c, as: particles[Int(k)].type) else { return false }
                        seen |= bit
                        child = c.nextSibling
                        continue outer
                    }
                    return false
                }
                for k in range where particles[Int(k)].minOccurs > 0 && seen & (1 << UInt64(k - range.lowerBound)) == 0 {
                    return false
                }
                return true
            }
        }
    }

    private func attributesAccepted(_ element: ElementTree.Element, _ uses: Range<Int32>) -> Bool {
        var seen: UInt64 = 0
        next: for i in element.attributes {
            let name = element.attributeName(i)
            if !element.attributeIsNamespaced(i) {
                for k in uses where equal(name, attributeUses[Int(k)].name) {
                    let use = attributeUses[Int(k)]
                    let value = element.attributeValue(i)
                    guard accepts(value, as: use.type) else { return false }
                    if let fixed = use.fixed {
                        let normalized = simpleTypes[Int(use.type)].normalized(value)
                        guard normalized.withUnsafeBufferPointer({ equal($0, fixed) }) else { return false }
                    }
                    seen |= 1 << UInt64(k - uses.lowerBound)
                    continue next
                }
            }
            return false
        }
        for k in uses where attributeUses[Int(k)].required && seen & (1 << UInt64(k - uses.lowerBound)) == 0 {
            return false
        }
        return true
    }

    /// Whether `raw` is a valid value of simple type `index`: normalized, of the built-in type's
    /// form, and within every facet.
    private func accepts(_ raw: UnsafeBufferPointer<UInt8>, as index: Int32) -> Bool {
        let type = simpleTypes[Int(index)]
        // libxml2 (2.9.14) refuses a date with blanks around it, though XSD collapses a date's
        // blanks: such a value is not shown valid here, and libxml2 has its say on the slow path.
        if type.builtin == .date, raw.contains(where: \.isXMLBlank) { return false }
        if let value = type.normalizedInPlace(raw) { return accepts(normalized: value, as: type) }
        return type.normalized(raw).withUnsafeBufferPointer { accepts(normalized: $0, as: type) }
    }

    // Loops rather than `contains(where:)`: this runs for every attribute and leaf of a report.
    @inline(__always)
    private func accepts(normalized value: UnsafeBufferPointer<UInt8>, as type: SchemaSimpleType) -> Bool {
        guard type.hasBuiltinForm(value), type.hasAllowedLength(value) else { return false }
        if let values = type.enumeration {
            var found = false
            for k in values where equal(value, enumerated[Int(k)]) {
                found = true
                break
            }
            guard found else { return false }
        }
        for step in type.patternSteps {
            var matched = false
            for k in patternSteps[Int(step)] where patterns[Int(k)].matches(value) {
                matched = true
                break
            }
            guard matched else { return false }
        }
        return true
    }

    /// Whether `bytes` are the name or value at `range` of `text`. Names are short and most
    /// comparisons fail on the length or the first byte, so no call to `memcmp`.
    private func equal(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int32>) -> Bool {
        guard bytes.count == range.count else { return false }
        return text.withUnsafeBufferPointer { text in
            var i = Int(range.lowerBound)
            for byte in bytes {
                if byte != text[i] { return false }
                i += 1
            }
            return true
        }
    }
}
