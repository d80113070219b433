import Foundation
import Testing
@testable import TCEKit

/// The hostile-XML suite at small sizes (scripts/hostile-xml.py runs it at full size and
/// measures time and memory): each case is invalid, says why with a line, finishes quickly,
/// and never shows anything from outside the file.
@Suite struct HostileXMLTests {
    static let secretPath: String = {
        // Its own name: ReportLoaderTests writes and removes a secret of its own meanwhile.
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tce-hostile-secret-\(getpid()).txt")
        try? "TCE-SECRET-TOKEN\nroot:x:0:0\n".write(to: url, atomically: true, encoding: .utf8)
        TemporaryFiles.removeAtExit(url)
        return url.path
    }()

    static func report(name: String = "瓜州县测试公司", extra: String = "") -> String {
        Fixtures.report(name: name, equipment: extra)
    }

    static func withDoctype(_ doctype: String, name: String = "瓜州县测试公司") -> String {
        report(name: name).replacingOccurrences(of: "<EnergyReport", with: doctype + "\n<EnergyReport")
    }

    static let cases: [(String, [UInt8])] = {
        let s = secretPath
        let laughs = (1...9).map { i in "<!ENTITY l\(i) \"" + String(repeating: "&l\(i - 1);", count: 10) + "\">" }.joined()
        var c: [(String, [UInt8])] = [
            ("xxe file", withDoctype("<!DOCTYPE EnergyReport [<!ENTITY x SYSTEM \"file://\(s)\">]>", name: "&x;")),
            ("xxe http", withDoctype("<!DOCTYPE EnergyReport [<!ENTITY x SYSTEM \"http://127.0.0.1:9/x\">]>", name: "&x;")),
            ("parameter entity", withDoctype("<!DOCTYPE EnergyReport [<!ENTITY % p SYSTEM \"file://\(s)\"> %p;]>")),
            ("external dtd", withDoctype("<!DOCTYPE EnergyReport SYSTEM \"file://\(s)\">")),
            ("billion laughs", withDoctype("<!DOCTYPE EnergyReport [<!ENTITY l0 \"lol\">\(laughs)]>", name: "&l9;")),
            ("quadratic blowup", withDoctype("<!DOCTYPE EnergyReport [<!ENTITY a \"\(String(repeating: "A", count: 5000))\">]>",
                                             name: String(repeating: "&a;", count: 2000))),
            ("xinclude", report(extra: "<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"file://\(s)\" parse=\"text\"/>")),
            ("nesting 1000 deep", report(extra: String(repeating: "<a>", count: 1000) + String(repeating: "</a>", count: 1000))),
            ("nesting of known names", report(extra: String(repeating: "<Equipment>", count: 1000) + String(repeating: "</Equipment>", count: 1000))),
            ("attribute of 200 KB", report().replacingOccurrences(of: "version=\"1\"", with: "version=\"" + String(repeating: "1", count: 200_000) + "\"")),
            ("300 attributes", report().replacingOccurrences(of: "version=\"1\"", with: "version=\"1\" " + (0..<300).map { "a\($0)=\"x\"" }.joined(separator: " "))),
            ("encoding libxml2 does not know", report().replacingOccurrences(of: "encoding=\"UTF-8\"", with: "encoding=\"KOI8-Z\"")),
            ("encoding outside the format", report().replacingOccurrences(of: "encoding=\"UTF-8\"", with: "encoding=\"ISO-8859-1\"")),
        ].map { ($0.0, Array($0.1.utf8)) }
        let good = Array(report().utf8)
        let name = Array("<Name>".utf8)
        func inject(_ bytes: [UInt8]) -> [UInt8] {
            guard let at = (0..<good.count).first(where: { good[$0..<min($0 + name.count, good.count)].elementsEqual(name) }) else { return good }
            return Array(good[..<(at + name.count)]) + bytes + Array(good[(at + name.count)...])
        }
        c += [
            ("invalid UTF-8: lone continuation", inject([0x80])),
            ("invalid UTF-8: overlong", inject([0xC0, 0xAF])),
            ("invalid UTF-8: surrogate", inject([0xED, 0xA0, 0x80])),
            ("invalid UTF-8: 0xFF", inject([0xFF])),
            ("NUL byte", inject([0x00])),
            ("UTF-8 mark, GB18030 declared", [0xEF, 0xBB, 0xBF] + Array(report().replacingOccurrences(of: "UTF-8", with: "GB18030").utf8)),
            ("UTF-16 mark, UTF-8 declared", [0xFF, 0xFE] + Array(report().utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }),
        ]
        return c
    }()

    @Test(arguments: cases.map(\.0))
    func hostileCaseIsInvalidWithAReasonAndNothingFromOutside(_ name: String) throws {
        let bytes = Self.cases.first { $0.0 == name }!.1
        let started = Date()
        let result = Fixtures.check(bytes: bytes, name: "hostile.xml")
        #expect(Date().timeIntervalSince(started) < 1.0, "\(name) took too long")
        #expect(result.status == .invalid, "\(name)")
        let first = try #require(result.errors.first, "\(name) has no error")
        #expect(!first.message.isEmpty)
        #expect(first.message.count <= Diagnostic.maximumMessageLength)
        #expect(first.line != nil, "\(name): \(first.message)")
        let json = String(decoding: JSONReporter(context: OutputContext(ruleSet: Fixtures.ruleSet, messages: Fixtures.checker.messages))
            .renderUTF8(result), as: UTF8.self)
        #expect(!json.contains("TCE-SECRET-TOKEN") && !json.contains("root:x:0:0"), "\(name)")
    }

    @Test func encodingProblemsAreWordedPlainly() {
        let mismatch = Fixtures.check(bytes: Self.cases.first { $0.0 == "UTF-8 mark, GB18030 declared" }!.1)
        #expect(mismatch.errors.first?.message.contains("byte-order mark but its XML declaration says encoding \"GB18030\"") == true)
        let unknown = Fixtures.check(bytes: Self.cases.first { $0.0 == "encoding libxml2 does not know" }!.1)
        #expect(unknown.errors.first?.message == "encoding \"KOI8-Z\" is not accepted: a report is UTF-8, or GB18030, GBK or GB2312 named in its XML declaration")
        #expect(unknown.errors.first?.line == 1)
        let utf16 = Fixtures.check(bytes: Self.cases.first { $0.0 == "UTF-16 mark, UTF-8 declared" }!.1)
        #expect(utf16.errors.first?.message.hasPrefix("the file is encoded in UTF-16") == true)
    }

    @Test func longValuesAreShortenedInMessages() {
        let d = Diagnostic(String(repeating: "x", count: 5000), line: 1)
        #expect(d.message.count <= Diagnostic.maximumMessageLength)
        #expect(d.message.contains("more characters"))
        #expect(Diagnostic("short").message == "short")
    }

    @Test func crowdedTagsAreFoundBeforeLibxml2SeesThem() {
        let crowded = Array(("<a " + (0..<300).map { "a\($0)=\"x>\"" }.joined(separator: " ") + "/>").utf8)
        let position = crowded.withUnsafeBytes { HardenedXML.crowdedTag($0) }
        #expect(position?.line == 1 && position?.column == 1)
        let fine = Array(Self.report().utf8)
        #expect(fine.withUnsafeBytes { HardenedXML.crowdedTag($0) } == nil)
        let inComment = Array(("<!-- " + String(repeating: "a=b ", count: 400) + "-->" + Self.report()).utf8)
        #expect(inComment.withUnsafeBytes { HardenedXML.crowdedTag($0) } == nil)
    }
}
