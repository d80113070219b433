import Testing
@testable import TCEKit

/// The decoder reads text and attributes in place when they are one text node, and falls back
/// to libxml2's copies otherwise: both paths must give the same report.
@Suite struct InPlaceReadingTests {
    func load(_ xml: String) throws -> Report {
        try Fixtures.checker.loader.load(bytes: Array(xml.utf8), name: "r.xml").get()
    }

    @Test func textSplitByACommentIsReadWhole() throws {
        let report = try load(Fixtures.report(items: #"<Item type="raw-coal" unit="t">21<!-- 千 -->00</Item>"#))
        #expect(report.items.first?.quantity == Fixtures.exact("2100"))
    }

    @Test func textWithACharacterReferenceIsReadWhole() throws {
        let report = try load(Fixtures.report(items: #"<Item type="raw-coal" unit="t">&#50;100.5</Item>"#))
        #expect(report.items.first?.quantity == Fixtures.exact("2100.5"))
    }

    @Test func attributeWithAnEntityReferenceIsReadWhole() throws {
        let report = try load(Fixtures.report(projects: #"<Projects><Project id="P&amp;1" name="A &lt; B" status="planned" energyReview="none"/></Projects>"#))
        #expect(report.projects?.first?.id == "P&1")
        #expect(report.projects?.first?.name == "A < B")
    }

    @Test func surroundingWhitespaceIsTrimmed() throws {
        let report = try load(Fixtures.report(name: "\n   瓜州县测试有限公司\t ", year: " 2011\n", items: "<Item type=\"raw-coal\" unit=\"t\">\n 2100 \n</Item>"))
        #expect(report.enterprise.name == "瓜州县测试有限公司")
        #expect(report.reportingYear == 2011)
        #expect(report.items.first?.quantity == Fixtures.exact("2100"))
    }

    @Test func trimmingKeepsWhatIsNotWhitespace() {
        #expect("abc".trimmingWhitespace == "abc")
        #expect(" abc ".trimmingWhitespace == "abc")
        #expect("瓜州".trimmingWhitespace == "瓜州")
        // Ideographic space (U+3000) is whitespace too, at either end.
        #expect("\u{3000}瓜州\u{3000}".trimmingWhitespace == "瓜州")
        #expect("瓜州 (甘肃)".trimmingWhitespace == "瓜州 (甘肃)")
        #expect("é ".trimmingWhitespace == "é")
        #expect("".trimmingWhitespace == "")
        #expect("   ".trimmingWhitespace == "")
    }

    @Test func bytesAndTextParseAlike() throws {
        for text in ["0", "12", "12.5", " 0.9693 ", "007.10"] {
            #expect(try Exact(decimalUTF8: Array(text.utf8)) == Exact(decimal: text))
        }
        for bad in ["", "12.", ".5", "-1", "1e3", "1 2", "1,000"] {
            #expect(throws: NumberSyntaxError.self) { try Exact(decimalUTF8: Array(bad.utf8)) }
        }
    }

    /// Flags, counts and years read from their bytes when they are plain (digits, `true`, `1`…),
    /// and as text otherwise: both give the same values, and the same refusals.
    @Test func flagsCountsAndYearsReadAlikeInPlaceAndAsText() throws {
        for (signed, expected) in [("true", true), ("1", true), (" true ", true), ("\t1\n", true),
                                   ("false", false), ("0", false), (" false", false)] {
            let report = try load(Fixtures.report(management: "<Management><ResponsibilityLetter signed=\"\(signed)\"/></Management>"))
            #expect(report.management?.letterSigned?.value == expected, "signed=\"\(signed)\"")
        }
        for (count, expected) in [("3", 3), (" 3 ", 3), ("007", 7), ("1", 1)] {
            let report = try load(Fixtures.report(equipment: "<Equipment><Unit kind=\"dryer\" count=\"\(count)\" status=\"idle\"/></Equipment>"))
            #expect(report.equipment?.first?.count == expected, "count=\"\(count)\"")
        }
        for bad in ["0", " 0 "] {
            let result = Fixtures.checker.loader.load(
                bytes: Array(Fixtures.report(equipment: "<Equipment><Unit kind=\"dryer\" count=\"\(bad)\" status=\"idle\"/></Equipment>").utf8),
                name: "r.xml")
            // The schema refuses it first (a positive integer); either way, never a unit count of 0.
            guard case .failure = result else {
                Issue.record("count=\"\(bad)\" accepted")
                continue
            }
        }
        for (year, expected) in [("2011", 2011), (" 2011 ", 2011), ("\n1998\t", 1998)] {
            let report = try load(Fixtures.report(commissioned: year, year: year,
                                                  previous: "<PreviousYear year=\"\(year)\"><EnergyTotal unit=\"tce\">1</EnergyTotal><IndustrialValueAdded unit=\"CNY\">5</IndustrialValueAdded></PreviousYear>"))
            #expect(report.reportingYear == expected && report.enterprise.commissionedYear == expected, "\(year)")
            #expect(report.previousYear?.year == expected, "\(year)")
        }
    }
}
