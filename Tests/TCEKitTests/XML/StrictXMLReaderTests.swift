import Foundation
import Testing
@testable import TCEKit

/// The fast reader on variations of one valid report: the legitimate ones it must accept
/// with the same report libxml2 reads; the rest it must pass on (and the full path decides).
@Suite struct StrictXMLReaderTests {
    static let base = Fixtures.report(
        items: #"<Item type="natural-gas" unit="10k-m3" coefficient="1.2143">12.5</Item>"#,
        management: #"<Management><ResponsibilityLetter signed="true" date="2012-02-20"/><EnergyQuota unit="tce">2500</EnergyQuota></Management>"#,
        equipment: #"<Equipment><Unit kind="earth-kiln" count="2" status="operating"/></Equipment>"#,
        projects: #"<Projects><Project id="P-1" name="余热发电" status="operating" energyReview="approved"/></Projects>"#)

    static let accepted: [(String, String)] = [
        ("as generated", base),
        ("CRLF line ends", base.replacingOccurrences(of: "\n", with: "\r\n")),
        ("no declaration", String(base.drop { $0 != "\n" }.dropFirst())),
        ("single quotes", base.replacingOccurrences(of: #"unit="10k-CNY""#, with: "unit='10k-CNY'")),
        ("character and entity references", base.replacingOccurrences(of: "余热发电", with: "&#20313;&#x70ED;&amp;&lt;&gt;&quot;&apos;")),
        ("whitespace in attributes", base.replacingOccurrences(of: #"name="余热发电""#, with: "name=\"余\t热\n发\r\n电\"")),
        ("whitespace around values", base.replacingOccurrences(of: ">12.5<", with: ">\n  12.5\t<")),
        ("comments between elements", base.replacingOccurrences(of: "<Energy>", with: "<!-- 能源 --><Energy><!--x-->")),
        ("spaces in tags", base.replacingOccurrences(of: "</Energy>", with: "</Energy  >").replacingOccurrences(of: #"status="operating"/>"#, with: #"status = "operating" />"#)),
        ("explicit end of empty element", base.replacingOccurrences(of: #"count="2" status="operating"/>"#, with: #"count="2" status="operating"></Unit>"#)),
        ("byte-order mark", "\u{FEFF}" + base),
        ("standalone", base.replacingOccurrences(of: #"encoding="UTF-8""#, with: #"encoding="UTF-8" standalone="yes""#)),
    ]

    static let passedOn: [(String, String)] = [
        ("CDATA", base.replacingOccurrences(of: ">12.5<", with: "><![CDATA[12.5]]><")),
        ("processing instruction", base.replacingOccurrences(of: "<Energy>", with: "<?pi x?><Energy>")),
        ("comment inside a value", base.replacingOccurrences(of: ">12.5<", with: ">12<!-- x -->.5<")),
        ("prefixed namespace", base.replacingOccurrences(of: "<Energy>", with: "<Energy xmlns:x=\"urn:x\">")),
        ("lone carriage return", base.replacingOccurrences(of: "<Energy>", with: "<Energy>\r ")),
        ("unknown element", base.replacingOccurrences(of: "<Energy>", with: "<Energy><Extra/>")),
        ("unknown attribute", base.replacingOccurrences(of: "<Energy>", with: "<Energy extra=\"1\">")),
        ("duplicate attribute", base.replacingOccurrences(of: #"unit="10k-CNY""#, with: #"unit="10k-CNY" unit="10k-CNY""#)),
        ("undefined entity", base.replacingOccurrences(of: "余热发电", with: "&nbsp;")),
        ("February 29th", base.replacingOccurrences(of: "2012-02-20", with: "2012-02-29")),
        ("version 1.1", base.replacingOccurrences(of: #"version="1.0""#, with: #"version="1.1""#)),
        ("text in element content", base.replacingOccurrences(of: "<Energy>", with: "<Energy>text")),
        ("end tag mismatch", base.replacingOccurrences(of: "</Energy>", with: "</Energx>")),
        ("wrong namespace", base.replacingOccurrences(of: "urn:tce:energy-report:1", with: "urn:tce:energy-report:2")),
    ]

    @Test(arguments: accepted.map(\.0))
    func acceptsAndAgreesWithLibxml2(_ name: String) throws {
        let bytes = Array(Self.accepted.first { $0.0 == name }!.1.utf8)
        let loader = Fixtures.checker.loader
        let fast = try #require(loader.fastLoad(bytes), "\(name) should take the fast path")
        let full = try loader.fullLoad(bytes, name: "r.xml").get()
        #expect(ReportDescription.of(fast) == ReportDescription.of(full), "\(name)")
    }

    @Test(arguments: passedOn.map(\.0))
    func passesOnWhatItDoesNotHandle(_ name: String) {
        let bytes = Array(Self.passedOn.first { $0.0 == name }!.1.utf8)
        #expect(Fixtures.checker.loader.fastLoad(bytes) == nil, "\(name)")
    }

    /// `text` in a legacy encoding, by iconv (as an enterprise's software would write it).
    static func encode(_ text: String, _ encoding: String) -> [UInt8]? {
        let cd = iconv_open(encoding, "UTF-8")
        guard cd != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(cd) }
        var input = Array(text.utf8)
        var output = [UInt8](repeating: 0, count: input.count * 2 + 16)
        let produced: Int? = input.withUnsafeMutableBufferPointer { i in
            output.withUnsafeMutableBufferPointer { o in
                var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(i.baseAddress!).assumingMemoryBound(to: CChar.self)
                var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(o.baseAddress!).assumingMemoryBound(to: CChar.self)
                var inLeft = i.count, outLeft = o.count
                guard iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft) != -1 else { return nil }
                return o.count - outLeft
            }
        }
        return produced.map { Array(output[..<$0]) }
    }

    @Test func legacyEncodingsAreTranscodedLikeLibxml2Does() throws {
        for encoding in ["GB18030", "GBK", "GB2312"] {
            let text = Self.base.replacingOccurrences(of: "UTF-8", with: encoding)
            let bytes = try #require(Self.encode(text, encoding), "iconv knows \(encoding)")
            let loader = Fixtures.checker.loader
            let fast = try #require(loader.fastLoad(bytes), "\(encoding) takes the fast path")
            let full = try loader.fullLoad(bytes, name: "r.xml").get()
            #expect(ReportDescription.of(fast) == ReportDescription.of(full), "\(encoding)")
            #expect(fast.projects?.first?.name == "余热发电")
        }
    }

    @Test func schemaOutsideTheMirroredShapeTurnsTheFastPathOff() throws {
        let xsd = try String(contentsOfFile: Fixtures.rulesPath + "/report-v1.xsd", encoding: .utf8)
        let same = try ReportSchema(xsd: xsd.replacingOccurrences(of: "本模式只规定报表结构", with: "注释改了"), path: "x.xsd")
        #expect(same.isReportV1, "comments and annotations do not count")
        let changed = try ReportSchema(xsd: xsd.replacingOccurrences(of: #"<xs:element name="Item" type="r:Item" maxOccurs="unbounded"/>"#,
                                                                   with: #"<xs:element name="Item" type="r:Item" maxOccurs="3"/>"#), path: "x.xsd")
        #expect(!changed.isReportV1)
    }
}
