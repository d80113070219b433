/// The responsibility-letter list as an XLSX workbook: the CSV's rows and columns, with
/// year, total_tce and energy_intensity stored as numbers; letter_signed is true/false text as in
/// the CSV (LibreOffice and WPS show boolean cells as 1/0).
extension LetterList {
    public static let sheetName = "letters"

    public func xlsx() throws -> [UInt8] {
        var book = XLSXWorkbook(sheetName: Self.sheetName, header: Self.columns)
        for r in sortedRows {
            book.append([
                .text(r.creditCode), .text(r.name), .number(String(r.year)), .number(r.totalTce.formatted()),
                .text(r.tier), r.letterSigned.map { .text($0 ? "true" : "false") } ?? .empty,
                r.industryCode.map(XLSXWorkbook.Cell.text) ?? .empty, r.industry.map(XLSXWorkbook.Cell.text) ?? .empty,
                r.energyIntensity.map { .number($0.formatted()) } ?? .empty,
                .text(r.obligations.joined(separator: " ")), .text(r.unmet.joined(separator: " ")), .text(r.file),
            ])
        }
        return try book.bytes()
    }
}
