/// The structure of report format v1 as `rules/report-v1.xsd` defines it, written out for the
/// fast reader: which elements exist, what they contain, in which order, which attributes they
/// take and what their values look like.
///
/// It is only a shortcut. The fast reader accepts a report only when it is sure the schema
/// would accept it too; anything else (and every invalid report) goes through libxml2's full
/// validation against the rule set's XSD, which alone words the errors. `ReportSchema` turns
/// the shortcut on only when the rule set's XSD has the structure this file mirrors
/// (`ReportSchema.isReportV1`), so editing the XSD can never make tce accept what it forbids.
enum ReportShape {
    /// Element names of the format, in one table so nodes can carry a small index.
    enum Element: UInt8, CaseIterable {
        case energyReport, enterprise, name, creditCode, industry, commissionedYear, reportingYear
        case energy, item, declaredTotal, economics, industrialValueAdded, water, withdrawal
        case previousYear, energyTotal, management, responsibilityLetter, benchmarking, energyAudit
        case energyManagementOrganization, energyManagementSystem, energyQuota, equipment, unit
        case projects, project

        static let names: [String] = [
            "EnergyReport", "Enterprise", "Name", "CreditCode", "Industry", "CommissionedYear", "ReportingYear",
            "Energy", "Item", "DeclaredTotal", "Economics", "IndustrialValueAdded", "Water", "Withdrawal",
            "PreviousYear", "EnergyTotal", "Management", "ResponsibilityLetter", "Benchmarking", "EnergyAudit",
            "EnergyManagementOrganization", "EnergyManagementSystem", "EnergyQuota", "Equipment", "Unit",
            "Projects", "Project",
        ]
        static let utf8: [[UInt8]] = names.map { Array($0.utf8) }

        var name: String { Self.names[Int(rawValue)] }

        /// What may stand between the start and end tag.
        var content: Content {
            switch self {
            case .energyReport, .enterprise, .energy, .economics, .water, .previousYear, .management,
                 .equipment, .projects:
                .elements
            case .responsibilityLetter, .benchmarking, .energyAudit, .energyManagementOrganization,
                 .energyManagementSystem, .unit, .project:
                .empty
            default:
                .simple
            }
        }
    }

    enum Content {
        /// Child elements, with only whitespace and comments between them.
        case elements
        /// Text only (a simple type), no child elements.
        case simple
        /// Attributes only: the fast reader wants nothing at all between the tags.
        case empty
    }

    /// Attribute names of the format. `xmlns` is the namespace declaration on the root.
    enum Attribute: UInt8, CaseIterable {
        case version, xmlns, code, type, unit, coefficient, use, year, signed, date, status
        case completed, established, kind, count, id, name, energyReview

        static let names: [String] = [
            "version", "xmlns", "code", "type", "unit", "coefficient", "use", "year", "signed", "date", "status",
            "completed", "established", "kind", "count", "id", "name", "energyReview",
        ]
        static let utf8: [[UInt8]] = names.map { Array($0.utf8) }

        var name: String { Self.names[Int(rawValue)] }
    }

    /// The lexical forms the schema's simple types allow, checked on the whitespace-collapsed value.
    enum Lexical {
        /// xs:token, any value.
        case token
        /// xs:token with minLength 1: NonEmptyToken and Unit.
        case nonEmptyToken
        /// Quantity: `[0-9]+(\.[0-9]+)?`.
        case quantity
        /// Year: xs:integer with pattern `[0-9]{4}`.
        case year
        /// Count: xs:positiveInteger with pattern `[0-9]+`.
        case count
        /// CreditCode: `[0-9A-HJ-NPQRTUWXY]{18}`.
        case creditCode
        /// xs:boolean.
        case boolean
        /// xs:date; the fast reader takes plain `YYYY-MM-DD` and leaves the rest to libxml2.
        case date
        case oneOf([String])
        /// A fixed value (version="1").
        case fixed(String)
    }

    /// One attribute an element takes.
    struct AttributeRule {
        var attribute: Attribute
        var required: Bool
        var lexical: Lexical
    }

    static let benchmarkingStatuses = ["none", "in-progress", "completed"]
    static let equipmentStatuses = ["operating", "idle", "dismantled"]
    static let projectStatuses = ["planned", "under-construction", "operating"]
    static let reviewStatuses = ["approved", "pending", "none"]

