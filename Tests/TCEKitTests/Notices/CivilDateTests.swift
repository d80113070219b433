import Testing
@testable import TCEKit

@Suite struct CivilDateTests {
    @Test func parsesOnlyRealDatesWrittenInFull() {
        #expect(CivilDate(iso: "2012-03-15") == CivilDate(year: 2012, month: 3, day: 15))
        #expect(CivilDate(iso: "2012-02-29") != nil)
        for bad in ["2011-02-29", "2012-13-01", "2012-00-10", "2012-3-15", "12-03-15", "2012/03/15", "2012-03-15x", "", "２０１２-03-15"] {
            #expect(CivilDate(iso: bad) == nil, "\(bad)")
        }
    }

    @Test func addsDaysAcrossMonthsYearsAndLeapDays() {
        let d = CivilDate(year: 2012, month: 3, day: 15)!
        #expect(d.adding(days: 30).iso == "2012-04-14")
        #expect(d.adding(days: 90).iso == "2012-06-13")
        #expect(d.adding(days: 180).iso == "2012-09-11")
        #expect(CivilDate(year: 2012, month: 2, day: 28)!.adding(days: 1).iso == "2012-02-29")
        #expect(CivilDate(year: 2100, month: 2, day: 28)!.adding(days: 1).iso == "2100-03-01")
        #expect(CivilDate(year: 2000, month: 2, day: 28)!.adding(days: 1).iso == "2000-02-29")
        #expect(CivilDate(year: 2012, month: 12, day: 31)!.adding(days: 1).iso == "2013-01-01")
        #expect(CivilDate(year: 1970, month: 1, day: 1)!.dayNumber == 0)
        #expect(CivilDate(year: 2012, month: 3, day: 15)!.utcDate.timeIntervalSince1970 == 1_331_769_600)
    }

    @Test func theOfficeFormatComesFromNoticesYaml() {
        #expect(NoticeFixtures.config.format(CivilDate(year: 2012, month: 3, day: 5)!) == "2012年3月5日")
        #expect(NoticeContext.chineseNumeral(1) == "一")
        #expect(NoticeContext.chineseNumeral(10) == "十")
        #expect(NoticeContext.chineseNumeral(13) == "十三")
        #expect(NoticeContext.chineseNumeral(40) == "四十")
    }
}
