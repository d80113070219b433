/// A one-sheet Office Open XML workbook: a styled, frozen header row, then rows of cells.
/// Numbers are stored as numbers, written as exact decimal text; strings are shared.
public struct XLSXWorkbook: Sendable {
    public enum Cell: Sendable, Equatable {
        case text(String)
        /// Decimal text as tce writes numbers (digits, optional sign and point): stored as a number.
        case number(String)
        case bool(Bool)
        case empty
    }

    public var sheetName: String
    public var header: [String]
    public private(set) var rows: [[Cell]] = []

    public init(sheetName: String, header: [String]) {
        self.sheetName = sheetName
        self.header = header
    }

    public mutating func append(_ row: [Cell]) {
        rows.append(row)
    }

    /// The workbook's bytes; the same rows always give the same bytes.
    public func bytes() throws -> [UInt8] {
        var strings = SharedStrings()
        let sheet = sheetXML(&strings)
        var zip = ZipPackage()
        zip.add("[Content_Types].xml", Self.contentTypes)
        zip.add("_rels/.rels", Self.rootRelationships)
        zip.add("docProps/app.xml", Self.app)
        zip.add("xl/workbook.xml", workbookXML)
        zip.add("xl/_rels/workbook.xml.rels", Self.workbookRelationships)
        zip.add("xl/styles.xml", Self.styles)
        zip.add("xl/theme/theme1.xml", OfficeTheme.xml)
        zip.add("xl/sharedStrings.xml", strings.xml)
        zip.add("xl/worksheets/sheet1.xml", sheet)
        return try zip.bytes()
    }

    // MARK: Parts

    /// Excel's sheet-name rules: at most 31 characters, none of : \ / ? * [ ].
    var safeSheetName: String {
        let cleaned = String(XMLText.clean(sheetName).filter { !":\\/?*[]".contains($0) }.prefix(31))
        return cleaned.isEmpty ? "Sheet1" : cleaned
    }

    var lastCell: String {
        Self.column(max(header.count, 1) - 1) + String(rows.count + 1)
    }

    private var workbookXML: String {
        let name = XMLText.escape(safeSheetName)
        let quoted = "'" + safeSheetName.replacingOccurrences(of: "'", with: "''") + "'"
        let range = XMLText.escape(quoted) + "!$A$1:$" + Self.column(max(header.count, 1) - 1) + "$" + String(rows.count + 1)
        return Self.declaration + """
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
            xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
            <bookViews><workbookView activeTab="0"/></bookViews>\
            <sheets><sheet name="\(name)" sheetId="1" r:id="rId1"/></sheets>\
            <definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">\(range)</definedName></definedNames>\
            </workbook>
            """
    }

    private func sheetXML(_ strings: inout SharedStrings) -> String {
        var out = Self.declaration
        out += #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#
        out += #"<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>"#
        out += #"<dimension ref="A1:\#(lastCell)"/>"#
        out += #"<sheetViews><sheetView tabSelected="1" workbookViewId="0">"#
        out += #"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#
        out += #"<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>"#
        out += #"<sheetFormatPr defaultRowHeight="15"/>"#
        out += "<cols>"
        for (i, width) in columnWidths.enumerated() {
            out += #"<col min="\#(i + 1)" max="\#(i + 1)" width="\#(width)" customWidth="1"/>"#
        }
        out += "</cols><sheetData>"
        out += #"<row r="1">"#
        for (i, title) in header.enumerated() {
            out += #"<c r="\#(Self.column(i))1" s="1" t="s"><v>\#(strings.index(title))</v></c>"#
        }
        out += "</row>"
        for (r, row) in rows.enumerated() {
            let rowNumber = String(r + 2)
            out += #"<row r="\#(rowNumber)">"#
            for (i, cell) in row.enumerated() {
                let ref = Self.column(i) + rowNumber
                switch cell {
                case .text(let s) where s.isEmpty: break
                case .text(let s): out += #"<c r="\#(ref)" t="s"><v>\#(strings.index(s))</v></c>"#
                case .number(let n) where Self.isNumber(n): out += #"<c r="\#(ref)" s="2"><v>\#(n)</v></c>"#
                case .number(let s): out += #"<c r="\#(ref)" t="s"><v>\#(strings.index(s))</v></c>"#
                case .bool(let b): out += #"<c r="\#(ref)" t="b"><v>\#(b ? 1 : 0)</v></c>"#
                case .empty: break
                }
            }
            out += "</row>"
        }
        out += "</sheetData>"
        out += #"<autoFilter ref="A1:\#(lastCell)"/>"#
        out += #"<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>"#
        out += #"<pageSetup paperSize="9" fitToWidth="1" fitToHeight="0" orientation="landscape"/>"#
        out += "</worksheet>"
        return out
    }