    /// Attributes each element takes (the root's `xmlns` is handled by the reader).
    static let attributes: [[AttributeRule]] = Element.allCases.map { element in
        switch element {
        case .energyReport: [AttributeRule(attribute: .version, required: true, lexical: .fixed("1"))]
        case .industry: [AttributeRule(attribute: .code, required: true, lexical: .nonEmptyToken)]
        case .item: [
            AttributeRule(attribute: .type, required: true, lexical: .nonEmptyToken),
            AttributeRule(attribute: .unit, required: true, lexical: .nonEmptyToken),
            AttributeRule(attribute: .coefficient, required: false, lexical: .quantity),
            AttributeRule(attribute: .use, required: false, lexical: .oneOf(["exported"])),
        ]
        case .declaredTotal, .industrialValueAdded, .withdrawal, .energyTotal, .energyQuota:
            [AttributeRule(attribute: .unit, required: true, lexical: .nonEmptyToken)]
        case .previousYear: [AttributeRule(attribute: .year, required: true, lexical: .year)]
        case .responsibilityLetter: [
            AttributeRule(attribute: .signed, required: true, lexical: .boolean),
            AttributeRule(attribute: .date, required: false, lexical: .date),
        ]
        case .benchmarking: [AttributeRule(attribute: .status, required: true, lexical: .oneOf(benchmarkingStatuses))]
        case .energyAudit: [AttributeRule(attribute: .completed, required: true, lexical: .boolean)]
        case .energyManagementOrganization, .energyManagementSystem:
            [AttributeRule(attribute: .established, required: true, lexical: .boolean)]
        case .unit: [
            AttributeRule(attribute: .kind, required: true, lexical: .nonEmptyToken),
            AttributeRule(attribute: .count, required: false, lexical: .count),
            AttributeRule(attribute: .status, required: true, lexical: .oneOf(equipmentStatuses)),
        ]
        case .project: [
            AttributeRule(attribute: .id, required: true, lexical: .nonEmptyToken),
            AttributeRule(attribute: .name, required: true, lexical: .nonEmptyToken),
            AttributeRule(attribute: .status, required: true, lexical: .oneOf(projectStatuses)),
            AttributeRule(attribute: .energyReview, required: true, lexical: .oneOf(reviewStatuses)),
        ]
        default: []
        }
    }

    /// The simple type of an element's text, for `.simple` elements.
    static func textType(_ element: Element) -> Lexical {
        switch element {
        case .name: .nonEmptyToken
        case .creditCode: .creditCode
        case .industry: .token
        case .commissionedYear, .reportingYear: .year
        default: .quantity
        }
    }

    /// One step of an element's content model: a child that may appear `min`...`max` times.
    struct Particle {
        var element: Element
        var min: Int
        var max: Int
    }

    /// Content models: `sequence` children in this order; `all` children in any order.
    static func model(_ element: Element) -> (particles: [Particle], isAll: Bool) {
        let unbounded = Int.max
        switch element {
        case .energyReport:
            return ([Particle(element: .enterprise, min: 1, max: 1), Particle(element: .reportingYear, min: 1, max: 1),
                     Particle(element: .energy, min: 1, max: 1), Particle(element: .economics, min: 1, max: 1),
                     Particle(element: .water, min: 0, max: 1), Particle(element: .previousYear, min: 0, max: 1),
                     Particle(element: .management, min: 0, max: 1), Particle(element: .equipment, min: 0, max: 1),
                     Particle(element: .projects, min: 0, max: 1)], false)
        case .enterprise:
            return ([Particle(element: .name, min: 1, max: 1), Particle(element: .creditCode, min: 1, max: 1),
                     Particle(element: .industry, min: 0, max: 1), Particle(element: .commissionedYear, min: 0, max: 1)],
                    false)
        case .energy:
            return ([Particle(element: .item, min: 1, max: unbounded), Particle(element: .declaredTotal, min: 0, max: 1)],
                    false)
        case .economics:
            return ([Particle(element: .industrialValueAdded, min: 1, max: 1)], false)
        case .water:
            return ([Particle(element: .withdrawal, min: 0, max: 1)], true)
        case .previousYear:
            return ([Particle(element: .energyTotal, min: 1, max: 1),
                     Particle(element: .industrialValueAdded, min: 1, max: 1)], false)
        case .management:
            return ([.responsibilityLetter, .benchmarking, .energyAudit, .energyManagementOrganization,
                     .energyManagementSystem, .energyQuota].map { Particle(element: $0, min: 0, max: 1) }, true)
        case .equipment:
            return ([Particle(element: .unit, min: 0, max: unbounded)], false)
        case .projects:
            return ([Particle(element: .project, min: 0, max: unbounded)], false)
        default:
            return ([], false)
        }
    }

    static let models: [(particles: [Particle], isAll: Bool)] = Element.allCases.map { model($0) }

    // MARK: Checking a light document

    /// True when the schema surely accepts the document: every element where its parent's
    /// model allows it, every required attribute present, every value of the right form.
    static func accepts(_ doc: LightDocument) -> Bool {
        guard doc.nodeCount > 0, doc.nodes[0].element == .energyReport else { return false }
        return accepts(doc, node: 0)
    }

