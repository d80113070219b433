import Testing
@testable import TCEKit

@Suite struct DuplicateIndexTests {
    @Test func theFirstFileOfAnEnterpriseYearIsRemembered() {
        var index = DuplicateIndex()
        let code = Fixtures.creditCode()
        #expect(index.first(code: code, year: 2011, orRecord: "a.xml") == nil)
        #expect(index.first(code: code, year: 2011, orRecord: "b.xml") == "a.xml")
        #expect(index.first(code: code, year: 2011, orRecord: "c.xml") == "a.xml")
        #expect(index.first(code: code, year: 2012, orRecord: "d.xml") == nil)
        #expect(index.count == 2)
    }

    @Test func codesThatDifferInOneCharacterAreDifferentEnterprises() {
        var index = DuplicateIndex()
        let a = Fixtures.creditCode("91620922MA71XY12A"), b = Fixtures.creditCode("91620922MA71XY12B")
        #expect(index.first(code: a, year: 2011, orRecord: "a.xml") == nil)
        #expect(index.first(code: b, year: 2011, orRecord: "b.xml") == nil)
        #expect(DuplicateIndex.pack(code: a, year: 2011) != DuplicateIndex.pack(code: b, year: 2011))
        // The year's bits never spill into the code's.
        #expect(DuplicateIndex.pack(code: a, year: 9999) != DuplicateIndex.pack(code: b, year: 0))
    }

    @Test func codesOutsideTheAlphabetAndOddYearsStillMatch() {
        var index = DuplicateIndex()
        for (code, year) in [("91620922MA71XY12AI", 2011), ("short", 2011), ("916209811000001980", 99_999), ("代码", 2011)] {
            #expect(DuplicateIndex.pack(code: code, year: year) == nil)
            #expect(index.first(code: code, year: year, orRecord: "first-\(code)") == nil)
            #expect(index.first(code: code, year: year, orRecord: "again") == "first-\(code)")
        }
        #expect(index.count == 4)
    }
}

@Suite struct NameTableTests {
    /// Names that share prefixes, do not, repeat, are empty, are not ASCII, and cross block edges.
    static let names: [String] = {
        var names: [String] = []
        for folder in 0..<5 {
            for file in 0..<23 { names.append("/drop/d\(folder)/r\(String(repeating: "0", count: file % 4))\(file).xml") }
        }
        names += ["", "", "a", "/drop/d4/r1.xml", "报告/企业 甲.xml", "报告/企业 乙.xml", "报告", String(repeating: "长", count: 400)]
        return names
    }()

    @Test func everyNameComesBackAsStored() {
        var table = NameTable()
        for (i, name) in Self.names.enumerated() { #expect(table.append(name) == i) }
        #expect(table.count == Self.names.count)
        for (i, name) in Self.names.enumerated() { #expect(table.name(at: i) == name, "name \(i)") }
    }

    @Test func sortedPathsTakeFarLessThanTheirText() {
        var table = NameTable()
        var text = 0
        for i in 0..<10_000 {
            let name = "/srv/drops/2026-11/county-620102/d\(i / 1000)/r\(1_000_000 + i).xml"
            text += name.utf8.count
            _ = table.append(name)
        }
        #expect(table.storedBytes * 3 < text, "\(table.storedBytes) bytes stored for \(text) bytes of names")
        #expect(table.name(at: 4_321) == "/srv/drops/2026-11/county-620102/d4/r1004321.xml")
    }
}

extension DuplicateIndexTests {
    @Test func theFirstFileComesBackWhenManyCameBetween() {
        func code(_ i: Int) -> String {
            Fixtures.creditCode("9162092" + String(repeating: "0", count: 10 - String(i).count) + String(i))
        }
        var index = DuplicateIndex()
        for i in 0..<1_000 {
            #expect(index.first(code: code(i), year: 2011, orRecord: "/drop/d\(i / 100)/r\(i).xml") == nil)
        }
        #expect(index.first(code: code(517), year: 2011, orRecord: "/drop/late.xml") == "/drop/d5/r517.xml")
        #expect(index.first(code: code(999), year: 2011, orRecord: "/drop/late.xml") == "/drop/d9/r999.xml")
        #expect(index.count == 1_000)
    }
}
