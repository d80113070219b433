import Testing
@testable import TCEKit

/// XSD patterns compiled to automata: the report schema's own, the rest of the covered syntax,
/// and the syntax that is refused (the schema is then validated by libxml2 alone).
@Suite struct SchemaPatternTests {
    static func matches(_ pattern: String, _ value: String) throws -> Bool {
        let compiled = try SchemaPattern(pattern)
        return Array(value.utf8).withUnsafeBufferPointer { compiled.matches($0) }
    }

    @Test(arguments: [
        // The report schema's patterns.
        ("[0-9]+(\\.[0-9]+)?", ["12", "12.5", "0.9693", "007"], ["", "12.", ".5", "1e3", "+1", "1,000", "12.5.1", "１２", " 12"]),
        ("[0-9]{4}", ["2011", "0000"], ["201", "20111", "２０１１"]),
        ("[0-9A-HJ-NPQRTUWXY]{18}", ["91620922MA71XY12A3", "000000000000000000"],
         ["91620922MA71XY12AI", "91620922MA71XY12A", "91620922MA71XY12A33", "91620922ma71xy12a3"]),
        ("[0-9]+", ["1", "0001"], ["", "-1"]),
        // The rest of the covered syntax.
        ("(ab|c){2,3}d?", ["abc", "cab", "ccc", "ababd", "cabcd"], ["ab", "abcabc", "abd", "d"]),
        ("a*", ["", "a", "aaaa"], ["b", "ab"]),
        ("x{2,}", ["xx", "xxxxx"], ["x", ""]),
        (".+", ["中文", "a b"], ["", "a\nb", "\r"]),
        ("[^a-c]+", ["中d", "xyz"], ["a", "xa", ""]),
        ("\\.\\-\\\\\\|", [".-\\|"], ["a-\\|"]),
        ("[-a]b", ["-b", "ab"], ["b", "--b"]),
        ("[a-]", ["a", "-"], ["b"]),
        ("[\\t\\n]", ["\t", "\n"], [" "]),
        ("中+国?", ["中", "中中国"], ["国", "中国国"]),
    ])
    func compiledPatternsMatchTheWholeValue(pattern: String, matching: [String], notMatching: [String]) throws {
        for value in matching { #expect(try Self.matches(pattern, value), "\(pattern) should match \(value.debugDescription)") }
        for value in notMatching { #expect(try !Self.matches(pattern, value), "\(pattern) should not match \(value.debugDescription)") }
    }

    @Test(arguments: [
        ("\\d+", "\\d"), ("\\p{L}", "\\p"), ("[a-z-[aeiou]]", "class"), ("^abc", "'^'"), ("abc$", "'$'"),
        ("a{2000}", "over 1000"), ("(ab", "unclosed group"), ("[abc", "unclosed character class"),
        ("a{,3}", "without a number"), ("*a", "'*'"), ("[z-a]", "range"), ("[a-c-e]", "'-'"),
    ])
    func syntaxOutsideTheCoveredPartIsRefusedByName(pattern: String, named: String) {
        #expect {
            _ = try SchemaPattern(pattern)
        } throws: { error in
            (error as? CompiledSchema.Unsupported)?.description.contains(named) == true
        }
    }

    @Test func groupsNestedTooDeepAreRefusedWithoutRecursingAllTheWay() throws {
        let deep = String(repeating: "(", count: 100_000) + "a" + String(repeating: ")", count: 100_000)
        #expect(throws: CompiledSchema.Unsupported("pattern '\(deep)': groups nested more than 64 deep")) {
            _ = try SchemaPattern(deep)
        }
        #expect(try Self.matches(String(repeating: "(", count: 64) + "a" + String(repeating: ")", count: 64), "a"))
    }

    @Test func aPatternTooLargeForItsAutomatonIsRefused() {
        #expect(throws: CompiledSchema.Unsupported.self) {
            _ = try SchemaPattern("(a|b|c|d|e|f|g|h){500}(i|j){500}")
        }
    }
}
