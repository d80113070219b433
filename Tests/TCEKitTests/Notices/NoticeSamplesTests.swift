import Foundation
import Testing
@testable import TCEKit

/// Every notice written for samples/ is read back (HTML with libxml2's HTML parser, DOCX unzipped
/// and its XML parsed) and compared with the independent oracle, scripts/sample-facts.py.
@Suite struct NoticeSamplesTests {
    let samples = NoticeFixtures.samples
    let oracle = NoticeFixtures.oracle

    /// Enterprise-years with a failed rule, and which rules fail (samples have one failing report each).
    var expectedRectifications: [String: NoticeFixtures.OracleReport] {
        var out: [String: NoticeFixtures.OracleReport] = [:]
        for r in oracle where !r.failed.isEmpty {
            #expect(out[r.stem] == nil, "two failing reports for \(r.stem): the test assumes one")
            out[r.stem] = r
        }
        return out
    }

    /// What the SPEC says each rule measures: a fact of the oracle, and the rule's limit.
    static let measures: [String: (fact: String, threshold: String)] = [
        "responsibility-letter": ("totalTce", "1000"), "energy-management": ("totalTce", "1000"),
        "efficiency-benchmarking": ("totalTce", "3000"), "energy-audit": ("totalTce", "5000"),
        "water-intensity": ("waterIntensity", "85"), "intensity-reduction": ("intensityDecline", "0.03"),
    ]

    @Test func oracleAndSamplesAreWhatTheReadmeSays() {
        #expect(oracle.count == 13)
        #expect(expectedRectifications.count == 9)
        #expect(Set(oracle.filter { $0.tier != nil }.map(\.stem)).count == 7)
    }

    @Test func oneRectificationNoticePerFailingEnterpriseYearAndNoneForThoseThatPass() throws {
        let expected = expectedRectifications
        for r in oracle {
            let failing = expected[r.stem] != nil
            #expect(samples.exists(r.stem + ".html") == failing, "\(r.file): html")
            #expect(samples.exists(r.stem + ".docx") == failing, "\(r.file): docx")
        }
        // The samples README: these fail nothing, so they get no rectification notice.
        for passing in ["2011-shaye-building-materials.xml", "2011-xiyu-sunshine.xml", "2011-honglingwa-pv.xml"] {
            let r = try #require(oracle.first { $0.file.hasSuffix(passing) })
            #expect(!samples.exists(r.stem + ".html") && !samples.exists(r.stem + ".docx"), "\(passing)")
            #expect(!samples.index.rows.contains { $0.kind == .rectification && $0.creditCode == r.creditCode })
        }
        let written = samples.files.filter { !$0.contains("-letter") && $0 != "index.html" }
        #expect(written.count == 2 * expected.count, "\(written)")
        #expect(!samples.files.contains { $0.hasPrefix(".") }, "no temporary files are left behind")
    }

    @Test func htmlRectificationNoticesShowEnterpriseFailedRulesAndMeasuredValues() throws {
        for (stem, r) in expectedRectifications {
            let doc = try ParsedDocument.html(try samples.bytes(stem + ".html"))
            let main = try #require(doc.all("main").first)
            #expect(main.attribute("data-credit-code") == r.creditCode)
            #expect(main.attribute("data-year") == "2011")
            #expect(doc.all("p").contains { $0.text == r.name + "：" }, "\(stem): salutation")
            #expect(doc.all("p").contains { $0.text == "统一社会信用代码：" + r.creditCode })
            #expect(doc.all("h1").first?.text == "整改通知书")
            #expect(doc.all("p").first { $0.attribute("class") == "authority" }?.text == "瓜州县工业和信息化局")

            let table = try #require(doc.all("table").first { $0.attribute("class") == "findings" })
            let rows = table.descendants("tr").filter { $0.attribute("data-rule") != nil }
            #expect(Set(rows.compactMap { $0.attribute("data-rule") }) == r.failed, "\(stem)")
            let sections = doc.all("section").filter { $0.attribute("class") == "finding" }
            #expect(Set(sections.compactMap { $0.attribute("data-rule") }) == r.failed, "\(stem)")
            for row in rows {
                let rule = row.attribute("data-rule") ?? ""
                let cells = row.descendants("td")
                let title = try #require(Fixtures.ruleSet.rule(rule)).title.zh
                #expect(cells[1].text == title)
                if let m = Self.measures[rule] {
                    #expect(cells[2].text == r.facts[m.fact], "\(stem) \(rule) measured")
                    #expect(cells[3].text == m.threshold, "\(stem) \(rule) threshold")
                }
            }
            for section in sections {
                let rule = try #require(Fixtures.ruleSet.rule(section.attribute("data-rule") ?? ""))
                let text = section.text
                #expect(text.contains(rule.title.zh))
                #expect(text.contains("“" + rule.citation.quote + "”"), "\(rule.id): the speech is quoted")
                #expect(text.contains(try #require(rule.action?.zh)), "\(rule.id): the required action")
                #expect(text.contains("整改期限："))
            }
        }
    }

