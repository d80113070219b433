/// Expression text by character, as the lexer and parser index it, with where each character
/// starts in the UTF-8 bytes: a slice of characters becomes a String by copying its bytes.
/// (Building it from the characters appends them one at a time, thousands of instructions a
/// token; rule loading did that for every token of every rule.)
struct SourceText {
    let characters: [Character]
    private let utf8: [UInt8]
    /// UTF-8 offset of each character, and of the end.
    private let offsets: [Int]

    init(_ source: String) {
        self.init(Array(source))
    }

    init(_ characters: [Character]) {
        self.characters = characters
        var utf8: [UInt8] = []
        var offsets: [Int] = []
        offsets.reserveCapacity(characters.count + 1)
        for c in characters {
            offsets.append(utf8.count)
            utf8.append(contentsOf: c.utf8)
        }
        offsets.append(utf8.count)
        self.utf8 = utf8
        self.offsets = offsets
    }

    var count: Int { characters.count }

    /// The characters in `range` as a String.
    subscript(range: Range<Int>) -> String {
        String(decoding: utf8[offsets[range.lowerBound]..<offsets[range.upperBound]], as: UTF8.self)
    }
}
