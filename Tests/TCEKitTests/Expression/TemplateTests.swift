import Testing
@testable import TCEKit

@Suite("Templates")
struct TemplateTests {
    static let scope = DictionaryScope([
        "site": record(line: 3, ["name": .string("North"), "energy": num("12.50")]),
        "m": .missing(path: "m"),
        "sites": .list([record(line: 4, ["name": .string("A")]), record(line: 5, ["name": .string("B")])]),
    ])

    private func render(_ source: String, missing: String = "n/a") throws -> String {
        try Template(source).render(in: Self.scope, missing: missing)
    }

    @Test func placeholdersAreReplaced() throws {
        #expect(try render("Site {site.name} used {site.energy} kWh") == "Site North used 12.5 kWh")
        #expect(try render("{site.energy * 2}") == "25")
        #expect(try render("plain text") == "plain text")
        #expect(try render("") == "")
    }

    @Test func valuesRender() throws {
        #expect(try render("{1 / 3}") == "0.333333")
        #expect(try render("{1 / 8}") == "0.125")
        #expect(try render("{-2.5}") == "-2.5")
        #expect(try render("{site.energy > 1} / {not true}") == "true / false")
        #expect(try render("{[1, 2.5, 'x', true]}") == "1, 2.5, x, true")
        #expect(try render("{[1, m]}", missing: "?") == "1, ?")
        #expect(try render("gas: {site.gas}", missing: "not reported") == "gas: not reported")
        #expect(try render("{1/0}", missing: "-") == "-")
    }

    /// Messages are built in a 1 KB stack buffer; longer ones move to the heap mid-way, whether
    /// the text, a value or the missing-value wording crosses the kilobyte.
    @Test(arguments: [1000, 1017, 1020, 1024, 1030, 3000])
    func longMessagesRenderWhole(prefixLength: Int) throws {
        let prefix = String(repeating: "能", count: prefixLength / 3) + String(repeating: "x", count: prefixLength % 3)
        #expect(try render(prefix + "{site.name}|{site.energy}|{m}|" + prefix, missing: "未报送")
            == prefix + "North|12.5|未报送|" + prefix)
        let names = (0..<300).map { "'n\($0)'" }.joined(separator: ", ")
        let expected = (0..<300).map { "n\($0)" }.joined(separator: ", ")
        #expect(try render(prefix + "{[" + names + "]}") == prefix + expected)
    }

    @Test func bracesEscapeAndQuotedBracesStayInside() throws {
        #expect(try render("{{literal}} and }}") == "{literal} and }")
        #expect(try render("{{{site.name}}}") == "{North}")
        #expect(try render(#"{"a}b"} {'{'}"#) == "a}b {")
    }

    @Test func referencesArePositionedInTheTemplate() throws {
        let template = try Template("Hi {site.name}\n{ m + x }")
        #expect(template.references == [
            NameReference(name: "site", path: "site.name", line: 1, column: 5),
            NameReference(name: "m", path: "m", line: 2, column: 3),
            NameReference(name: "x", path: "x", line: 2, column: 7),
        ])
    }

    @Test(arguments: [
        ("Line one\nvalue {a +} end", #"expected a value after "+""#, 2, 11),
        ("abc {a", #"unclosed "{"; end the placeholder with "}", or write "{{" for a literal brace"#, 1, 5),
        ("abc {'a}", #"unclosed "{"; end the placeholder with "}", or write "{{" for a literal brace"#, 1, 5),
        ("a } b", #""}" has no matching "{"; write "}}" for a literal brace"#, 1, 3),
        ("x\n {  } y", #"empty placeholder; put an expression between "{" and "}", or write "{{" for a literal brace"#, 2, 2),
        ("{{x}} {a = 1}", #""=" is not an operator; use "==" to compare"#, 1, 10),
        ("{a}\n{b\n  c}", #"expected an operator between "b" and "c""#, 3, 3),
        ("{sume(1)}", #"unknown function "sume"; known functions: abs, all, any, coalesce, count, exists, filter, max, min, sum"#, 1, 2),
    ])
    func syntaxErrorsPointIntoTheTemplate(source: String, message: String, line: Int, column: Int) throws {
        do {
            _ = try Template(source)
            Issue.record("expected a syntax error")
        } catch {
            #expect(error.message == message)
            #expect(error.line == line)
            #expect(error.column == column)
        }
    }

    @Test func evaluationErrorsPointIntoTheTemplate() throws {
        let template = try Template("ab\n  {nope}")
        #expect(throws: EvaluationError.unknownName(name: "nope", line: 2, column: 4)) {
            try template.render(in: Self.scope, missing: "")
        }
        let recordTemplate = try Template("x {site}")
        #expect(throws: EvaluationError.typeMismatch(
            message: "cannot show an element as text; show one of its fields, e.g. {site.name}", line: 1, column: 4)) {
            try recordTemplate.render(in: Self.scope, missing: "")
        }
    }

    @Test func sourceIsKept() throws {
        #expect(try Template("a {b}").source == "a {b}")
    }
}
