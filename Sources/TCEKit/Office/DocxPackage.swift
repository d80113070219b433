/// A WordprocessingML document (.docx): the body and styles come from templates, the
/// package around them (content types, relationships, settings, fonts, footer, theme, properties)
/// from here. Entry order and dates are fixed, so equal input gives equal bytes.
public struct DocxPackage: Sendable {
    /// `word/document.xml`; its `w:sectPr` may refer to the page-number footer as `rIdFooter`.
    public var document: String
    /// `word/styles.xml`.
    public var styles: String
    public var title: String
    public var creator: String
    /// Written as the document's creation date and the ZIP entries' dates.
    public var created: CivilDate

    public init(document: String, styles: String, title: String, creator: String, created: CivilDate) {
        self.document = document
        self.styles = styles
        self.title = title
        self.creator = creator
        self.created = created
    }

    public func bytes() throws -> [UInt8] {
        var zip = ZipPackage(modified: created.utcDate)
        zip.add("[Content_Types].xml", Self.contentTypes)
        zip.add("_rels/.rels", Self.rootRelationships)
        zip.add("docProps/core.xml", core)
        zip.add("docProps/app.xml", Self.app)
        zip.add("word/document.xml", document)
        zip.add("word/styles.xml", styles)
        zip.add("word/settings.xml", Self.settings)
        zip.add("word/fontTable.xml", Self.fontTable)
        zip.add("word/footer1.xml", Self.footer)
        zip.add("word/theme/theme1.xml", OfficeTheme.xml)
        zip.add("word/_rels/document.xml.rels", Self.documentRelationships)
        return try zip.bytes()
    }

    static let declaration = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
    static let main = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

    private var core: String {
        let date = created.iso + "T00:00:00Z"
        return Self.declaration + """
            <cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" \
            xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" \
            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\
            <dc:title>\(XMLText.escape(title))</dc:title><dc:creator>\(XMLText.escape(creator))</dc:creator>\
            <dc:language>zh-CN</dc:language>\
            <dcterms:created xsi:type="dcterms:W3CDTF">\(date)</dcterms:created>\
            <dcterms:modified xsi:type="dcterms:W3CDTF">\(date)</dcterms:modified>\
            </cp:coreProperties>
            """
    }

    static let contentTypes = declaration + """
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
        <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
        <Default Extension="xml" ContentType="application/xml"/>\
        <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>\
        <Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>\
        <Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>\
        <Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>\
        <Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>\
        <Override PartName="/word/theme/theme1.xml" ContentType="\(OfficeTheme.contentType)"/>\
        <Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>\
        <Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>\
        </Types>
        """

    static let rootRelationships = declaration + """
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>\
        <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>\
        <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>\
        </Relationships>
        """

    static let documentRelationships = declaration + """
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
        <Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>\
        <Relationship Id="rIdFontTable" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/>\
        <Relationship Id="rIdFooter" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>\
        <Relationship Id="rIdTheme" Type="\(OfficeTheme.relationshipType)" Target="theme/theme1.xml"/>\
        </Relationships>
        """

    static let app = declaration + """
        <Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">\
        <Application>tce</Application></Properties>
        """

    static let settings = declaration + """
        <w:settings xmlns:w="\(main)">\
        <w:zoom w:percent="100"/>\
        <w:defaultTabStop w:val="420"/>\
        <w:characterSpacingControl w:val="compressPunctuation"/>\
        <w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>\
        <w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/>\
        <w:decimalSymbol w:val="."/>\
        <w:listSeparator w:val=","/>\
        </w:settings>
        """

    static let fontTable = declaration + """
        <w:fonts xmlns:w="\(main)">\
        <w:font w:name="Times New Roman"><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>\
        <w:font w:name="SimSun"><w:altName w:val="宋体"/><w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>\
        <w:font w:name="SimHei"><w:altName w:val="黑体"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>\
        <w:font w:name="FangSong"><w:altName w:val="仿宋"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>\
        </w:fonts>
        """

    /// Centred page number, "— 1 —" as Chinese official documents number their pages.
    static let footer = declaration + """
        <w:ftr xmlns:w="\(main)">\
        <w:p><w:pPr><w:jc w:val="center"/></w:pPr>\
        <w:r><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="SimSun"/><w:sz w:val="28"/></w:rPr><w:t xml:space="preserve">— </w:t></w:r>\
        <w:r><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="SimSun"/><w:sz w:val="28"/></w:rPr><w:fldChar w:fldCharType="begin"/></w:r>\
        <w:r><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="SimSun"/><w:sz w:val="28"/></w:rPr><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>\
        <w:r><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="SimSun"/><w:sz w:val="28"/></w:rPr><w:fldChar w:fldCharType="separate"/></w:r>\
        <w:r><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="SimSun"/><w:sz w:val="28"/></w:rPr><w:t>1</w:t></w:r>\
        <w:r><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="SimSun"/><w:sz w:val="28"/></w:rPr><w:fldChar w:fldCharType="end"/></w:r>\
        <w:r><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="SimSun"/><w:sz w:val="28"/></w:rPr><w:t xml:space="preserve"> —</w:t></w:r>\
        </w:p></w:ftr>
        """
}
