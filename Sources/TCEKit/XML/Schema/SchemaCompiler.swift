import CLibXML2

/// Reads an XSD (already compiled by libxml2, so known to be a correct schema) into a
/// `CompiledSchema`, or says which part of it the compiled checks do not cover.
///
/// Deliberately narrow: every attribute or child of a schema component it does not know is
/// refused, since it might change what is valid. Refusing costs only speed.
struct SchemaCompiler {
    private let document: xmlDocPtr
    private var namespace = ""
    private var namedSimple: [String: XMLElement] = [:]
    private var namedComplex: [String: XMLElement] = [:]
    private var simpleIndex: [String: Int] = [:]
    private var complexIndex: [String: Int] = [:]
    private var simpleTypes: [SchemaSimpleType] = []
    private var complexTypes: [CompiledSchema.ComplexType] = []
    private var particles: [CompiledSchema.Particle] = []
    private var attributeUses: [CompiledSchema.AttributeUse] = []
    private var patternSteps: [Range<Int32>] = []
    private var patterns: [SchemaPattern] = []
    private var enumerated: [Range<Int32>] = []
    private var text: [UInt8] = []

    typealias Unsupported = CompiledSchema.Unsupported

    static func compile(xsd: String) throws(Unsupported) -> CompiledSchema {
        let bytes = Array(xsd.utf8)
        let parsed = bytes.withUnsafeBytes { HardenedXML.parse($0, url: "schema.xsd") }
        guard case .success(let document) = parsed else { throw Unsupported("the schema does not parse") }
        defer { xmlFreeDoc(document) }
        var compiler = SchemaCompiler(document: document)
        return try compiler.run()
    }

    private init(document: xmlDocPtr) {
        self.document = document
    }

    private mutating func run() throws(Unsupported) -> CompiledSchema {
        guard let rootNode = xmlDocGetRootElement(document) else { throw Unsupported("an empty schema") }
        let schema = XMLElement(node: rootNode)
        try expect(schema, is: "schema")
        let attributes = try self.attributes(of: schema, allowed: ["targetNamespace", "elementFormDefault", "attributeFormDefault", "version"])
        guard let target = attributes["targetNamespace"], !target.isEmpty else { throw Unsupported("a schema without a target namespace") }
        guard attributes["elementFormDefault"] == "qualified" else { throw Unsupported("local elements not qualified") }
        guard (attributes["attributeFormDefault"] ?? "unqualified") == "unqualified" else { throw Unsupported("qualified attributes") }
        namespace = target
        var globals: [XMLElement] = []
        for child in try components(of: schema) {
            let name = child.attribute("name") ?? ""
            switch child.name {
            case "simpleType": namedSimple[name] = child
            case "complexType": namedComplex[name] = child
            case "element": globals.append(child)
            default: throw Unsupported("xs:\(child.name) at the top of the schema")
            }
        }
        var roots: [CompiledSchema.Particle] = []
        for element in globals {
            roots.append(try particle(element, global: true))
        }
        return CompiledSchema(namespace: namespace, roots: append(roots, to: &particles), particles: particles,
                              attributeUses: attributeUses, complexTypes: complexTypes, simpleTypes: simpleTypes,
                              patternSteps: patternSteps, patterns: patterns, enumerated: enumerated, text: text)
    }

    /// Appends `items` to a table, back to back; returns where they went.
    private func append<T>(_ items: [T], to table: inout [T]) -> Range<Int32> {
        let start = Int32(table.count)
        table.append(contentsOf: items)
        return start..<Int32(table.count)
    }

    private mutating func intern(_ bytes: [UInt8]) -> Range<Int32> {
        append(bytes, to: &text)
    }

    // MARK: Elements and types

