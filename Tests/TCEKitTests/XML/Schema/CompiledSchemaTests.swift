import Foundation
import Testing
@testable import TCEKit

/// The schema compiled into plain checks (the fast path's validator) against libxml2's whole-tree
/// validation (the slow path's): on each edge of the report schema, on damaged copies of every
/// report in the project, and on schemas outside the part of XSD the checks cover.
@Suite struct CompiledSchemaTests {
    static let loader = Fixtures.checker.loader
    static let xsd = (try? String(contentsOfFile: Fixtures.rulesPath + "/report-v1.xsd", encoding: .utf8)) ?? ""

    @Test func theShippedSchemaIsCompiled() {
        #expect(Self.loader.schema.notCompiledBecause == nil)
        #expect(Self.loader.schema.compiled != nil)
    }

    /// One edge of the schema: a change to the default report, and whether libxml2 finds it valid.
    struct Edge: CustomTestStringConvertible, Sendable {
        let what: String
        let valid: Bool
        let xml: String
        var testDescription: String { what }

        init(_ what: String, _ valid: Bool, _ xml: String) {
            self.what = what
            self.valid = valid
            self.xml = xml
        }

        /// The default report with `old` replaced by `new` (which must occur).
        init(_ what: String, _ valid: Bool, replacing old: String, with new: String, in base: String = Fixtures.report()) {
            precondition(base.contains(old), "\(what): \(old) not in the report")
            self.init(what, valid, base.replacingOccurrences(of: old, with: new))
        }
    }

