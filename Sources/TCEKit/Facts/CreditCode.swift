/// Unified social credit code, GB 32100-2015: 18 characters, the last a check character.
public enum CreditCode {
    static let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
    static let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
    /// The alphabet's value of each ASCII byte, -1 for bytes outside it: the check runs once
    /// per report, so it works on bytes rather than Characters.
    private static let values: [Int8] = {
        var table = [Int8](repeating: -1, count: 256)
        for (value, c) in alphabet.enumerated() { table[Int(c.asciiValue!)] = Int8(value) }
        return table
    }()

    /// The alphabet value (0…30) of an ASCII byte, or nil outside the alphabet.
    static func value(of byte: UInt8) -> Int? {
        let v = values[Int(byte)]
        return v >= 0 ? Int(v) : nil
    }

    /// The check character the first 17 characters call for, or nil if they are not valid.
    public static func checkCharacter(for code: String) -> Character? {
        guard code.utf8.allSatisfy({ $0 < 0x80 }) else { return checkCharacterOfText(code) }
        return checkValue(code).map { alphabet[$0] }
    }

    public static func isValid(_ code: String) -> Bool {
        let bytes = code.utf8
        guard bytes.allSatisfy({ $0 < 0x80 }) else {
            let chars = Array(code)
            return chars.count == 18 && checkCharacterOfText(code) == chars[17]
        }
        guard bytes.count == 18, let expected = checkValue(code) else { return false }
        return values[Int(bytes[bytes.index(bytes.startIndex, offsetBy: 17)])] == Int8(expected)
    }

    /// `isValid(code)` and `checkCharacter(for: code)` together, the check value computed once
    /// (the facts need both for every report).
    static func check(_ code: String) -> (valid: Bool, expected: Character?) {
        // nil for text that is not plain ASCII (never a valid code): the two checks decide it.
        let ascii = code.utf8.withContiguousStorageIfAvailable { bytes -> (Bool, Character?)? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            guard let expected = checkValue(code) else { return (false, nil) }
            return (bytes.count == 18 && values[Int(bytes[17])] == Int8(expected), alphabet[expected])
        }
        if case let result?? = ascii { return result }
        return (isValid(code), checkCharacter(for: code))
    }

    /// The alphabet value of the check character for the first 17 characters of `code`.
    private static func checkValue(_ code: String) -> Int? {
        var sum = 0
        var count = 0
        for byte in code.utf8 {
            if count == 17 { break }
            // Anything outside the alphabet (including every non-ASCII byte) makes the code invalid.
            let value = values[Int(byte)]
            guard value >= 0 else { return nil }
            sum += Int(value) * weights[count]
            count += 1
        }
        guard count == 17 else { return nil }
        return (31 - sum % 31) % 31
    }

    /// The same by Characters, for text that is not plain ASCII (never a valid code).
    private static func checkCharacterOfText(_ code: String) -> Character? {
        let chars = Array(code)
        guard chars.count >= 17 else { return nil }
        var sum = 0
        for (i, c) in chars.prefix(17).enumerated() {
            guard let value = alphabet.firstIndex(of: c) else { return nil }
            sum += value * weights[i]
        }
        return alphabet[(31 - sum % 31) % 31]
    }
}