    private mutating func particle(_ element: XMLElement, global: Bool) throws(Unsupported) -> CompiledSchema.Particle {
        let attributes = try self.attributes(of: element, allowed: global ? ["name", "type"] : ["name", "type", "minOccurs", "maxOccurs"])
        guard let name = attributes["name"] else { throw Unsupported("an element without a name (ref=)") }
        let inline = try components(of: element)
        let type: CompiledSchema.TypeReference
        switch (attributes["type"], inline.count) {
        case (let qname?, 0): type = try resolve(qname, at: element)
        case (nil, 1) where inline[0].name == "simpleType": type = .simple(Int32(try simpleType(inline[0])))
        case (nil, 1) where inline[0].name == "complexType": type = .complex(Int32(try complexType(inline[0], name: nil)))
        default: throw Unsupported("element '\(name)': no type, or more than one")
        }
        let minOccurs = try occurs(attributes["minOccurs"] ?? "1", of: name)
        let maxOccurs = attributes["maxOccurs"] == "unbounded" ? Int.max : try occurs(attributes["maxOccurs"] ?? "1", of: name)
        guard maxOccurs >= 1, minOccurs <= maxOccurs else { throw Unsupported("element '\(name)': occurs \(minOccurs)..\(maxOccurs)") }
        return CompiledSchema.Particle(name: intern(Array(name.utf8)), minOccurs: Int32(clamping: minOccurs),
                                       maxOccurs: Int32(clamping: maxOccurs), type: type)
    }

    private func occurs(_ text: String, of name: String) throws(Unsupported) -> Int {
        guard let value = Int(text), value >= 0 else { throw Unsupported("element '\(name)': occurs '\(text)'") }
        return value
    }

    /// The type a QName names: a built-in simple type or one of the schema's own.
    private mutating func resolve(_ qname: String, at element: XMLElement) throws(Unsupported) -> CompiledSchema.TypeReference {
        let (uri, local) = try split(qname, at: element)
        if uri == CompiledSchema.xsdNamespace {
            guard let builtin = SchemaSimpleType.Builtin(rawValue: local) else { throw Unsupported("the built-in type xs:\(local)") }
            simpleTypes.append(SchemaSimpleType(builtin: builtin))
            return .simple(Int32(simpleTypes.count - 1))
        }
        guard uri == namespace else { throw Unsupported("the type \(qname) from another namespace") }
        if let index = simpleIndex[local] { return .simple(Int32(index)) }
        if let index = complexIndex[local] { return .complex(Int32(index)) }
        if let node = namedSimple[local] {
            let index = try simpleType(node)
            simpleIndex[local] = index
            return .simple(Int32(index))
        }
        if let node = namedComplex[local] { return .complex(Int32(try complexType(node, name: local))) }
        throw Unsupported("the type \(qname), not declared")
    }

    private mutating func simpleTypeReference(_ qname: String, at element: XMLElement) throws(Unsupported) -> Int {
        guard case .simple(let index) = try resolve(qname, at: element) else { throw Unsupported("\(qname) used as a simple type") }
        return Int(index)
    }