    @Test func measuredValuesAreTheOnesTheCheckFound() throws {
        // jinyuan: declared 3318.58 against the computed 3832.899; suoyang: 120 m3 per 10k CNY against 85.
        let jinyuan = try ParsedDocument.html(try samples.bytes("916209222786692277-2011.html"))
        let declared = try #require(jinyuan.root.withAttribute("data-rule", "declared-total").first { $0.name == "tr" })
        #expect(declared.descendants("td").map(\.text)[2...3] == ["3318.58", "3832.899"])
        let suoyang = try #require(oracle.first { $0.file.hasSuffix("suoyang-agri.xml") })
        let doc = try ParsedDocument.html(try samples.bytes(suoyang.stem + ".html"))
        let water = try #require(doc.root.withAttribute("data-rule", "water-intensity").first { $0.name == "tr" })
        #expect(water.descendants("td").map(\.text)[2...3] == ["120", "85"])
        let measure = try #require(doc.all("p").first { $0.attribute("class") == "body measure" })
        #expect(measure.text == "数值对照：实际值120立方米/万元；标准值85立方米/万元")
    }

    @Test func deadlinesCountDaysFromTheDateOfIssue() throws {
        // hongyun fails obsolete-capacity, which notices.yaml gives 90 days: 2012-03-15 + 90 = 2012-06-13.
        let hongyun = try #require(oracle.first { $0.file.hasSuffix("hongyun-mining.xml") })
        let doc = try ParsedDocument.html(try samples.bytes(hongyun.stem + ".html"))
        let row = try #require(doc.root.withAttribute("data-rule", "obsolete-capacity").first { $0.name == "tr" })
        #expect(row.descendants("td").last?.text == "2012年6月13日")
        // tianqi fails energy-audit: the default 30 days.
        let tianqi = try #require(oracle.first { $0.file.hasSuffix("tianqi-smelting.xml") })
        let t = try ParsedDocument.html(try samples.bytes(tianqi.stem + ".html"))
        #expect(t.all("td").contains { $0.text == "2012年4月14日" })
        #expect(t.all("p").contains { $0.text == "2012年3月15日" }, "date of issue under the signature")
    }

    @Test func docxRectificationNoticesCarryTheSameContent() throws {
        for (stem, r) in expectedRectifications {
            let zip = try Unzipped(try samples.bytes(stem + ".docx"))
            let doc = try zip.xml("word/document.xml")
            let paragraphs = NoticeFixtures.paragraphs(doc)
            #expect(paragraphs.contains(r.name + "："), "\(stem)")
            #expect(paragraphs.contains("统一社会信用代码：" + r.creditCode))
            #expect(paragraphs.contains("整改通知书"))
            let table = NoticeFixtures.docxTable(doc, containing: "检查项目")
            #expect(table.first == ["序号", "检查项目", "实际值", "标准值", "整改期限"])
            let body = Array(table.dropFirst())
            let titles = Fixtures.ruleSet.rules.filter { r.failed.contains($0.id) }.map(\.title.zh)
            #expect(body.map { $0[1] } == titles, "\(stem): one row per failed rule, in rule-set order")
            #expect(body.map { $0[0] } == (1...titles.count).map(String.init))
            for row in body {
                let rule = try #require(Fixtures.ruleSet.rules.first { $0.title.zh == row[1] })
                if let m = Self.measures[rule.id] {
                    #expect(row[2] == r.facts[m.fact], "\(stem) \(rule.id)")
                    #expect(row[3] == m.threshold)
                }
                #expect(paragraphs.contains { $0.contains("“" + rule.citation.quote + "”") }, "\(rule.id) quoted")
                #expect(paragraphs.contains("整改要求：" + (rule.action?.zh ?? "")), "\(rule.id) action")
            }
        }
    }