    static let item = #"<Item type="raw-coal" unit="t">2100</Item>"#
    static func letter(_ attributes: String) -> String { Fixtures.report(management: "<Management><ResponsibilityLetter \(attributes)/></Management>") }
    static func letterWith(_ content: String) -> String {
        Fixtures.report(management: #"<Management><ResponsibilityLetter signed="true">\#(content)</ResponsibilityLetter></Management>"#)
    }
    static let economicsFirst: String = {
        let report = Fixtures.report()
        let economics = report.range(of: "<Economics>")!.lowerBound..<report.range(of: "</Economics>")!.upperBound
        var moved = report
        moved.removeSubrange(economics)
        moved = moved.replacingOccurrences(of: "<Energy>", with: report[economics] + "<Energy>")
        return moved
    }()
    static func unit(_ attributes: String) -> String { Fixtures.report(equipment: "<Equipment><Unit \(attributes)/></Equipment>") }

    static let edges: [Edge] = [
        Edge("the default report", true, Fixtures.report()),
        // Quantities: token collapse, then the pattern.
        Edge("quantity with blanks around", true, replacing: ">2100<", with: ">\n  2100 \t<"),
        Edge("quantity with a blank inside", false, replacing: ">2100<", with: ">21 00<"),
        Edge("quantity 2100.", false, replacing: ">2100<", with: ">2100.<"),
        Edge("quantity .5", false, replacing: ">2100<", with: ">.5<"),
        Edge("quantity 1e3", false, replacing: ">2100<", with: ">1e3<"),
        Edge("quantity empty", false, replacing: ">2100<", with: "><"),
        Edge("quantity in full-width digits", false, replacing: ">2100<", with: ">２１００<"),
        Edge("quantity by character reference", true, replacing: ">2100<", with: ">&#50;1&#x30;0<"),
        Edge("quantity split by a comment", true, replacing: ">2100<", with: ">21<!-- x -->00<"),
        Edge("quantity in CDATA", true, replacing: ">2100<", with: "><![CDATA[2100]]><"),
        Edge("quantity with a child element", false, replacing: ">2100<", with: ">2100<x/><"),
        // Attributes.
        Edge("item without a unit", false, replacing: #" unit="t""#, with: ""),
        Edge("item with an unknown attribute", false, replacing: #"unit="t""#, with: #"unit="t" colour="red""#),
        Edge("item with a foreign attribute", false, replacing: #"unit="t""#, with: #"unit="t" xmlns:x="urn:x" x:a="1""#),
        Edge("item with an empty unit", false, replacing: #"unit="t""#, with: #"unit="""#),
        Edge("item with a blank unit", false, replacing: #"unit="t""#, with: #"unit="  ""#),
        Edge("item exported", true, replacing: #"unit="t""#, with: #"unit="t" use="exported""#),
        Edge("item exported with blanks", true, replacing: #"unit="t""#, with: #"unit="t" use=" exported ""#),
        Edge("item imported", false, replacing: #"unit="t""#, with: #"unit="t" use="imported""#),
        Edge("item with a coefficient", true, replacing: #"unit="t""#, with: #"unit="t" coefficient="0.5""#),
        Edge("item with a bad coefficient", false, replacing: #"unit="t""#, with: #"unit="t" coefficient="half""#),
        Edge("version 2", false, replacing: #"version="1""#, with: #"version="2""#),
        Edge("version with blanks", true, replacing: #"version="1""#, with: #"version=" 1 ""#),
        Edge("version missing", false, replacing: #" version="1""#, with: ""),
        // Namespaces and names.
        Edge("an element in no namespace", false, replacing: "<Economics>", with: #"<Economics xmlns="">"#),
        Edge("an element in another namespace", false, replacing: "<Economics>", with: #"<Economics xmlns="urn:other">"#),
        Edge("the root in no namespace", false, replacing: #" xmlns="urn:tce:energy-report:1""#, with: ""),
        Edge("a prefixed report", true, Fixtures.report().replacingOccurrences(of: "<", with: "<r:").replacingOccurrences(of: "<r:/", with: "</r:")
            .replacingOccurrences(of: "<r:?xml", with: "<?xml").replacingOccurrences(of: #"xmlns="#, with: #"xmlns:r="#)),
        Edge("another root", false, replacing: "EnergyReport", with: "EnergyReports"),
        // Element-only content.
        Edge("text before the first child", false, replacing: "<Enterprise>", with: "<Enterprise>abc"),
        Edge("text after the last child", false, replacing: "</Energy>", with: "x</Energy>"),
        Edge("text between children", false, replacing: "</ReportingYear>", with: "</ReportingYear>x"),
        Edge("blanks, comments and instructions between children", true,
             replacing: "</ReportingYear>", with: "</ReportingYear>\n<!-- c --><?pi x?>\t"),
        Edge("element-only content with only blanks", true, Fixtures.report(water: "<Water>\n  </Water>")),
        Edge("element-only content with text", false, Fixtures.report(water: "<Water>none</Water>")),
        // Sequences and all-groups.
        Edge("no Economics", false, replacing: "<Economics>", with: "<Economicz>"),
        Edge("Economics before Energy", false, economicsFirst),
        Edge("ReportingYear twice", false, replacing: "<ReportingYear>2011</ReportingYear>",
             with: "<ReportingYear>2011</ReportingYear><ReportingYear>2011</ReportingYear>"),
        Edge("Water twice", false, Fixtures.report(water: "<Water/><Water/>")),
        Edge("no items", false, replacing: item, with: ""),
        Edge("three items and a declared total", true, replacing: item,
             with: item + item + item + #"<DeclaredTotal unit="tce">1</DeclaredTotal>"#),
        Edge("the declared total first", false, replacing: item, with: #"<DeclaredTotal unit="tce">1</DeclaredTotal>"# + item),
        Edge("management in any order", true, Fixtures.report(management:
            #"<Management><EnergyAudit completed="true"/><ResponsibilityLetter signed="true"/><Benchmarking status="none"/></Management>"#)),
        Edge("management empty", true, Fixtures.report(management: "<Management/>")),
        Edge("management twice the same", false, Fixtures.report(management:
            #"<Management><EnergyAudit completed="true"/><EnergyAudit completed="true"/></Management>"#)),
        Edge("management unknown child", false, Fixtures.report(management: #"<Management><Audit completed="true"/></Management>"#)),
        Edge("equipment empty", true, Fixtures.report(equipment: "<Equipment></Equipment>")),
        Edge("project without a review", false, Fixtures.report(projects:
            #"<Projects><Project id="P1" name="x" status="planned"/></Projects>"#)),
        Edge("previous year without a year", false, Fixtures.report(previous:
            #"<PreviousYear><EnergyTotal unit="tce">1</EnergyTotal><IndustrialValueAdded unit="CNY">1</IndustrialValueAdded></PreviousYear>"#)),
        Edge("previous year", true, Fixtures.report(previous:
            #"<PreviousYear year="2010"><EnergyTotal unit="tce">1</EnergyTotal><IndustrialValueAdded unit="CNY">1</IndustrialValueAdded></PreviousYear>"#)),
        // Empty content.
        Edge("empty content with a comment", true, letterWith("<!-- x -->")),
        Edge("empty content with a blank", false, letterWith(" ")),
        Edge("empty content with an empty CDATA section", false, letterWith("<![CDATA[]]>")),
        Edge("empty content with a child", false, letterWith("<x/>")),
        // Built-in types: boolean, date, positive integer, integer.
        Edge("signed true", true, letter(#"signed="true""#)),
        Edge("signed 1", true, letter(#"signed="1""#)),
        Edge("signed with blanks", true, letter(#"signed=" false ""#)),
        Edge("signed TRUE", false, letter(#"signed="TRUE""#)),
        Edge("signed yes", false, letter(#"signed="yes""#)),
        Edge("date", true, letter(#"signed="true" date="2012-02-20""#)),
        Edge("date on a leap day", true, letter(#"signed="true" date="2012-02-29""#)),
        Edge("date on no leap day", false, letter(#"signed="true" date="2011-02-29""#)),
        Edge("date in month 13", false, letter(#"signed="true" date="2012-13-01""#)),
        Edge("date with a time zone", true, letter(#"signed="true" date="2012-02-20+08:00""#)),
        Edge("date in UTC", true, letter(#"signed="true" date="2012-02-20Z""#)),
        Edge("date short", false, letter(#"signed="true" date="2012-2-20""#)),
        // XSD collapses a date's blanks, but libxml2 2.9.14 refuses them, and libxml2 decides
        // (found by the report fuzz target: the compiled checks had collapsed them).
        Edge("date with blanks after it", false, letter(#"signed="true" date="2012-02-20  ""#)),
        Edge("date with a blank before it", false, letter(#"signed="true" date=" 2012-02-20""#)),
        Edge("date with a line feed after it", false, letter("signed=\"true\" date=\"2012-02-20\n\"")),
        Edge("count 3", true, unit(#"kind="pump" count="3" status="idle""#)),
        Edge("count 007", true, unit(#"kind="pump" count="007" status="idle""#)),
        Edge("count 0", false, unit(#"kind="pump" count="0" status="idle""#)),
        Edge("count 000", false, unit(#"kind="pump" count="000" status="idle""#)),
        Edge("count +3", false, unit(#"kind="pump" count="+3" status="idle""#)),
        Edge("count with 30 digits, 29 of them leading zeros", true,
             unit(#"kind="pump" count="000000000000000000000000000001" status="idle""#)),
        Edge("count with 33 digits", false, unit(#"kind="pump" count="123456789012345678901234567890123" status="idle""#)),
        Edge("status broken", false, unit(#"kind="pump" status="broken""#)),
        Edge("year 0000", true, Fixtures.report(year: "0000")),
        Edge("year with blanks", true, Fixtures.report(year: " 2011\n")),
        Edge("year 20111", false, Fixtures.report(year: "20111")),
        Edge("year -011", false, Fixtures.report(year: "-011")),
        // Tokens with a length or a pattern.
        Edge("name empty", false, Fixtures.report(name: "")),
        Edge("name blank", false, Fixtures.report(name: "  \n ")),
        Edge("name with inner blanks", true, Fixtures.report(name: "瓜州  县\n公司")),
        Edge("credit code with an I", false, Fixtures.report(code: "91620922MA71XY12AI")),
        Edge("credit code short", false, Fixtures.report(code: "91620922MA71XY12A")),
        Edge("credit code with blanks", true, Fixtures.report(code: " " + Fixtures.creditCode() + "\n")),
        Edge("industry", true, replacing: "</CreditCode>", with: #"</CreditCode><Industry code="C30">建材</Industry>"#),
        Edge("industry without a code", false, replacing: "</CreditCode>", with: "</CreditCode><Industry>建材</Industry>"),
        Edge("industry with an empty code", false, replacing: "</CreditCode>", with: #"</CreditCode><Industry code="">建材</Industry>"#),
        Edge("industry with a child", false, replacing: "</CreditCode>", with: #"</CreditCode><Industry code="C"><b/></Industry>"#),
        Edge("commissioned", true, Fixtures.report(commissioned: "2011")),
        Edge("commissioned in words", false, Fixtures.report(commissioned: "twenty")),
    ]

    @Test(arguments: edges)
    func theCompiledChecksAgreeWithLibxml2OnEachEdgeOfTheSchema(_ edge: Edge) throws {
        let bytes = Array(edge.xml.utf8)
        let (fast, slow) = try #require(StreamingValidationTests.paths(bytes), "refused before parsing")
        let slowValid = (try? slow.get()) != nil
        #expect(slowValid == edge.valid, "libxml2 says \(slowValid ? "valid" : "invalid"): \((try? slow.get()).map { _ in "" } ?? "\(slow)")")
        #expect((fast != nil) == edge.valid, "the compiled checks say \(fast != nil ? "valid" : "invalid")")
    }

    /// Damaged copies of every report in the project, made the same way each run: neither path may
    /// accept what the other refuses (a refusal of the fast path alone would only cost time, and
    /// is counted too: the compiled checks are meant to be exact, not merely safe).
    @Test func damagedReportsGetTheSameVerdictFromBothValidators() {
        let files = Fixtures.xmlFiles("samples") + Fixtures.xmlFiles("rules/examples")
        var generator = SplitMix(seed: 2012)
        var accepted = 0, refused = 0
        for path in files {
            let original = StreamingValidationTests.file(path)
            for _ in 0..<12 {
                let damaged = Self.damage(original, &generator)
                switch StreamingValidationTests.expectAgreement(damaged, "\(path), damaged") {
                case .some: accepted += 1
                case .none: refused += 1
                }
            }
        }
        // Both kinds occur in numbers: the damage is neither always fatal nor always harmless.
        #expect(accepted > 100)
        #expect(refused > 100)
    }

    /// One random change at a random place: a byte removed, doubled or replaced by one of the
    /// characters that matter to XML and to the schema's types, or a tag-sized span removed.
    static func damage(_ bytes: [UInt8], _ generator: inout SplitMix) -> [UInt8] {
        guard bytes.count > 200 else { return bytes }
        var copy = bytes
        let at = 100 + Int(generator.next() % UInt64(bytes.count - 150))
        let alphabet = Array(" \t\n<>/=\"'&;.-+0019aZ:".utf8)
        switch generator.next() % 4 {
        case 0: copy.remove(at: at)
        case 1: copy.insert(copy[at], at: at)
        case 2: copy[at] = alphabet[Int(generator.next() % UInt64(alphabet.count))]
        default: copy.removeSubrange(at..<min(copy.count - 1, at + 1 + Int(generator.next() % 24)))
        }
        return copy
    }

    /// The end of a report cut off anywhere in its last 300 bytes (the fast path appends blanks
    /// there): never accepted unless what is cut is only blanks after the root element.
    @Test func truncatedReportsAreNeverAccepted() {
        for sample in ["2011-mofeng-cement.xml", "2011-hongyun-mining.xml"] {
            let bytes = StreamingValidationTests.file(Fixtures.samplesPath + "/" + sample)
            let end = bytes.lastIndex(of: UInt8(ascii: ">"))! + 1
            for cut in 1...300 {
                let truncated = Array(bytes[..<(end - cut)])
                #expect(StreamingValidationTests.expectAgreement(truncated, "\(sample) cut by \(cut)") == nil)
            }
            #expect(StreamingValidationTests.expectAgreement(Array(bytes[..<end]) + Array(" \n<!-- end -->\n".utf8), "trailer") != nil)
        }
    }

    // MARK: Built-in types the shipped schema does not use

    /// The shipped schema with other built-in types and facets (what a user might write): names
    /// as `xs:string` of 1 to 12 characters, quantities as `xs:decimal`, units as an enumerated
    /// `xs:normalizedString`, counts as `xs:nonNegativeInteger`, years as plain `xs:integer`.
    static let otherTypes: ReportLoader = {
        var xsd = Self.xsd
        func swap(_ old: String, _ new: String) {
            precondition(xsd.contains(old), "the schema no longer has \(old)")
            xsd = xsd.replacingOccurrences(of: old, with: new)
        }
        swap(#"<xs:restriction base="xs:token">"# + "\n      " + #"<xs:pattern value="[0-9]+(\.[0-9]+)?"/>"#,
             #"<xs:restriction base="xs:decimal">"#)
        swap(#"<xs:restriction base="xs:positiveInteger">"# + "\n      " + #"<xs:pattern value="[0-9]+"/>"#,
             #"<xs:restriction base="xs:nonNegativeInteger">"#)
        swap(#"<xs:restriction base="xs:integer">"# + "\n      " + #"<xs:pattern value="[0-9]{4}"/>"#,
             #"<xs:restriction base="xs:integer">"#)
        // Units first: the unit type is the one followed by NonEmptyToken's definition.
        swap(#"<xs:restriction base="xs:token">"# + "\n      " + #"<xs:minLength value="1"/>"# + "\n    </xs:restriction>\n  </xs:simpleType>\n\n  "
                + #"<xs:simpleType name="NonEmptyToken">"#,
             #"<xs:restriction base="xs:normalizedString">"# + "\n      "
                + #"<xs:enumeration value="t"/><xs:enumeration value="10k-CNY"/><xs:enumeration value="a b"/>"#
                + "\n    </xs:restriction>\n  </xs:simpleType>\n\n  " + #"<xs:simpleType name="NonEmptyToken">"#)
        swap(#"<xs:simpleType name="NonEmptyToken">"# + "\n    " + #"<xs:restriction base="xs:token">"# + "\n      " + #"<xs:minLength value="1"/>"#,
             #"<xs:simpleType name="NonEmptyToken">"# + "\n    " + #"<xs:restriction base="xs:string">"# + "\n      "
                + #"<xs:minLength value="1"/><xs:maxLength value="12"/>"#)
        do {
            let schema = try ReportSchema(xsd: xsd, path: "other-types.xsd")
            precondition(schema.compiled != nil, "not compiled: \(schema.notCompiledBecause ?? "")")
            return ReportLoader(schema: schema, catalog: Fixtures.checker.loader.catalog)
        } catch {
            fatalError("the changed schema does not compile: \(error)")
        }
    }()

    /// Each value with libxml2's verdict, which both paths must give.
    @Test(arguments: [
        // xs:decimal, no pattern: signs, points at either end, exponents, blanks, long numbers.
        ("2100", true), ("21.5", true), ("-21", true), ("+21", true), (".5", true), ("5.", true), (" 21 ", true),
        ("+.5", true), ("00000000000000000000000001", true), ("1e3", false), ("", false), ("2 1", false), ("-", false),
        ("1,000", false), ("123456789012345678901234567890", false), ("0.123456789012345678901234567", false),
        // xs:string of 1 to 12 characters, blanks kept: in the name.
        ("N:abc", true), ("N:  ", true), ("N:123456789012", true), ("N:中文字", true), ("N: a\tb ", true),
        ("N:中文字中文字中文字中文字", true), ("N:", false), ("N:1234567890123", false), ("N:中文字中文字中文字中文字中", false),
        // xs:normalizedString enumerated: tabs become spaces (an attribute's already have), nothing is trimmed.
        ("U:t", true), ("U:a b", true), ("U:a\tb", true), ("U:10k-CNY", true), ("U: t", false), ("U:a  b", false), ("U:T", false),
        // xs:nonNegativeInteger.
        ("C:0", true), ("C:-0", true), ("C:+5", true), ("C:007", true), ("C:-1", false), ("C:1.0", false),
        ("C:123456789012345678901234567890", false),
        // xs:integer without a pattern.
        ("Y:-2011", true), ("Y:+2011", true), ("Y:2011 ", true), ("Y:20.11", false), ("Y:99999999999999999999999999", false),
    ])
    func otherBuiltInTypesGetLibxml2sVerdict(_ value: String, valid: Bool) throws {
        let loader = Self.otherTypes
        let text = String(value.drop { $0 != ":" }.dropFirst())
        let xml: String
        switch value.prefix(2) {
        case "N:": xml = Fixtures.report(name: text)
        case "U:": xml = Fixtures.report(valueAdded: #"<IndustrialValueAdded unit="\#(text)">13500</IndustrialValueAdded>"#)
        case "C:": xml = Fixtures.report(equipment: #"<Equipment><Unit kind="pump" count="\#(text)" status="idle"/></Equipment>"#)
        case "Y:": xml = Fixtures.report(year: text)
        default: xml = Fixtures.report(items: #"<Item type="raw-coal" unit="t">\#(value)</Item>"#)
        }
        let bytes = Array(xml.utf8)
        let fast = bytes.withUnsafeBytes { loader.schema.validTree($0) }
        let slow = bytes.withUnsafeBytes { raw in
            Result { () throws(DiagnosticList) in try loader.explain(raw, name: "r.xml", source: ReportSource(bytes: raw)) }
        }
        let slowValid = (try? slow.get()) != nil
        #expect(slowValid == valid, "\(value.debugDescription): libxml2 says \(slowValid ? "valid" : "\(slow)")")
        #expect((fast != nil) == valid, "\(value.debugDescription): the compiled checks say \(fast != nil ? "valid" : "invalid")")
    }

    // MARK: Schemas outside the covered part of XSD

    @Test(arguments: [
        ("a choice", #"<xs:element name="Water" type="r:Water" minOccurs="0"/>"#,
         #"<xs:choice minOccurs="0"><xs:element name="Water" type="r:Water"/></xs:choice>"#, "xs:choice"),
        ("a pattern with \\d", #"<xs:pattern value="[0-9]{4}"/>"#, #"<xs:pattern value="\d{4}"/>"#, "\\d"),
        ("any attribute", #"<xs:attribute name="year" type="r:Year" use="required"/>"#,
         #"<xs:attribute name="year" type="r:Year" use="required"/><xs:anyAttribute processContents="skip"/>"#, "anyAttribute"),
        ("a facet on a number", #"<xs:pattern value="[0-9]+"/>"#, #"<xs:pattern value="[0-9]+"/><xs:maxInclusive value="1000"/>"#, "maxInclusive"),
        ("mixed content", #"<xs:complexType name="Water">"#, #"<xs:complexType name="Water" mixed="true">"#, "mixed"),
        ("a nillable element", #"<xs:element name="Withdrawal" type="r:MeasuredQuantity" minOccurs="0"/>"#,
         #"<xs:element name="Withdrawal" type="r:MeasuredQuantity" minOccurs="0" nillable="true"/>"#, "nillable"),
        ("a built-in type not covered", #"<xs:attribute name="date" type="xs:date" use="optional"/>"#,
         #"<xs:attribute name="date" type="xs:dateTime" use="optional"/>"#, "xs:dateTime"),
    ])
    func aSchemaOutsideTheCoveredPartIsValidatedByLibxml2Alone(what: String, old: String, new: String, named: String) throws {
        #expect(Self.xsd.contains(old), "\(what): the schema no longer has \(old)")
        let changed = Self.xsd.replacingOccurrences(of: old, with: new)
        let schema = try ReportSchema(xsd: changed, path: "changed.xsd")
        #expect(schema.compiled == nil)
        #expect(schema.notCompiledBecause?.contains(named) == true, "\(schema.notCompiledBecause ?? "compiled")")
        // libxml2's streaming validator takes over: valid reports pass, invalid ones do not.
        let valid = Array(Fixtures.report().utf8)
        let invalid = Array(Fixtures.report(year: "twenty").utf8)
        #expect(valid.withUnsafeBytes { schema.validTree($0) } != nil)
        #expect(invalid.withUnsafeBytes { schema.validTree($0) } == nil)
    }
}

/// A small deterministic random number generator (the same damage on every run and machine).
struct SplitMix {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