    private static func accepts(_ doc: LightDocument, node index: Int) -> Bool {
        let node = doc.nodes[index]
        let element = node.element
        // Attributes: each known to the element, required ones present, values well-formed.
        let rules = attributes[Int(element.rawValue)]
        var seen: UInt32 = 0
        var a = node.firstAttribute
        for _ in 0..<node.attributeCount {
            let attribute = doc.attributes[a]
            a += 1
            if attribute.name == .xmlns { continue }  // checked by the reader: root only, right value
            guard let rule = rules.first(where: { $0.attribute == attribute.name }) else { return false }
            seen |= 1 << UInt32(attribute.name.rawValue)
            guard lexicalOK(rule.lexical, doc.attributeBytes(attribute)) else { return false }
        }
        for rule in rules where rule.required && seen & (1 << UInt32(rule.attribute.rawValue)) == 0 {
            return false
        }
        switch element.content {
        case .simple:
            return lexicalOK(textType(element), doc.textBytes(node))
        case .empty:
            return true
        case .elements:
            let model = models[Int(element.rawValue)]
            var particle = 0
            var count = 0
            var allSeen: UInt32 = 0
            var child = node.firstChild
            while child >= 0 {
                let c = doc.nodes[child].element
                if model.isAll {
                    guard let k = model.particles.firstIndex(where: { $0.element == c }),
                          allSeen & (1 << UInt32(k)) == 0 else { return false }
                    allSeen |= 1 << UInt32(k)
                } else {
                    // Advance through the sequence to the particle naming this child.
                    while particle < model.particles.count && model.particles[particle].element != c {
                        guard count >= model.particles[particle].min else { return false }
                        particle += 1
                        count = 0
                    }
                    guard particle < model.particles.count, count < model.particles[particle].max else { return false }
                    count += 1
                }
                guard accepts(doc, node: child) else { return false }
                child = doc.nodes[child].nextSibling
            }
            if model.isAll {
                for (k, p) in model.particles.enumerated() where p.min > 0 && allSeen & (1 << UInt32(k)) == 0 {
                    return false
                }
            } else {
                while particle < model.particles.count {
                    guard count >= model.particles[particle].min else { return false }
                    particle += 1
                    count = 0
                }
            }
            return true
        }
    }

    /// Checks a value (references resolved, attribute values normalized) against a simple type
    /// after XML Schema's whitespace collapse. None of the forms but `token` allows a space
    /// inside, so collapsing comes down to trimming: inner whitespace fails them either way.
    static func lexicalOK(_ lexical: Lexical, _ value: UnsafeBufferPointer<UInt8>) -> Bool {
        let bytes = LightDocument.trimmed(value)
        func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
        switch lexical {
        case .token:
            return true
        case .nonEmptyToken:
            return !bytes.isEmpty
        case .quantity:
            var i = 0
            while i < bytes.count && isDigit(bytes[i]) { i += 1 }
            guard i > 0 else { return false }
            if i == bytes.count { return true }
            guard bytes[i] == UInt8(ascii: ".") else { return false }
            i += 1
            let start = i
            while i < bytes.count && isDigit(bytes[i]) { i += 1 }
            return i > start && i == bytes.count
        case .year:
            return bytes.count == 4 && bytes.allSatisfy(isDigit)
        case .count:
            return !bytes.isEmpty && bytes.allSatisfy(isDigit) && bytes.contains { $0 != UInt8(ascii: "0") }
        case .creditCode:
            return bytes.count == 18 && bytes.allSatisfy { b in
                isDigit(b) || (b >= 0x41 && b <= 0x5A && b != 0x49 && b != 0x4F && b != 0x53 && b != 0x56 && b != 0x5A)
            }
        case .boolean:
            return equals(bytes, "true") || equals(bytes, "false") || equals(bytes, "1") || equals(bytes, "0")
        case .date:
            // YYYY-MM-DD with a year of four digits not starting with 0; days past the 28th only
            // where every calendar agrees (libxml2 decides February 29th).
            guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
                  [0, 1, 2, 3, 5, 6, 8, 9].allSatisfy({ isDigit(bytes[$0]) }), bytes[0] != UInt8(ascii: "0")
            else { return false }
            let month = Int(bytes[5] - 0x30) * 10 + Int(bytes[6] - 0x30)
            let day = Int(bytes[8] - 0x30) * 10 + Int(bytes[9] - 0x30)
            guard (1...12).contains(month), day >= 1 else { return false }
            let longest = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
            return day <= longest
        case .oneOf(let values):
            return values.contains { equals(bytes, $0) }
        case .fixed(let value):
            return equals(bytes, value)
        }
    }

    private static func equals(_ bytes: UnsafeBufferPointer<UInt8>, _ s: String) -> Bool {
        bytes.elementsEqual(s.utf8)
    }
}
