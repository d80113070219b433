import Foundation
import Testing
@testable import TCEKit

@Suite struct JSONWriterTests {
    func json(_ s: String) -> String {
        var w = JSONWriter(capacity: 4)
        w.string(s)
        return w.text
    }

    @Test func escapesWhatJSONAndJavaScriptNeedAndNothingElse() {
        #expect(json("plain 瓜州县 text") == "\"plain 瓜州县 text\"")
        #expect(json("a\"b\\c") == #""a\"b\\c""#)
        #expect(json("line\nfeed\r\ttab") == #""line\nfeed\r\ttab""#)
        #expect(json("\u{01}\u{1F}\u{00}") == #""\u0001\u001f\u0000""#)
        #expect(json("sep\u{2028}and\u{2029}") == #""sep\u2028and\u2029""#)
        #expect(json("\u{2027}\u{202A}…") == "\"\u{2027}\u{202A}…\"")  // same lead byte, not separators
        #expect(json("") == "\"\"")
    }

    @Test func escapedTextParsesBackToTheOriginal() throws {
        let tricky = "名\"称\\\n\u{7}\u{2028}end😀"
        let data = Data(("[" + json(tricky) + "]").utf8)
        let back = try JSONSerialization.jsonObject(with: data) as? [String]
        #expect(back == [tricky])
    }

    @Test func numbersAreExactOrRoundedHalfEven() throws {
        func number(_ n: Exact) -> String {
            var w = JSONWriter()
            w.number(n)
            return w.text
        }
        #expect(number(try Exact(decimal: "2321.6225")) == "2321.6225")
        #expect(number(try Exact(numerator: 1, denominator: 3)) == "0.333333")
        #expect(number(try Exact(numerator: -2, denominator: 3)) == "-0.666667")
        #expect(number(.zero) == "0")
        var w = JSONWriter(capacity: 1)
        for k in [0, 7, 10, 2011, 123_456_789] { w.int(k); w.byte(UInt8(ascii: " ")) }
        #expect(w.text == "0 7 10 2011 123456789 ")
    }

    /// The writer skips plain text eight bytes at a time: every special character is found at
    /// every position in and across those words, and plain text around it is copied whole.
    @Test func specialCharactersAreFoundAtEveryOffset() throws {
        func reference(_ s: String) -> String {
            var out = "\""
            for scalar in s.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                case "\u{2028}": out += "\\u2028"
                case "\u{2029}": out += "\\u2029"
                case _ where scalar.value < 0x20:
                    out += "\\u00" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
                default: out.unicodeScalars.append(scalar)
                }
            }
            return out + "\""
        }
        for special in ["\"", "\\", "\n", "\u{1}", "\u{1F}", "\u{2028}", "\u{2029}", "“", "\u{2027}", "é", "😀", "~", "\u{7F}"] {
            for before in 0..<17 {
                for after in [0, 1, 6, 7, 8, 9, 15] {
                    let text = String(repeating: "a", count: before) + special + String(repeating: "語", count: after)
                    #expect(json(text) == reference(text), "\(before) before, \(after) after")
                }
            }
        }
    }

    @Test func growsPastItsFirstCapacity() {
        var w = JSONWriter(capacity: 16)
        let long = String(repeating: "報告", count: 5000)
        w.string(long)
        #expect(w.text == "\"" + long + "\"")
    }

    /// Numbers written again are copied from their first text: the copy must be the number's own
    /// text whatever else shares its slot, and survive the buffer moving as it grows.
    @Test func repeatedNumbersReadTheSameAsFresh() throws {
        var numbers: [Exact] = []
        for i in 0..<200 {
            numbers.append(try Exact(numerator: Int128(i * 7919 % 1000), denominator: Int128([1, 10, 3, 1000][i % 4])))
        }
        var cached = JSONWriter(capacity: 16)
        var expected = ""
        for round in 0..<3 {
            for (i, n) in numbers.enumerated() where (i + round) % 3 != 0 {
                cached.number(n)
                cached.byte(UInt8(ascii: ","))
                expected += n.formatted(places: 6) + ","
            }
            cached.string(String(repeating: "x", count: 700 * round))
            expected += "\"" + String(repeating: "x", count: 700 * round) + "\""
        }
        #expect(cached.text == expected)
    }
}
