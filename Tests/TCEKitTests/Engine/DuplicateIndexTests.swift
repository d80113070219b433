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
