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
}
