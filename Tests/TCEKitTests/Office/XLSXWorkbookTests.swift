import Foundation
import Testing
@testable import TCEKit

/// The letter list as a workbook, unzipped and read back as a spreadsheet program would.
@Suite struct XLSXWorkbookTests {
    static func samplesList() -> LetterList {
        var list = LetterList(ruleSet: Fixtures.ruleSet)
        BatchRunner(checker: Fixtures.checker).run(InputCollector.collect([Fixtures.samplesPath]), render: { _ in () }) { r, _ in
            list.add(r)
        }
        return list
    }

    /// Cells of the sheet by reference (A1…), resolved through the shared strings.
    struct Sheet {
        let zip: Unzipped
        let sheet: ParsedDocument
        let strings: [String]
        let styles: ParsedDocument

        init(_ bytes: [UInt8]) throws {
            zip = try Unzipped(bytes)
            sheet = try zip.xml("xl/worksheets/sheet1.xml")
            let shared = try zip.xml("xl/sharedStrings.xml")
            strings = shared.all("si").map(\.text)
            styles = try zip.xml("xl/styles.xml")
        }

        func cell(_ ref: String) -> ParsedDocument.Node? {
            sheet.all("c").first { $0.attribute("r") == ref }
        }

        /// (type, text): "s" cells give their shared string, others their value as written.
        func value(_ ref: String) -> (type: String, text: String)? {
            guard let c = cell(ref) else { return nil }
            let v = c.first("v")?.text ?? ""
            let type = c.attribute("t") ?? "n"
            return (type, type == "s" ? strings[Int(v) ?? 0] : v)
        }
    }

    @Test func letterListWorkbookHoldsTheCSVRowsWithNumbersAsNumbers() throws {
        let list = Self.samplesList()
        let sheet = try Sheet(try list.xlsx())
        #expect(sheet.zip.names.first == "[Content_Types].xml")
        for name in sheet.zip.names { _ = try sheet.zip.xml(name) }
        let rows = sheet.sheet.all("row")
        #expect(rows.count == 9)  // header + the 8 reports at or above T1
        #expect((0..<LetterList.columns.count).map { sheet.value(XLSXWorkbook.column($0) + "1")?.text } == LetterList.columns)
        // Oracle order and values, as in the CSV test: mofeng 14202.942 T3 first, shaye 1316.3452 T1 last.
        #expect(sheet.value("A2")?.text == "91620922638072396U")
        #expect(sheet.value("B2")! == ("s", "瓜州县漠风水泥有限责任公司"))
        #expect(sheet.value("C2")! == ("n", "2011"))
        #expect(sheet.value("D2")! == ("n", "14202.942"))
        #expect(sheet.value("E2")! == ("s", "T3"))
        #expect(sheet.value("I2")! == ("n", "1.10960484375"), "a terminating intensity is exact")
        #expect(sheet.value("D9")! == ("n", "1316.3452"))
        let totals = (2...9).map { sheet.value("D\($0)")?.text }
        #expect(totals == ["14202.942", "9367.9045", "7188.22", "3832.899", "3496.054", "3496.054", "2321.6225", "1316.3452"])
        #expect((2...9).allSatisfy { sheet.cell("D\($0)")?.attribute("t") == nil && sheet.cell("C\($0)")?.attribute("t") == nil })
        #expect(sheet.value("F5")?.text == "false", "jinyuan has not signed")
        // The same text as the CSV, cell for cell.
        let csv = list.csv().dropFirst().split(separator: "\r\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        for (r, fields) in csv.enumerated() {
            for (c, field) in fields.enumerated() {
                #expect((sheet.value(XLSXWorkbook.column(c) + String(r + 2))?.text ?? "") == field, "row \(r + 2) column \(c)")
            }
        }
    }

    @Test func headerIsStyledFrozenAndColumnsAreSized() throws {
        let sheet = try Sheet(try Self.samplesList().xlsx())
        let pane = try #require(sheet.sheet.all("pane").first)
        #expect(pane.attribute("ySplit") == "1" && pane.attribute("state") == "frozen" && pane.attribute("topLeftCell") == "A2")
        // Header cells use style 1: bold font, solid fill.
        #expect((0..<12).allSatisfy { sheet.cell(XLSXWorkbook.column($0) + "1")?.attribute("s") == "1" })
        let xfs = try #require(sheet.styles.all("cellXfs").first).children
        let header = xfs[1]
        let font = sheet.styles.all("font")[Int(header.attribute("fontId") ?? "0")!]
        #expect(font.first("b") != nil)
        let fill = sheet.styles.all("fill")[Int(header.attribute("fillId") ?? "0")!]
        #expect(fill.first("patternFill")?.attribute("patternType") == "solid")
        let widths = sheet.sheet.all("col").map { Double($0.attribute("width") ?? "0") ?? 0 }
        #expect(widths.count == 12)
        #expect(widths.allSatisfy { $0 >= 8 && $0 <= 60 })
        #expect(widths[1] > widths[4], "names are wider than tiers")
        #expect(widths[1] >= 30, "a 14-character Chinese name needs about 30 character widths")
        #expect(sheet.sheet.all("autoFilter").first?.attribute("ref") == "A1:L9")
    }

    @Test func workbookBytesAreDeterministic() throws {
        let list = Self.samplesList()
        #expect(try list.xlsx() == list.xlsx())
        #expect(try ZIPEntryDates(list.xlsx()).allSatisfy { $0 == "1980-01-01" })
    }

    @Test func cellsAreEscapedAndNonNumbersStayText() throws {
        var book = XLSXWorkbook(sheetName: "a/b:c", header: ["x", "y"])
        book.append([.text(#"<b>&"'"#), .number("1e5")])
        book.append([.empty, .number("-18.435")])
        let sheet = try Sheet(try book.bytes())
        #expect(sheet.value("A2")! == ("s", #"<b>&"'"#))
        #expect(sheet.value("B2")! == ("s", "1e5"), "not decimal text: kept as text")
        #expect(sheet.value("B3")! == ("n", "-18.435"))
        #expect(sheet.cell("A3") == nil)
        let workbook = try sheet.zip.xml("xl/workbook.xml")
        #expect(workbook.all("sheet").first?.attribute("name") == "abc")
        #expect(XLSXWorkbook.column(0) == "A" && XLSXWorkbook.column(25) == "Z" && XLSXWorkbook.column(26) == "AA")
        #expect(XLSXWorkbook.isNumber("0.5") && XLSXWorkbook.isNumber("-3") && !XLSXWorkbook.isNumber("1.") && !XLSXWorkbook.isNumber(".5") && !XLSXWorkbook.isNumber("1,000"))
    }
}
