import Foundation
import Testing
@testable import TCEKit

/// What the streaming parse reads: comments' text taken out when (and only when) libxml2 would
/// accept it, line breaks kept, a comment appended. Each case is also run through both paths,
/// which must agree on the verdict and on the tree, line numbers included.
@Suite struct FastPathInputTests {
    static let long = "企业能源消费年报 annual energy report; 填报单位: 瓜州县测试公司"

    static func prepared(_ xml: String) -> String {
        let bytes = Array(xml.utf8)
        return bytes.withUnsafeBytes { raw in
            let input = FastPathInput(raw)!
            return String(decoding: input.buffer, as: UTF8.self)
        }
    }

    static func report(comment: String) -> String {
        Fixtures.report().replacingOccurrences(of: "<Enterprise>", with: "<!--\(comment)--><Enterprise>")
    }

    @Test func aWellFormedCommentLosesItsTextButNotItsLineBreaks() throws {
        let xml = Self.report(comment: " \(Self.long)\n第二行 second line\r\n third ")
        let prepared = Self.prepared(xml)
        #expect(prepared.contains("<!--\n\r\n--><Enterprise>"))
        #expect(!prepared.contains("第二行"))
        #expect(prepared.hasSuffix(String(decoding: FastPathInput.trailer, as: UTF8.self)))
        #expect(prepared.utf8.count - FastPathInput.trailer.count < xml.utf8.count - Self.long.utf8.count)
        let tree = try #require(StreamingValidationTests.expectAgreement(Array(xml.utf8), "comment"))
        // Two line breaks in the comment: the name moves from line 4 to line 6, on both paths.
        #expect(tree.root?.child("Enterprise")?.child("Name")?.line == 6)
    }

    @Test(arguments: [
        ("a double hyphen", " \(long) -- more "),
        ("a hyphen at the end", " \(long) -"),
        ("a hyphen at the start", "- \(long) "),
        ("a control character", " \(long) \u{01} "),
        ("a short comment", " short "),
    ])
    func aCommentLibxml2WouldRefuseOrNotWorthIsLeftAsItIs(what: String, comment: String) {
        let xml = Self.report(comment: comment)
        #expect(Self.prepared(xml).contains("<!--\(comment)-->"), "\(what)")
        StreamingValidationTests.expectAgreement(Array(xml.utf8), what)
    }

    @Test(arguments: [
        ("a lone continuation byte", [0x80]), ("an overlong form", [0xC0, 0x80]), ("a surrogate", [0xED, 0xA0, 0x80]),
        ("U+FFFE", [0xEF, 0xBF, 0xBE]), ("U+FFFF", [0xEF, 0xBF, 0xBF]), ("beyond U+10FFFF", [0xF4, 0x90, 0x80, 0x80]),
        ("a truncated character", [0xE4, 0xB8]), ("a byte UTF-8 never uses", [0xFF]),
    ] as [(String, [UInt8])])
    func aCommentWithBytesThatAreNotXMLCharactersIsLeftForLibxml2ToRefuse(what: String, bad: [UInt8]) {
        let text = Array(" \(Self.long) ".utf8)
        let xml = Array(Self.report(comment: "@").utf8)
        let at = xml.firstIndex(of: UInt8(ascii: "@"))!
        let bytes = Array(xml[..<at]) + text + bad + text + Array(xml[(at + 1)...])
        #expect(!FastPathInput.isWellFormedCommentText(text + bad + text, what))
        bytes.withUnsafeBytes { raw in
            let input = FastPathInput(raw)!
            #expect(input.count == raw.count + FastPathInput.trailer.count, "\(what): the comment was shortened")
        }
        #expect(StreamingValidationTests.expectAgreement(bytes, what) == nil, "\(what)")
    }

    /// Plain ASCII is read eight bytes at a time and CJK three: a fault is found wherever it
    /// falls against those steps.
    @Test(arguments: 0..<17)
    func faultsAreFoundAtEveryOffset(offset: Int) {
        let ascii = String(repeating: "a", count: offset), cjk = String(repeating: "中", count: offset)
        for (text, good) in [(ascii + "--" + ascii + "b", false), (ascii + "\u{1}" + ascii, false), (ascii + "\t" + ascii + "b", true),
                             (ascii + "é-" + ascii + "b", true), (cjk + "--" + cjk, false), (cjk + "中" + cjk, true)] {
            #expect(FastPathInput.isWellFormedCommentText(Array(text.utf8), text) == good, "\(text)")
        }
        var broken = Array((cjk + "中" + cjk).utf8)
        broken[3 * offset + 2] = 0x41  // the last byte of the middle character is no continuation byte
        #expect(!FastPathInput.isWellFormedCommentText(broken, "broken"))
        #expect(!FastPathInput.isWellFormedCommentText(Array((ascii + "\u{FFFE}" + ascii).utf8), "U+FFFE"))
    }

    @Test func goodCharactersOfEveryLengthPass() {
        #expect(FastPathInput.isWellFormedCommentText(Array("a\tb\nc\rd é 中 😀 \u{FFFD} \u{E000} \u{10FFFF}".utf8), "good"))
    }

    @Test(arguments: [
        ("comment-like text in CDATA", Fixtures.report(name: "<![CDATA[<!--\(long)-->]]>公司")),
        ("comment-like text in an instruction", report(comment: "x").replacingOccurrences(of: "<!--x-->", with: "<?pi <!--\(long)--> ?>")),
        ("comment-like text in an attribute", Fixtures.report().replacingOccurrences(of: #"unit="t""#, with: #"unit="<!--\#(long)-->""#)),
        ("an unterminated comment", Fixtures.report().replacingOccurrences(of: "</EnergyReport>", with: "</EnergyReport><!-- \(long)")),
        ("a comment before the declaration", "<!-- \(long) -->" + Fixtures.report()),
        ("a comment in a leaf", Fixtures.report(name: "瓜州<!-- \(long) -->公司")),
        ("comments everywhere", Fixtures.report().replacingOccurrences(of: ">\n", with: "><!-- \(long)\n -->\n")),
        ("! and ? in text and attributes", Fixtures.report(name: "瓜州! 公司? <!-- \(long) --> a!b?c")
            .replacingOccurrences(of: #"unit="t""#, with: #"unit="t" note="?!""#)),
        ("a comment holding <?", report(comment: " <?pi \(long) ")),
        ("an instruction after a comment", report(comment: " \(long) ").replacingOccurrences(of: "<Enterprise>", with: "<?pi x?><Enterprise>")),
        ("<! that opens nothing", report(comment: " \(long) ").replacingOccurrences(of: "<Enterprise>", with: "<!x <!-- \(long) --><Enterprise>")),
    ])
    func commentsInAwkwardPlacesGetTheSameVerdictAndTreeOnBothPaths(what: String, xml: String) {
        StreamingValidationTests.expectAgreement(Array(xml.utf8), what)
    }

    @Test func gbEncodedReportsAreCopiedUnchanged() throws {
        let bytes = StreamingValidationTests.file(Fixtures.samplesPath + "/2011-mofeng-cement.xml")
        #expect(bytes.count > 0)
        bytes.withUnsafeBytes { raw in
            let input = FastPathInput(raw)!
            #expect(input.count == raw.count + FastPathInput.trailer.count)
            #expect(memcmp(input.base, raw.baseAddress!, raw.count) == 0)
        }
    }
}

extension FastPathInput {
    static func isWellFormedCommentText(_ bytes: [UInt8], _ what: String) -> Bool {
        bytes.withUnsafeBytes { isWellFormedCommentText($0.baseAddress!, $0.count) }
    }
}
