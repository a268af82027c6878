import XCTest
@testable import StatReturnKit

/// `validate annex-a` on a workbook a council made itself: sheets known by their headers as
/// real files write them, a header two columns share refused with both cells named, blank rows
/// skipped and said, IDs a spreadsheet damaged reported and mended under --fix, and the usual
/// spellings of a drop-down's labels normalised, each change listed.
final class AnnexAWorkbookCheckTests: XCTestCase {
    static let spec = Result { try Package.spec("annex-a", "2025") }

    /// A council's sheet: its own headers, cells as given.
    func sheet(_ name: String, _ headers: [String], _ rows: [[Workbook.Cell]], above: Int = 0) -> Workbook.Sheet {
        var s = Workbook.Sheet(name: name, columns: headers.map { Workbook.Column($0) }, rows: rows.map { Workbook.Row($0) })
        s.above = Array(repeating: Workbook.Row([]), count: above)
        return s
    }

    /// The sheets in a workbook, with a sheet of notes as councils' workbooks have.
    func validate(_ sheets: [Workbook.Sheet], fix: Bool = false) throws -> ValidationResult {
        var v = Validator(spec: try Self.spec.get())
        v.fix = fix
        v.parameters = ["inspection_date": "2025-10-01"]
        let book = Workbook(sheets: sheets + [sheet("Notes", ["Notes"], [])])
        return try v.validate([InputFile(name: "our.xlsx", data: try WorkbookWriter.data(book))])
    }

    static let list1 = ["Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age of Child (Years)", "Date of Contact", "Contact Source"]
    func contact(_ id: Workbook.Cell, _ gender: String = "a) Male", _ ethnicity: String = "a) WBRI", source: String = "e) 2A: Schools",
                 on day: String = "2025-09-01") -> [Workbook.Cell] {
        [id, .text(gender), .text(ethnicity), .date(SimpleDate(iso: "2015-06-15")!), .number(10), .date(SimpleDate(iso: day)!), .text(source)]
    }

    func testHeadersAreKnownWhateverTheirCaseBracketsAndQuotes() throws {
        let headers = ["child unique id", "SEX", "Ethnicity )", "date of birth", "Age", "Date of Contact", "CONTACT SOURCE"]
        let list8 = try XCTUnwrap(try Self.spec.get().table("List8"))
        // Curly quotes about 'Missing' and 'Absent', as councils' files have them.
        let curly = list8.fields.map { $0.title.replacingOccurrences(of: "'Missing'", with: "\u{2018}Missing\u{2019}")
            .replacingOccurrences(of: "'Absent'", with: "\u{2018}Absent\u{2019}") }
        XCTAssertTrue(curly.contains { $0.contains("\u{2018}Missing\u{2019}") })
        let missing = try XCTUnwrap(list8.fields.firstIndex { $0.name == "missing_episodes" })
        var row = [Workbook.Cell](repeating: .empty, count: curly.count)
        row[0] = .text("C8"); row[missing] = .number(3)
        let r = try validate([sheet("List 1", headers, [contact(.text("C1"))]), sheet("List 8", curly, [row])])
        XCTAssertEqual(r.data["List1"]?.records.first?[4], "10", "Age read as Age of Child (Years)")
        XCTAssertEqual(r.data["List1"]?.records.first?[1], "a) Male", "Sex read as Gender")
        XCTAssertEqual(r.data["List8"]?.value(row: 1, field: "missing_episodes"), "3")
        XCTAssertFalse(r.warnings.contains { $0.contains("ignored") }, "\(r.warnings)")
    }

    func testAHeaderTwoColumnsShareIsRefusedNamingBothCells() throws {
        let headers = Self.list1.prefix(5) + ["Age"] + Self.list1.suffix(2)
        XCTAssertThrowsError(try validate([sheet("List 1", Array(headers), [contact(.text("C1")) + [.number(10)]], above: 2)])) { e in
            XCTAssertEqual("\(e)", "our.xlsx [List 1]:3 (Age of Child (Years)): column Age of Child (Years) appears twice "
                           + "(E3 'Age of Child (Years)' and F3 'Age'): keep the one meant and delete or rename the other")
        }
    }