    private mutating func simpleType(_ node: XMLElement) throws(Unsupported) -> Int {
        _ = try attributes(of: node, allowed: ["name"])
        let parts = try components(of: node)
        guard parts.count == 1, parts[0].name == "restriction" else {
            throw Unsupported("simple type '\(node.attribute("name") ?? "")': only restrictions are covered")
        }
        let restriction = parts[0]
        let base = try attributes(of: restriction, allowed: ["base"])["base"]
        var facets = try components(of: restriction)
        var type: SchemaSimpleType
        if let base {
            type = simpleTypes[try simpleTypeReference(base, at: restriction)]
        } else if let first = facets.first, first.name == "simpleType" {
            type = simpleTypes[try simpleType(first)]
            facets.removeFirst()
        } else {
            throw Unsupported("a restriction without a base")
        }
        var stepPatterns: [SchemaPattern] = []
        var values: [[UInt8]] = []
        for facet in facets {
            let value = try attributes(of: facet, allowed: ["value", "fixed"])["value"] ?? ""
            switch facet.name {
            case "pattern":
                stepPatterns.append(try SchemaPattern(value))
            case "enumeration" where type.builtin.isText:
                values.append(type.normalized(value.utf8))
            case "length" where type.builtin.isText, "minLength" where type.builtin.isText,
                 "maxLength" where type.builtin.isText:
                guard let n = Int32(value), n >= 0 else { throw Unsupported("the facet \(facet.name)='\(value)'") }
                if facet.name != "maxLength" { type.minLength = max(type.minLength, n) }
                if facet.name != "minLength" { type.maxLength = min(type.maxLength, n) }
            default:
                throw Unsupported("the facet xs:\(facet.name) on \(type.builtin.rawValue)")
            }
        }
        if !stepPatterns.isEmpty {
            // The base's steps still hold, and this one is added: copied so that they stay together.
            let step = append(stepPatterns, to: &patterns)
            let inherited = Array(patternSteps[Int(type.patternSteps.lowerBound)..<Int(type.patternSteps.upperBound)])
            type.patternSteps = append(inherited + [step], to: &patternSteps)
        }
        if !values.isEmpty {
            // A derived enumeration lists values of the base's; keeping only those in both is never wider.
            if let base = type.enumeration {
                let baseValues = base.map { Array(text[Int(enumerated[Int($0)].lowerBound)..<Int(enumerated[Int($0)].upperBound)]) }
                values = values.filter { baseValues.contains($0) }
            }
            var ranges: [Range<Int32>] = []
            for value in values { ranges.append(intern(value)) }
            type.enumeration = append(ranges, to: &enumerated)
        }
        simpleTypes.append(type)
        return simpleTypes.count - 1
    }

    private mutating func complexType(_ node: XMLElement, name: String?) throws(Unsupported) -> Int {
        let attributes = try self.attributes(of: node, allowed: ["name", "mixed"])
        guard (attributes["mixed"] ?? "false") == "false" else { throw Unsupported("mixed content") }
        // Reserved first, so that the type's own elements may refer to it.
        let index = complexTypes.count
        complexTypes.append(CompiledSchema.ComplexType(content: .empty, attributes: 0..<0))
        if let name { complexIndex[name] = index }
        var parts = try components(of: node)
        var content = CompiledSchema.ComplexType.Content.empty
        if let first = parts.first {
            switch first.name {
            case "simpleContent":
                let inner = try components(of: first)
                _ = try self.attributes(of: first, allowed: [])
                guard inner.count == 1, inner[0].name == "extension",
                      let base = try self.attributes(of: inner[0], allowed: ["base"])["base"] else {
                    throw Unsupported("simple content other than an extension")
                }
                content = .simple(Int32(try simpleTypeReference(base, at: inner[0])))
                parts.removeFirst()
                parts.insert(contentsOf: try components(of: inner[0]), at: 0)
            case "sequence", "all":
                _ = try self.attributes(of: first, allowed: [])
                var group: [CompiledSchema.Particle] = []
                var names: Set<String> = []
                for element in try components(of: first) {
                    guard element.name == "element" else { throw Unsupported("xs:\(element.name) inside xs:\(first.name)") }
                    guard names.insert(element.attribute("name") ?? "").inserted else {
                        throw Unsupported("an element name repeated in one xs:\(first.name)")
                    }
                    group.append(try particle(element, global: false))
                }
                if first.name == "all" {
                    guard group.count <= 64, group.allSatisfy({ $0.maxOccurs == 1 }) else { throw Unsupported("a large xs:all") }
                    content = .all(append(group, to: &particles))
                } else {
                    content = .sequence(append(group, to: &particles))
                }
                parts.removeFirst()
            default:
                break
            }
        }
        var uses: [CompiledSchema.AttributeUse] = []
        var names: Set<String> = []
        for part in parts {
            guard part.name == "attribute" else { throw Unsupported("xs:\(part.name) in a complex type") }
            guard names.insert(part.attribute("name") ?? "").inserted else { throw Unsupported("an attribute declared twice") }
            uses.append(try attributeUse(part))
        }
        guard uses.count <= 64 else { throw Unsupported("more than 64 attributes on one type") }
        complexTypes[index] = CompiledSchema.ComplexType(content: content, attributes: append(uses, to: &attributeUses))
        return index
    }