    @Test func letterNoticesGoToEveryEnterpriseAtOrAboveTheFirstTier() throws {
        let expected = Dictionary(oracle.filter { $0.tier != nil }.map { ($0.stem, $0) }, uniquingKeysWith: { a, _ in a })
        for r in oracle {
            #expect(samples.exists(r.stem + "-letter.html") == (r.tier != nil), "\(r.file)")
            #expect(samples.exists(r.stem + "-letter.docx") == (r.tier != nil), "\(r.file)")
        }
        // The resubmitted yatai report and the duplicate are one enterprise-year: one letter notice.
        #expect(!samples.files.contains { $0.contains("-letter-2") })
        for (stem, r) in expected {
            let tier = try #require(r.tier)
            let doc = try ParsedDocument.html(try samples.bytes(stem + "-letter.html"))
            #expect(doc.all("h1").first?.text == "关于签订《节能降耗目标责任书》的通知")
            let intro = try #require(doc.all("p").first { $0.attribute("class") == "body intro" }).text
            #expect(intro.contains("年综合能耗为\(r.facts["totalTce"]!)吨标准煤"), "\(stem): \(intro)")
            #expect(intro.contains("属于\(tier)档"))
            let tiers = doc.all("tr").filter { $0.attribute("data-tier") != nil }
            #expect(tiers.compactMap { $0.attribute("data-tier") } == ["T1", "T2", "T3"])
            #expect(tiers.filter { $0.attribute("class") == "current" }.compactMap { $0.attribute("data-tier") } == [tier])
            // Obligations: the letter rules that apply to this enterprise, met as the oracle says.
            let rows = doc.all("tr").filter { $0.attribute("data-met") != nil }
            let applicable = Fixtures.ruleSet.letterObligations.filter { (r.outcomes[$0] ?? "not-applicable") != "not-applicable" }
            #expect(rows.compactMap { $0.attribute("data-rule") } == applicable, "\(stem)")
            for row in rows {
                let rule = row.attribute("data-rule") ?? ""
                let met = r.outcomes[rule] == "pass"
                #expect(row.attribute("data-met") == String(met), "\(stem) \(rule)")
                #expect(row.descendants("td")[2].text == (met ? "已落实" : "未落实"))
            }
            let zip = try Unzipped(try samples.bytes(stem + "-letter.docx"))
            let docx = try zip.xml("word/document.xml")
            let paragraphs = NoticeFixtures.paragraphs(docx)
            #expect(paragraphs.contains { $0.contains("年综合能耗为\(r.facts["totalTce"]!)吨标准煤") })
            let tierTable = NoticeFixtures.docxTable(docx, containing: "档次")
            #expect(tierTable.dropFirst().map { $0[0] } == ["T1", "T2", "T3"].map { $0 == tier ? $0 + "（你单位）" : $0 })
            let obligations = NoticeFixtures.docxTable(docx, containing: "落实情况")
            #expect(obligations.dropFirst().map { $0[2] } == applicable.map { r.outcomes[$0] == "pass" ? "已落实" : "未落实" })
        }
        // jinyuan has not signed: its letter notice says so.
        let jinyuan = try ParsedDocument.html(try samples.bytes("916209222786692277-2011-letter.html"))
        let letter = try #require(jinyuan.root.withAttribute("data-rule", "responsibility-letter").first)
        #expect(letter.attribute("data-met") == "false")
    }

    @Test func documentNumbersFollowThePatternInOutputOrder() throws {
        let rect = samples.index.rows.filter { $0.kind == .rectification }
        #expect(rect.map(\.number) == (1...9).map { "瓜工信节〔2012〕\($0)号" })
        let letters = samples.index.rows.filter { $0.kind == .letter }
        #expect(letters.map(\.number) == (1...7).map { "瓜工信节责〔2012〕\($0)号" })
        // Output order is the inputs' byte-wise path order: beihewan is the first with a failure.
        #expect(rect.first?.enterpriseName == "瓜州县北河湾石灰厂")
        let doc = try ParsedDocument.html(try samples.bytes(try #require(rect.first?.files[.html])))
        #expect(doc.all("p").first { $0.attribute("class") == "number" }?.text == "瓜工信节〔2012〕1号")
    }

    @Test func indexListsEveryNoticeWithLinksAndTheBatchTotals() throws {
        let doc = try ParsedDocument.html(try samples.bytes("index.html"))
        func count(_ id: String) -> String? { doc.root.withAttribute("id", id).first?.text }
        #expect(count("count-reports") == "29")
        #expect(count("count-checked") == "13")
        #expect(count("count-invalid") == "16")
        #expect(count("count-failed") == "9")
        #expect(count("count-rectification") == "9")
        #expect(count("count-letter") == "7")
        let rows = doc.all("tr").filter { $0.attribute("data-kind") != nil }
        #expect(rows.count == 16)
        let summaries = rows.filter { $0.attribute("data-credit-code") == "916209222786692277" }
            .map { $0.descendants("td").first { $0.attribute("class") == "summary" }?.text ?? "" }
        #expect(summaries == ["折标系数在标准范围内、申报综合能耗与核算值一致、单位增加值能耗同比下降3%、签订年度《节能降耗目标责任书》",
                              "T2档，年综合能耗3832.899吨标准煤"])
        let links = doc.all("a").compactMap { $0.attribute("href") }
        #expect(links.count == 32)
        #expect(Set(links) == Set(samples.files.filter { $0 != "index.html" }))
        let failing = doc.all("tr").filter { $0.attribute("data-rule") != nil }.compactMap { $0.attribute("data-rule") }
        #expect(Set(failing) == Set(oracle.flatMap(\.failed)))
    }

