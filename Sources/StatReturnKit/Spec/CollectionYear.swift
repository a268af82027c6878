/// Collection years by name (`2026-27`): from April (or whenever the return's period starts)
/// to the next spring.
enum CollectionYear {
    static func first(of name: String) -> Int? {
        ReturnCatalog.collectionYear(name).flatMap { Int($0.prefix(4)) }
    }

    static func name(first: Int) -> String { String(format: "%04d-%02d", first, (first + 1) % 100) }

    /// The year, of a return whose period starts on `start`'s day and month, that `date` is in.
    static func containing(_ date: SimpleDate, periodStart start: SimpleDate) -> String {
        let before = (date.month, date.day) < (start.month, start.day)
        return name(first: date.year - (before ? 1 : 0))
    }
}

extension CollectionPeriod {
    /// The same period `years` later (earlier when negative).
    func shifted(years: Int) -> CollectionPeriod {
        func move(_ d: SimpleDate) -> SimpleDate {
            SimpleDate(year: d.year + years, month: d.month, day: min(d.day, SimpleDate.daysIn(month: d.month, year: d.year + years)))!
        }
        return CollectionPeriod(start: move(start), end: move(end), referenceDate: move(referenceDate))
    }
}