    private mutating func attributeUse(_ node: XMLElement) throws(Unsupported) -> CompiledSchema.AttributeUse {
        let attributes = try self.attributes(of: node, allowed: ["name", "type", "use", "fixed", "default"])
        guard let name = attributes["name"] else { throw Unsupported("an attribute without a name (ref=)") }
        let inline = try components(of: node)
        let type: Int
        switch (attributes["type"], inline.count) {
        case (let qname?, 0): type = try simpleTypeReference(qname, at: node)
        case (nil, 1) where inline[0].name == "simpleType": type = try simpleType(inline[0])
        default: throw Unsupported("attribute '\(name)': no type, or more than one")
        }
        let use = attributes["use"] ?? "optional"
        guard use == "optional" || use == "required" else { throw Unsupported("attribute '\(name)': use='\(use)'") }
        let fixed = attributes["fixed"].map { simpleTypes[type].normalized($0.utf8) }
        return CompiledSchema.AttributeUse(name: intern(Array(name.utf8)), type: Int32(type), required: use == "required",
                                           fixed: fixed.map { intern($0) })
    }

    // MARK: Reading the XSD document

    private func expect(_ element: XMLElement, is name: String) throws(Unsupported) {
        guard element.name == name, namespace(of: element) == CompiledSchema.xsdNamespace else {
            throw Unsupported("\(element.name) where xs:\(name) was expected")
        }
    }

    private func namespace(of element: XMLElement) -> String? {
        element.node.pointee.ns.flatMap { $0.pointee.href }.map { String(cString: $0) }
    }

    /// The XSD children of a component, annotations left out; anything not in the XSD namespace is refused.
    private func components(of element: XMLElement) throws(Unsupported) -> [XMLElement] {
        var result: [XMLElement] = []
        var child = element.node.pointee.children
        while let c = child {
            child = c.pointee.next
            switch c.pointee.type {
            case XML_ELEMENT_NODE:
                let e = XMLElement(node: c)
                guard namespace(of: e) == CompiledSchema.xsdNamespace else { throw Unsupported("the foreign element \(e.name)") }
                if e.name != "annotation" { result.append(e) }
            case XML_TEXT_NODE, XML_COMMENT_NODE:
                continue
            default:
                throw Unsupported("a node of kind \(c.pointee.type.rawValue) in the schema")
            }
        }
        return result
    }

    /// The attributes of a component, which must all be among `allowed` and in no namespace.
    private func attributes(of element: XMLElement, allowed: Set<String>) throws(Unsupported) -> [String: String] {
        var result: [String: String] = [:]
        var property = element.node.pointee.properties
        while let p = property {
            property = p.pointee.next
            let name = String(cString: p.pointee.name)
            guard p.pointee.ns == nil, allowed.contains(name) else {
                throw Unsupported("the attribute \(name) on xs:\(element.name)")
            }
            let raw = xmlNodeGetContent(UnsafeMutableRawPointer(p).assumingMemoryBound(to: xmlNode.self))
            result[name] = raw.map { String(cString: $0) } ?? ""
            tce_xmlFree(raw)
        }
        return result
    }

    /// A QName's namespace and local name, the prefix looked up where the QName is written.
    private func split(_ qname: String, at element: XMLElement) throws(Unsupported) -> (String?, String) {
        let parts = qname.split(separator: ":", maxSplits: 1).map(String.init)
        let prefix = parts.count == 2 ? parts[0] : nil
        let local = parts.last ?? ""
        let ns = prefix.map { p in xmlSearchNs(document, element.node, p) } ?? xmlSearchNs(document, element.node, nil)
        return (ns.flatMap { $0.pointee.href }.map { String(cString: $0) }, local)
    }
}
