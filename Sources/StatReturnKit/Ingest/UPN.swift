/// The Unique Pupil Number: a check letter followed by twelve characters
/// (eleven digits and a digit or, for a temporary UPN, a letter).
public enum UPN {
    /// Letters a UPN uses; I, O and S are left out to avoid confusion with digits.
    static let alphabet = Array("ABCDEFGHJKLMNPQRTUVWXYZ")

    private static let letterIndex: [UInt8: Int] = Dictionary(uniqueKeysWithValues: alphabet.enumerated().map { ($1.asciiValue!, $0) })

    public static func isValid(_ upn: String) -> Bool {
        guard let first = upn.first, let letter = checkLetter(for: String(upn.dropFirst())) else { return false }
        return first == letter
    }

    /// The check letter for the twelve characters after it (nil when they are not eleven
    /// digits then a digit or a letter): characters 2 to 13 weighted 2 to 13, a final letter
    /// counting as its place in the alphabet, the sum modulo 23 read as a letter.
    public static func checkLetter(for rest: String) -> Character? {
        var sum = 0, position = 2
        for b in rest.utf8 {
            guard position <= 13 else { return nil }
            if b >= 48 && b <= 57 { sum += Int(b - 48) * position }
            else if position == 13, let l = letterIndex[b] { sum += l * position }
            else { return nil }
            position += 1
        }
        return position == 14 ? alphabet[sum % 23] : nil
    }
}

extension Character {
    var isASCIIDigit: Bool { asciiDigitValue != nil }
    var asciiDigitValue: Int? {
        guard let a = asciiValue, a >= 48, a <= 57 else { return nil }
        return Int(a - 48)
    }
}