    /// Widths in characters from the longest text in each column (CJK counts double), within limits.
    var columnWidths: [Int] {
        header.indices.map { i in
            var widest = Self.displayWidth(header[i]) + 3  // room for the filter button
            for row in rows where i < row.count {
                let text: String
                switch row[i] {
                case .text(let s), .number(let s): text = s
                case .bool(let b): text = b ? "TRUE" : "FALSE"
                case .empty: text = ""
                }
                widest = max(widest, Self.displayWidth(text))
            }
            return min(max(widest + 2, 8), 60)
        }
    }

    static func displayWidth(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x1100 && ($1.properties.isIdeographic || (0xFF00...0xFFEF).contains($1.value) || (0x3000...0x303F).contains($1.value)) ? 2 : 1) }
    }

    /// True for decimal text a spreadsheet reads as a number: an optional minus, digits, an optional fraction.
    static func isNumber(_ s: String) -> Bool {
        var digits = s.utf8[...]
        if digits.first == UInt8(ascii: "-") { digits = digits.dropFirst() }
        let parts = digits.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count <= 2 else { return false }
        return parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") } }
    }

    /// Column letters: 0 → A, 25 → Z, 26 → AA.
    static func column(_ index: Int) -> String {
        var n = index + 1
        var letters = ""
        while n > 0 {
            let r = (n - 1) % 26
            letters = String(UnicodeScalar(UInt8(65 + r))) + letters
            n = (n - 1) / 26
        }
        return letters
    }

    /// The shared-string table, filled in first-use order.
    struct SharedStrings {
        private var indices: [String: Int] = [:]
        private var list: [String] = []
        private var uses = 0

        mutating func index(_ s: String) -> Int {
            uses += 1
            if let i = indices[s] { return i }
            indices[s] = list.count
            list.append(s)
            return list.count - 1
        }

        var xml: String {
            var out = XLSXWorkbook.declaration
            out += #"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="\#(uses)" uniqueCount="\#(list.count)">"#
            for s in list {
                let space = s.first?.isWhitespace == true || s.last?.isWhitespace == true ? #" xml:space="preserve""# : ""
                out += "<si><t\(space)>" + XMLText.escape(s) + "</t></si>"
            }
            return out + "</sst>"
        }
    }

    // MARK: Fixed parts

    static let declaration = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"

    static let contentTypes = declaration + """
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
        <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
        <Default Extension="xml" ContentType="application/xml"/>\
        <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
        <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
        <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
        <Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>\
        <Override PartName="/xl/theme/theme1.xml" ContentType="\(OfficeTheme.contentType)"/>\
        <Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>\
        </Types>
        """

    static let rootRelationships = declaration + """
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
        <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>\
        </Relationships>
        """

    static let app = declaration + """
        <Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">\
        <Application>tce</Application></Properties>
        """

    static let workbookRelationships = declaration + """
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>\
        <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
        <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>\
        <Relationship Id="rId4" Type="\(OfficeTheme.relationshipType)" Target="theme/theme1.xml"/>\
        </Relationships>
        """

    /// Style 0: normal; 1: header (bold, filled, bordered, centred); 2: numbers (General, right-aligned by Excel).
    static let styles = declaration + """
        <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
        <fonts count="2">\
        <font><sz val="11"/><name val="Calibri"/><family val="2"/></font>\
        <font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>\
        </fonts>\
        <fills count="3">\
        <fill><patternFill patternType="none"/></fill>\
        <fill><patternFill patternType="gray125"/></fill>\
        <fill><patternFill patternType="solid"><fgColor rgb="FFD9E1F2"/><bgColor indexed="64"/></patternFill></fill>\
        </fills>\
        <borders count="2">\
        <border><left/><right/><top/><bottom/><diagonal/></border>\
        <border><left/><right/><top/><bottom style="thin"><color auto="1"/></bottom><diagonal/></border>\
        </borders>\
        <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
        <cellXfs count="3">\
        <xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
        <xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1">\
        <alignment horizontal="center" vertical="center"/></xf>\
        <xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
        </cellXfs>\
        <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>\
        </styleSheet>
        """
}