    @Test func docxPackagesAreCompleteOfficeOpenXML() throws {
        let zip = try Unzipped(try samples.bytes("916209222786692277-2011.docx"))
        #expect(zip.names.first == "[Content_Types].xml")
        for name in zip.names { _ = try zip.xml(name) }  // every part is well-formed XML
        let types = try zip.xml("[Content_Types].xml")
        let overrides = types.all("Override").compactMap { $0.attribute("PartName") }
        for part in ["/word/document.xml", "/word/styles.xml", "/word/settings.xml", "/docProps/core.xml"] {
            #expect(overrides.contains(part))
        }
        // Nodes live as long as their document: keep each document in a constant while reading it.
        let rootRels = try zip.xml("_rels/.rels")
        #expect(rootRels.all("Relationship").compactMap { $0.attribute("Target") }.contains("word/document.xml"))
        let documentRels = try zip.xml("word/_rels/document.xml.rels")
        for rel in documentRels.all("Relationship") { #expect(zip.parts["word/" + (rel.attribute("Target") ?? "")] != nil) }

        let styles = try zip.xml("word/styles.xml")
        let ids = Set(styles.all("style").compactMap { $0.attribute("styleId") })
        #expect(ids.isSuperset(of: ["Normal", "Title", "Heading1", "Heading2", "BodyText", "TableText", "NoticeTable"]))
        let fonts = styles.all("rFonts").compactMap { $0.attribute("eastAsia") }
        #expect(fonts.contains("SimSun") && fonts.contains("SimHei"))

        let doc = try zip.xml("word/document.xml")
        let size = try #require(doc.all("pgSz").first)
        #expect(size.attribute("w") == "11906" && size.attribute("h") == "16838")
        let margins = try #require(doc.all("pgMar").first)
        #expect(margins.attribute("top") == "2098" && margins.attribute("left") == "1588")
        let borders = try #require(doc.all("tbl").first?.first("tblBorders"))
        #expect(borders.children.map(\.name) == ["top", "left", "bottom", "right", "insideH", "insideV"])
        #expect(borders.children.allSatisfy { $0.attribute("val") == "single" })
        let usedStyles = Set(doc.all("pStyle").compactMap { $0.attribute("val") })
        #expect(usedStyles.isSubset(of: ids), "every paragraph style used is defined")

        let core = try zip.xml("docProps/core.xml")
        #expect(core.all("created").first?.text == "2012-03-15T00:00:00Z")
        #expect(core.all("title").first?.text == "整改通知书")
        let entries = try ZIPEntryDates(try samples.bytes("916209222786692277-2011.docx"))
        #expect(entries.allSatisfy { $0 == "2012-03-15" }, "ZIP entries are stamped with the date of issue")
    }

    @Test func aSecondRunWithTheSameDateIsByteIdentical() throws {
        let again = NoticeFixtures.temporaryDirectory("notices-again")
        defer { try? FileManager.default.removeItem(at: again) }
        _ = try NoticeFixtures.write([Fixtures.samplesPath], to: again)
        let second = NoticeFixtures.Samples(directory: again, index: NoticeIndex(issueDate: NoticeFixtures.date))
        #expect(second.files == samples.files)
        for name in samples.files {
            #expect(try second.bytes(name) == samples.bytes(name), "\(name) differs between runs")
        }
    }
}

/// The date (UTC, YYYY-MM-DD) of every entry of a ZIP archive, from its central directory.
func ZIPEntryDates(_ bytes: [UInt8]) throws -> [String] {
    var dates: [String] = []
    var i = 0
    while i + 46 <= bytes.count {
        // Central directory file header: signature 0x02014b50, DOS date at offset 14.
        if bytes[i] == 0x50, bytes[i + 1] == 0x4B, bytes[i + 2] == 0x01, bytes[i + 3] == 0x02 {
            let dos = Int(bytes[i + 14]) | Int(bytes[i + 15]) << 8
            dates.append(String(format: "%04d-%02d-%02d", 1980 + (dos >> 9), (dos >> 5) & 15, dos & 31))
            let nameLength = Int(bytes[i + 28]) | Int(bytes[i + 29]) << 8
            let extra = Int(bytes[i + 30]) | Int(bytes[i + 31]) << 8
            let comment = Int(bytes[i + 32]) | Int(bytes[i + 33]) << 8
            i += 46 + nameLength + extra + comment
        } else {
            i += 1
        }
    }
    return dates
}
