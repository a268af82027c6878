/// The Unique Pupil Number: a check letter followed by twelve characters
/// (eleven digits and a digit or, for a temporary UPN, a letter).
public enum UPN {
    /// Letters a UPN uses; I, O and S are left out to avoid confusion with digits.
    static let alphabet = Array("ABCDEFGHJKLMNPQRTUVWXYZ")

    public static func isValid(_ upn: String) -> Bool {
        let c = Array(upn)
        guard c.count == 13, alphabet.contains(c[0]), c[1...11].allSatisfy(\.isASCIIDigit) else { return false }
        let last: Int
        if let d = c[12].asciiDigitValue { last = d } else if let l = alphabet.firstIndex(of: c[12]) { last = l } else { return false }
        var sum = 0
        for position in 2...12 { sum += c[position - 1].asciiDigitValue! * position }
        sum += last * 13
        return alphabet[sum % 23] == c[0]
    }

    /// The check letter for the twelve characters after it (nil when they are not digits,
    /// with a digit or letter last).
    public static func checkLetter(for rest: String) -> Character? {
        for letter in alphabet where isValid(String(letter) + rest) { return letter }
        return nil
    }
}

extension Character {
    var isASCIIDigit: Bool { asciiDigitValue != nil }
    var asciiDigitValue: Int? {
        guard let a = asciiValue, a >= 48, a <= 57 else { return nil }
        return Int(a - 48)
    }
}
