/// Working days in England and Wales, from the bank-holiday file in Specs/calendar.
/// The counting convention is written at the top of that file.
public struct WorkingDayCalendar: Codable, Sendable, Equatable {
    public let firstYear: Int
    public let lastYear: Int
    private let holidays: Set<Int>  // day numbers

    public struct OutOfRange: Error, CustomStringConvertible {
        public let date: SimpleDate
        public let firstYear: Int, lastYear: Int
        public var description: String {
            "no bank-holiday data for \(date.iso): Specs/calendar covers \(firstYear) to \(lastYear)"
        }
    }

    private struct File: Decodable {
        struct Covers: Decodable { var from: Int; var to: Int }
        var covers: Covers
        var dates: [Int: [SimpleDate]]
    }

    public init(yaml: String, source: String) throws {
        let file = try decodeYAML(File.self, yaml, file: source)
        for year in file.covers.from...file.covers.to where file.dates[year] == nil {
            throw SpecError(file: source, entry: "dates", problem: "no dates for \(year)")
        }
        for (year, days) in file.dates {
            if let wrong = days.first(where: { $0.year != year }) {
                throw SpecError(file: source, entry: "dates.\(year)", problem: "\(wrong.iso) is not in \(year)")
            }
        }
        firstYear = file.covers.from
        lastYear = file.covers.to
        holidays = Set(file.dates.values.joined().map(\.dayNumber))
    }

    private func check(_ d: SimpleDate) throws {
        guard (firstYear...lastYear).contains(d.year) else {
            throw OutOfRange(date: d, firstYear: firstYear, lastYear: lastYear)
        }
    }

    public func isWorkingDay(_ d: SimpleDate) throws -> Bool {
        try check(d)
        return !d.isWeekend && !holidays.contains(d.dayNumber)
    }

    /// Working days after `a`, up to and including `b`; negative when `b` is before `a`.
    public func workingDays(from a: SimpleDate, to b: SimpleDate) throws -> Int {
        if b < a { return -(try workingDays(from: b, to: a)) }
        try check(a); try check(b)
        var n = 0
        var d = a.dayNumber + 1
        while d <= b.dayNumber {
            let day = SimpleDate(dayNumber: d)
            if !day.isWeekend && !holidays.contains(d) { n += 1 }
            d += 1
        }
        return n
    }

    /// The date `n` working days after `a` (before it when `n` is negative; `a` itself for 0).
    public func adding(workingDays n: Int, to a: SimpleDate) throws -> SimpleDate {
        try check(a)
        var d = a
        var left = abs(n)
        while left > 0 {
            d = d.adding(days: n > 0 ? 1 : -1)
            if try isWorkingDay(d) { left -= 1 }
        }
        return d
    }
}
