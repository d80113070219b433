/// Unified social credit code, GB 32100-2015: 18 characters, the last a check character.
public enum CreditCode {
    static let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
    static let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

    /// The check character the first 17 characters call for, or nil if they are not valid.
    public static func checkCharacter(for code: String) -> Character? {
        let chars = Array(code)
        guard chars.count >= 17 else { return nil }
        var sum = 0
        for (i, c) in chars.prefix(17).enumerated() {
            guard let value = alphabet.firstIndex(of: c) else { return nil }
            sum += value * weights[i]
        }
        return alphabet[(31 - sum % 31) % 31]
    }

    public static func isValid(_ code: String) -> Bool {
        let chars = Array(code)
        return chars.count == 18 && checkCharacter(for: code) == chars[17]
    }
}