    func testBlankRowsAreSkippedAndSaid() throws {
        let r = try validate([sheet("List 1", Self.list1, [contact(.text("C1")), [], [], contact(.text("C2")), [], contact(.text("C3"))], above: 2)])
        XCTAssertEqual(r.data["List1"]?.count, 3)
        XCTAssertTrue(r.warnings.contains("our.xlsx [List 1]: 5 blank rows skipped: rows 1-2 above the header, rows 5-6, 8 among the records"), "\(r.warnings)")
        // Findings name the row as Excel numbers it.
        let wrong = try validate([sheet("List 1", Self.list1, [contact(.text("C1")), [], contact(.text("C2"), "Martian")], above: 2)])
        XCTAssertEqual(wrong.findings.map { "\($0.code) \($0.file) row \($0.row ?? 0)" }, ["AA02 our.xlsx [List 1] row 6"])
        let csv = try Validator(spec: try Self.spec.get()).validate([InputFile(name: "list1.csv", data: Data(
            "\n\(Self.list1.joined(separator: ","))\n,,,,,,\nC1,a) Male,a) WBRI,15/06/2015,10,01/09/2025,e) 2A: Schools\n".utf8))])
        XCTAssertTrue(csv.warnings.contains("list1.csv: 2 blank lines skipped: line 1 above the header, line 3 among the records"), "\(csv.warnings)")
    }

    /// 1002.0 (a number written with a decimal point) and 37 for 0000037 (zeros lost in a numeric
    /// cell) are reported; --fix mends both, lists each change, and the lists then agree.
    func testIDsASpreadsheetDamagedAreReportedAndMended() throws {
        let list6 = try XCTUnwrap(try Self.spec.get().table("List6")).fields.map(\.title)
        func cin(_ id: Workbook.Cell) -> [Workbook.Cell] {
            var row = [Workbook.Cell](repeating: .empty, count: list6.count)
            row[0] = id
            return row
        }
        let sheets = [sheet("List 1", Self.list1, [contact(.text("0000037")), contact(.text("1234567.0")), contact(.number(37), on: "2025-09-02"),
                                                   contact(.number(451))]),
                      sheet("List 6", list6, [cin(.text("0000037")), cin(.number(1234567))])]
        let ids = ["AA22", "AA23", "AA24"]
        let found = try validate(sheets).findings.filter { ids.contains($0.code) }
        XCTAssertEqual(found.map { "\($0.code) \($0.row!) \($0.values)" }, ["AA22 3 [\"1234567.0\"]", "AA23 4 [\"37\"]", "AA24 5 [\"451\"]"])
        let fixed = try validate(sheets, fix: true)
        XCTAssertEqual(fixed.findings.filter { ids.contains($0.code) }.map(\.code), ["AA24"], "451 has no longer form to be mended from")
        XCTAssertEqual(fixed.fixes.filter { $0.field == "child_id" }.map { "\($0.file) \($0.row) \($0.before)>\($0.after)" },
                       ["our.xlsx [List 1] 3 1234567.0>1234567", "our.xlsx [List 1] 4 37>0000037"])
        XCTAssertEqual(fixed.data["List1"]?.records.map { $0[0] }, ["0000037", "1234567", "0000037", "451"])
    }

    func testTheUsualSpellingsOfALabelAreNormalisedUnderFix() throws {
        let rows = [contact(.text("C1"), "a)male", "WBRI - White British", source: "e) 2A:Schools"),
                    contact(.text("C2"), "Not Stated / Recorded", "A1 White British", source: "2A"),
                    contact(.text("C3"), "Martian", "a) WBRI")]
        let plain = try validate([sheet("List 1", Self.list1, rows)])
        XCTAssertEqual(plain.findings.filter { $0.code == "AA02" }.count, 7)
        XCTAssertEqual(plain.fixableErrors, 6, "all but Martian")
        let fixed = try validate([sheet("List 1", Self.list1, rows)], fix: true)
        XCTAssertEqual(fixed.fixes.map { "\($0.row) \($0.field) \($0.before)>\($0.after)" }, [
            "2 gender a)male>a) Male", "2 ethnicity WBRI - White British>a) WBRI", "2 contact_source e) 2A:Schools>e) 2A: Schools",
            "3 gender Not Stated / Recorded>c) Not stated/recorded", "3 ethnicity A1 White British>a) WBRI", "3 contact_source 2A>e) 2A: Schools"])
        XCTAssertEqual(fixed.findings.map { "\($0.code) \($0.row!) \($0.values)" }, ["AA02 4 [\"Martian\"]"], "nothing is guessed")
    }

    /// A spelling means a code only when no other code is written so too.
    func testASpellingTwoCodesShareMeansNeither() throws {
        var list = CodeList(name: "x", codes: ["1", "2"], labels: ["1": "Yes", "2": "No"])
        list.aliases = ["y.": "1", "y": "2", "n": "2"]
        list = list.spelled()
        XCTAssertEqual(list.code(forLabel: "N!"), "2")
        XCTAssertEqual(list.code(forLabel: "2 - No"), "2")
        XCTAssertEqual(list.code(forLabel: "y"), "2", "an alias as given")
        XCTAssertNil(list.code(forLabel: "Y!"), "Y is both codes' alias once punctuation goes")
    }
}
