import XCTest
@testable import StatReturnKit

final class CalendarTests: XCTestCase {
    private func d(_ s: String) -> SimpleDate { SimpleDate(iso: s)! }
    private var calendar: WorkingDayCalendar { get throws { try Package.spec("ssda903", "2026-27").calendar } }

    func testDatesParseOnlyWhenReal() {
        XCTAssertEqual(SimpleDate(dmy: "29/02/2024")?.iso, "2024-02-29")
        XCTAssertNil(SimpleDate(dmy: "29/02/2025"))
        XCTAssertNil(SimpleDate(dmy: "1/2/2025"))
        XCTAssertNil(SimpleDate(iso: "2025-13-01"))
        XCTAssertEqual(SimpleDate(dayNumber: d("2025-03-31").dayNumber + 1).iso, "2025-04-01")
        XCTAssertEqual(d("2025-11-23").weekday, 7)
    }

    func testAgeCountsLeapDayBirthdaysFromFirstMarch() {
        let dob = d("2008-02-29")
        XCTAssertEqual(dob.age(on: d("2026-02-28")), 17)
        XCTAssertEqual(dob.age(on: d("2026-03-01")), 18)
        XCTAssertEqual(dob.age(on: d("2028-02-29")), 20)
        XCTAssertEqual(d("2010-06-15").age(on: d("2026-06-14")), 15)
        XCTAssertEqual(d("2010-06-15").age(on: d("2026-06-15")), 16)
    }

    func testWorkingDayConvention() throws {
        let c = try calendar
        // Friday to the next Monday is one working day; the same day is none.
        XCTAssertEqual(try c.workingDays(from: d("2025-11-21"), to: d("2025-11-24")), 1)
        XCTAssertEqual(try c.workingDays(from: d("2025-11-21"), to: d("2025-11-21")), 0)
        XCTAssertEqual(try c.workingDays(from: d("2025-11-24"), to: d("2025-11-21")), -1)
        // Christmas 2025: Thursday 25 and Friday 26 are bank holidays.
        XCTAssertEqual(try c.workingDays(from: d("2025-12-24"), to: d("2025-12-29")), 1)
        // Easter 2026: Good Friday 3 April, Easter Monday 6 April.
        XCTAssertEqual(try c.workingDays(from: d("2026-04-02"), to: d("2026-04-07")), 1)
        XCTAssertEqual(try c.adding(workingDays: 1, to: d("2026-04-02")), d("2026-04-07"))
        XCTAssertEqual(try c.adding(workingDays: 0, to: d("2026-04-04")), d("2026-04-04"))
        XCTAssertEqual(try c.adding(workingDays: -1, to: d("2026-04-07")), d("2026-04-02"), "back over Easter")
        // 2022 had extra holidays: the Platinum Jubilee and the State Funeral.
        XCTAssertFalse(try c.isWorkingDay(d("2022-06-03")))
        XCTAssertFalse(try c.isWorkingDay(d("2022-09-19")))
    }

    func testFortyFiveWorkingDaysAcrossChristmas() throws {
        let c = try calendar
        let end = try c.adding(workingDays: 45, to: d("2025-11-03"))
        XCTAssertEqual(end, d("2026-01-08"))  // 45 weekdays end on 5 January; 25, 26 Dec and 1 Jan push it 3 on
        XCTAssertEqual(try c.workingDays(from: d("2025-11-03"), to: end), 45)
    }

    func testEveryYearCoveredHasItsUsualHolidays() throws {
        let c = try calendar
        XCTAssertLessThanOrEqual(c.firstYear, 2015)
        XCTAssertGreaterThanOrEqual(c.lastYear, 2028)
        for year in c.firstYear...c.lastYear {
            var holidays = 0
            for n in d("\(year)-01-01").dayNumber...d("\(year)-12-31").dayNumber {
                let day = SimpleDate(dayNumber: n)
                if !day.isWeekend, try !c.isWorkingDay(day) { holidays += 1 }
            }
            XCTAssert((8...10).contains(holidays), "\(year) has \(holidays) bank holidays")
        }
    }

    func testDatesOutsideTheDataAreAnErrorNotAGuess() throws {
        XCTAssertThrowsError(try calendar.workingDays(from: d("2009-01-01"), to: d("2009-02-01")))
    }

    func testSQLFunctionsReportOutOfRangeAsRuleFailure() throws {
        let spec = try Package.spec("ssda903", "2026-27")
        var rule = try XCTUnwrap(spec.rule("501"))
        rule.check = .sql("SELECT _row FROM Episodes WHERE working_days('2001-01-01', DECOM) > 0")
        let db = try ReturnDatabase(spec: spec)
        try db.queue.write { try $0.execute(sql: "INSERT INTO Episodes (_row, CHILD, DECOM) VALUES (1, '1', '2025-05-01')") }
        let outcome = RuleRunner.run(rule, on: db.queue, period: spec.period)
        XCTAssertNotNil(outcome.failure)
        XCTAssertTrue(outcome.failure?.contains("2001-01-01") ?? false, outcome.failure ?? "")
    }
}
