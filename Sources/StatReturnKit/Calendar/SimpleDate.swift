import Foundation

/// A calendar date with no time or zone. Returns are about days, and Foundation's `Date`
/// would bring time zones and daylight saving into every comparison.
public struct SimpleDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...SimpleDate.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year; self.month = month; self.day = day
    }

    /// Today in England (the returns' clock), for values that default to the day of the run.
    public static var today: SimpleDate { on(Date()) }

    /// The day a moment falls on in England.
    public static func on(_ moment: Date) -> SimpleDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/London") ?? .current
        let c = calendar.dateComponents([.year, .month, .day], from: moment)
        return SimpleDate(year: c.year!, month: c.month!, day: c.day!)!
    }

    public static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Parses `yyyy-mm-dd` exactly (ten characters).
    public init?(iso text: some StringProtocol) {
        self.init(text, separators: [4, 7], separator: "-", year: 0..<4, month: 5..<7, day: 8..<10)
    }

    /// Parses `dd/mm/yyyy` exactly, the DfE's CSV date format.
    public init?(dmy text: some StringProtocol) {
        self.init(text, separators: [2, 5], separator: "/", year: 6..<10, month: 3..<5, day: 0..<2)
    }

    private init?(_ text: some StringProtocol, separators: [Int], separator: Character,
                  year: Range<Int>, month: Range<Int>, day: Range<Int>) {
        let u = Array(text.utf8)
        guard u.count == 10, separators.allSatisfy({ u[$0] == separator.asciiValue! }),
              let y = SimpleDate.number(u[year]), let m = SimpleDate.number(u[month]),
              let d = SimpleDate.number(u[day]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    private static func number(_ digits: ArraySlice<UInt8>) -> Int? {
        var n = 0
        for b in digits {
            guard b >= 48, b <= 57 else { return nil }
            n = n * 10 + Int(b - 48)
        }
        return n
    }

    public var iso: String {
        pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
    }

    public var dmy: String {
        pad(day, 2) + "/" + pad(month, 2) + "/" + pad(year, 4)
    }

    /// As written in a sentence: `31 March 2027`.
    public var long: String {
        let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        return "\(day) \(months[month - 1]) \(year)"
    }

    public var description: String { iso }

    private func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }

    /// Days since 1970-01-01 (proleptic Gregorian), for arithmetic.
    public var dayNumber: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    public init(dayNumber z0: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.month = m
        self.day = d
    }

    public func adding(days n: Int) -> SimpleDate { SimpleDate(dayNumber: dayNumber + n) }

    /// The same day `n` calendar months later (earlier when `n` is negative); a day the month
    /// lacks becomes its last, as people count months: 31 August less 6 months is 28 February
    /// (SQLite's `date(d, '-6 months')` rolls over to 3 March instead). Nil beyond year 9999.
    public func adding(months n: Int) -> SimpleDate? {
        let total = year * 12 + (month - 1) + n
        let (y, m) = (total / 12, total % 12 + 1)
        guard (1...9999).contains(y) else { return nil }
        return SimpleDate(year: y, month: m, day: min(day, SimpleDate.daysIn(month: m, year: y)))
    }

    /// 1 = Monday ... 7 = Sunday (ISO 8601).
    public var weekday: Int {
        let w = (dayNumber + 3) % 7  // 1970-01-01 was a Thursday
        return (w < 0 ? w + 7 : w) + 1
    }

    public var isWeekend: Bool { weekday >= 6 }

    /// Whole years from `self` (a date of birth) to `date`. Someone born on 29 February
    /// reaches each new age on 1 March in a common year, as English law counts it.
    public func age(on date: SimpleDate) -> Int {
        var years = date.year - year
        if (date.month, date.day) < (month, day) { years -= 1 }
        return years
    }

    public static func < (a: SimpleDate, b: SimpleDate) -> Bool { a.dayNumber < b.dayNumber }
}

extension SimpleDate: Codable {
    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let d = SimpleDate(iso: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                debugDescription: "'\(text)' is not a date in the form yyyy-mm-dd"))
        }
        self = d
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(iso)
    }
}
