import Testing
@testable import TCEKit

@Suite struct XMLDeclarationTests {
    func declaration(_ bytes: [UInt8]) -> XMLDeclaration {
        bytes.withUnsafeBytes { XMLDeclaration($0) }
    }

    @Test func readsMarkAndDeclaredEncoding() {
        let plain = declaration(Array("<?xml version=\"1.0\" encoding='gb18030' standalone=\"yes\"?><r/>".utf8))
        #expect(plain.mark == .none)
        #expect(plain.encoding?.name == "gb18030")
        #expect(plain.encoding?.column == 31)
        #expect(plain.problem == nil)
        #expect(declaration(Array("<r/>".utf8)).encoding == nil)
        #expect(declaration(Array("<?xml version=\"1.0\"?><r/>".utf8)).problem == nil)
        #expect(declaration([0xEF, 0xBB, 0xBF] + Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?>".utf8)).problem == nil)
        #expect(declaration([0xFE, 0xFF, 0x00, 0x3C]).mark == .utf16)
        #expect(declaration([0x00, 0x00, 0xFE, 0xFF]).mark == .utf32)
    }

    @Test func refusesWhatIsNotAReportEncoding() {
        let latin = declaration(Array("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>".utf8)).problem
        #expect(latin?.message.hasPrefix("encoding \"ISO-8859-1\" is not accepted") == true)
        let mismatch = declaration([0xEF, 0xBB, 0xBF] + Array("<?xml version=\"1.0\" encoding=\"GBK\"?>".utf8)).problem
        #expect(mismatch?.message.contains("byte-order mark") == true)
        #expect(declaration([0xFF, 0xFE, 0x3C, 0x00]).problem?.message.hasPrefix("the file is encoded in UTF-16") == true)
        #expect(declaration([0x3C, 0x00, 0x3F, 0x00]).problem != nil)  // UTF-16 without a mark
    }

    /// The usual declarations are recognised whole: the same mark, name and column as the general
    /// reading gives for the same declaration written a little differently.
    @Test func theUsualDeclarationsReadAsAnyOther() {
        for name in ["UTF-8", "GB18030"] {
            let usual = declaration(Array("<?xml version=\"1.0\" encoding=\"\(name)\"?>\n<r/>".utf8))
            let general = declaration(Array("<?xml version=\"1.0\" encoding=\"\(name)\" ?>\n<r/>".utf8))
            #expect(usual.mark == general.mark && usual.mark == .none)
            #expect(usual.encoding?.name == name && general.encoding?.name == name)
            #expect(usual.encoding?.column == general.encoding?.column)
            #expect(usual.problem == nil && general.problem == nil)
        }
        // Names written otherwise still go through the general check.
        #expect(declaration(Array("<?xml version=\"1.0\" encoding=\"utf-8\"?>".utf8)).problem == nil)
        #expect(declaration(Array("<?xml version=\"1.0\" encoding=\"gbk\"?>".utf8)).problem == nil)
        #expect(declaration(Array("<?xml version=\"1.0\" encoding=\"UTF-16\"?>".utf8)).problem != nil)
        let marked = declaration([0xEF, 0xBB, 0xBF] + Array("<?xml version=\"1.0\" encoding=\"GB18030\"?>".utf8))
        #expect(marked.mark == .utf8 && marked.problem?.message.contains("byte-order mark") == true)
    }

    /// `<!DOCTYPE` is found by its `!`: wherever it stands, whatever `!` come before it.
    @Test func findsADoctypeAmongOtherExclamationMarks() {
        func find(_ text: String) -> (line: Int, column: Int)? {
            Array(text.utf8).withUnsafeBytes { HardenedXML.findDoctype($0) }
        }
        #expect(find("<!DOCTYPE r><r/>").map { [$0.line, $0.column] } == [1, 1])
        #expect(find("<?xml version=\"1.0\"?>\n<!-- 注释! -->\n!<! DOCTYPE>\n  <!DOCTYPE r>").map { [$0.line, $0.column] } == [4, 3])
        #expect(find("<r>!!!</r>") == nil)
        #expect(find("<r>text <!DOCTYP</r>") == nil)
        #expect(find("!DOCTYPE <r/>") == nil)
        #expect(find("") == nil && find("!") == nil && find("<!DOCTYPE") != nil)
    }
}
