import XCTest
@testable import StatReturnKit

/// The generic workbook writer, read back from the .xlsx it writes.
final class WorkbookWriterTests: XCTestCase {
    private let date = SimpleDate(year: 2025, month: 9, day: 26)!

    private func sample() -> Workbook {
        var list = Workbook.Sheet(name: "People", columns: [
            .init("ID"), .init("Started", .date), .init("Count", .integer), .init("Note", width: 30),
        ])
        list.rows = [
            .init([.text("0000037"), .date(date), .number(3), .text("=SUM(A1)")], style: .error),
            .init([.text("+44 113"), .empty, .number(2.5)], style: .query),
            .init([.text("@home"), .date(SimpleDate(year: 1899, month: 12, day: 31)!), .empty, .text("-1")]),
            .init([.text("All"), .empty, .number(5)], style: .total),
        ]
        return Workbook(sheets: [Workbook.Sheet(name: "Summary", columns: [.init("What")], rows: [.init([.text("all")])]), list])
    }

    func testCellsKeepTheirKindsAndTextIsNeverAFormula() throws {
        let parts = try WorkbookParts(try WorkbookWriter.data(sample()))
        XCTAssertEqual(try parts.sheets().map(\.name), ["Summary", "People"])
        let sheet = try parts.sheet("People")

        let id = try parts.cell("A2", in: sheet)
        XCTAssertTrue(id.contains(#"t="inlineStr""#) || id.contains(#"t="s""#), id)
        XCTAssertTrue(id.contains("<t>0000037</t>"), "a leading zero stays: \(id)")

        let started = try parts.cell("B2", in: sheet)
        XCTAssertNil(parts.attribute("t", of: started), "a date is a number: \(started)")
        XCTAssertEqual(parts.matches("<v>(.*?)</v>", in: started, group: 1), ["45926"], "26/09/2025 is day 45926 of Excel's calendar")
        XCTAssertEqual(try parts.style(of: started).numberFormat, "dd/mm/yyyy")

        let count = try parts.cell("C2", in: sheet)
        XCTAssertEqual(parts.matches("<v>(.*?)</v>", in: count, group: 1), ["3"])
        XCTAssertEqual(try parts.style(of: count).numberFormat, "0")

        for ref in ["D2", "A3", "A4", "D4"] {
            let cell = try parts.cell(ref, in: sheet)
            XCTAssertFalse(cell.contains("<f>"), "\(ref) must not be a formula: \(cell)")
            XCTAssertTrue(cell.contains("Str") || cell.contains(#"t="s""#), "\(ref) is text: \(cell)")
        }
        XCTAssertFalse(sheet.contains("<f>"))
        XCTAssertTrue(try parts.cell("B4", in: sheet).contains("<t>31/12/1899</t>"), "a date before Excel's calendar is text")

        // Read back as the kit reads a workbook it is given.
        let reader = try XLSXReader(data: try WorkbookWriter.data(sample()), file: "w.xlsx", dateFormat: .dmy)
        var rows: [[String]] = []
        try reader.rows(of: reader.sheets[1]).forEachRecord { rows.append($0.cells) }
        XCTAssertEqual(rows, [["ID", "Started", "Count", "Note"], ["0000037", "26/09/2025", "3", "=SUM(A1)"],
                              ["+44 113", "", "2.5", ""], ["@home", "31/12/1899", "", "-1"], ["All", "", "5", ""]])
    }

    func testHeaderIsFrozenFilteredAndStyledAndRowsAreFilledBySeverity() throws {
        let parts = try WorkbookParts(try WorkbookWriter.data(sample()))
        let sheet = try parts.sheet("People")
        XCTAssertTrue(sheet.contains(#"state="frozen""#) && sheet.contains(#"<pane "#), sheet)
        XCTAssertEqual(parts.matches(#"<pane [^>]*ySplit="(\d+)""#, in: sheet, group: 1), ["1"])
        XCTAssertEqual(parts.matches(#"<autoFilter ref="([^"]+)""#, in: sheet, group: 1), ["A1:D5"])
        XCTAssertTrue(try parts.style(of: parts.cell("A1", in: sheet)).bold, "the header is bold")
        XCTAssertNotNil(try parts.style(of: parts.cell("A1", in: sheet)).fill, "the header has a fill")
        XCTAssertTrue(sheet.contains(#"<ignoredError sqref="A1:XFD1048576" numberStoredAsText="1"/>"#), "no warning on digits kept as text")

        let error = try parts.style(of: parts.cell("A2", in: sheet)).fill
        let query = try parts.style(of: parts.cell("B3", in: sheet)).fill
        XCTAssertEqual(error, "FFF8D7DA")
        XCTAssertEqual(query, "FFFFEDC2", "a blank cell of a query row carries the fill too")
        XCTAssertNil(try parts.style(of: parts.cell("A4", in: sheet)).fill, "a row with no style has no fill")
        XCTAssertFalse(try parts.style(of: parts.cell("A4", in: sheet)).bold)
        XCTAssertTrue(try parts.style(of: parts.cell("A5", in: sheet)).bold, "a total is bold")
        XCTAssertNil(try parts.style(of: parts.cell("A5", in: sheet)).fill)
        XCTAssertEqual(try parts.style(of: parts.cell("A2", in: sheet)).numberFormat, "@")
        XCTAssertEqual(try parts.style(of: parts.cell("B2", in: sheet)).numberFormat, "dd/mm/yyyy", "a filled date is still a date")

        let widths = parts.matches(#"<col [^>]*?/>"#, in: sheet).map { parts.attribute("width", of: $0).flatMap(Double.init) ?? 0 }
        XCTAssertEqual(widths.count, 4)
        XCTAssertEqual(widths[3], 30, accuracy: 1, "a width given is kept")
        XCTAssertGreaterThanOrEqual(widths[1], 10, "a date column fits a date")
    }

    func testWrappedTextMakesItsRowTallEnough() throws {
        let sentence = String(repeating: "word ", count: 40)   // 200 characters: five lines of at most 46
        let book = Workbook(sheets: [Workbook.Sheet(name: "S", columns: [.init("Code"), .init("Message", width: 40, wrap: true)], rows: [
            .init([.text("A"), .text("short")]), .init([.text("B"), .text(sentence)]), .init([.text("C"), .text("one\ntwo")]),
        ])])
        let parts = try WorkbookParts(try WorkbookWriter.data(book))
        let sheet = try parts.sheet("S")
        func height(_ row: Int) -> String? {
            parts.matches(#"<row r="\#(row)"[^>]*>"#, in: sheet).first.flatMap { parts.attribute("ht", of: $0) }
        }
        XCTAssertNil(height(2), "one line keeps the default height")
        XCTAssertEqual(height(3), "75", "five lines of 15 points")
        XCTAssertEqual(height(4), "30", "a line break starts a line")
        XCTAssertTrue(try parts.part("xl/styles.xml").contains(#"wrapText="1""#))
    }

    func testAllowedValuesAreADropDownInlineOrOnAHiddenSheet() throws {
        let short = ["M", "F", "U"]
        // 51 codes of four characters and the commas between them: exactly Excel's 255.
        let atLimit = (0..<51).map { String(format: "C%03d", $0) }
        let long = atLimit + ["C999"]
        let book = Workbook(sheets: [Workbook.Sheet(name: "Template", columns: [
            .init("SEX", allowed: short), .init("AT_LIMIT", allowed: atLimit), .init("LONG", allowed: long),
            .init("COMMA", allowed: ["Yes, with consent", "No"]), .init("FREE"),
        ])])
        let parts = try WorkbookParts(try WorkbookWriter.data(book))
        XCTAssertEqual(try parts.sheets().map(\.name), ["Template", "Lists"])
        XCTAssertEqual(try parts.sheets().map(\.hidden), [false, true])

        let sheet = try parts.sheet("Template")
        let rules = parts.matches(#"<dataValidation .*?</dataValidation>"#, in: sheet)
        let byColumn = Dictionary(uniqueKeysWithValues: rules.map { (parts.attribute("sqref", of: $0) ?? "", $0) })
        XCTAssertEqual(Set(byColumn.keys), ["A2:A1048576", "B2:B1048576", "C2:C1048576", "D2:D1048576"], "every data cell, none for FREE")
        for rule in rules { XCTAssertEqual(parts.attribute("type", of: rule), "list") }
        XCTAssertEqual(parts.matches("<formula1>(.*?)</formula1>", in: try XCTUnwrap(byColumn["A2:A1048576"]), group: 1), ["\"M,F,U\""])
        XCTAssertTrue(try XCTUnwrap(byColumn["B2:B1048576"]).contains("C000,C001"), "255 characters fit in the validation")
        XCTAssertEqual(parts.matches("<formula1>(.*?)</formula1>", in: try XCTUnwrap(byColumn["C2:C1048576"]), group: 1), ["'Lists'!$A$1:$A$52"])
        XCTAssertEqual(parts.matches("<formula1>(.*?)</formula1>", in: try XCTUnwrap(byColumn["D2:D1048576"]), group: 1), ["'Lists'!$B$1:$B$2"],
                       "a value with a comma cannot be written in the list itself")

        let reader = try XLSXReader(data: try WorkbookWriter.data(book), file: "t.xlsx", dateFormat: .dmy)
        var lists: [[String]] = []
        try reader.rows(of: try XCTUnwrap(reader.sheets.first { $0.name == "Lists" })).forEachRecord { lists.append($0.cells) }
        XCTAssertEqual(lists.map(\.first), long.map(Optional.some))
        XCTAssertEqual(lists.prefix(2).map(\.last), ["Yes, with consent", "No"])
    }

    func testSheetNamesAreMadeValidAndUnique() throws {
        XCTAssertEqual(Workbook.sheetName("Annex A: List 1 [contacts]?"), "Annex A  List 1  contacts")
        XCTAssertEqual(Workbook.sheetName("'quoted'"), "quoted")
        XCTAssertEqual(Workbook.sheetName("a/b\\c*d"), "a b c d")
        XCTAssertEqual(Workbook.sheetName(String(repeating: "x", count: 40)), String(repeating: "x", count: 31))
        XCTAssertEqual(Workbook.sheetName("[]"), "Sheet")
        XCTAssertEqual(Workbook.sheetName("by rule", avoiding: ["By rule"]), "by rule (2)")
        XCTAssertEqual(Workbook.sheetName(String(repeating: "y", count: 31), avoiding: [String(repeating: "y", count: 31)]),
                       String(repeating: "y", count: 27) + " (2)")

        let names = ["List 1: contacts", "List 1/contacts", String(repeating: "é", count: 35), "Lists"]
        let book = Workbook(sheets: names.map { Workbook.Sheet(name: $0, columns: [.init("X", allowed: (0..<100).map(String.init))]) })
        let written = try WorkbookParts(try WorkbookWriter.data(book)).sheets().map(\.name)
        XCTAssertEqual(written, ["List 1  contacts", "List 1 contacts", String(repeating: "é", count: 31), "Lists", "Lists (2)"])
    }

    func testTextLongerThanACellHoldsIsCutAndSaysSo() throws {
        let huge = String(repeating: "U", count: 40_000)
        let book = Workbook(sheets: [Workbook.Sheet(name: "S", columns: [.init("V")], rows: [.init([.text(huge)])])])
        let reader = try XLSXReader(data: try WorkbookWriter.data(book), file: "s.xlsx", dateFormat: .dmy)
        var cells: [String] = []
        try reader.rows(of: reader.sheets[0]).forEachRecord { cells += $0.cells }
        let cell = try XCTUnwrap(cells.last)
        XCTAssertLessThanOrEqual(cell.utf16.count, 32_767)
        XCTAssertTrue(cell.hasPrefix("UUUU") && cell.hasSuffix("[cut: a cell holds at most 32767 characters]"), String(cell.suffix(60)))
    }

    func testAProblemNamesTheSheet() {
        let book = Workbook(sheets: [Workbook.Sheet(name: "Findings", columns: [.init("A")], rows: [.init([.text("1"), .text("2")])])])
        XCTAssertThrowsError(try WorkbookWriter.data(book)) { error in
            XCTAssertEqual("\(error)", "sheet 'Findings': row 2 has 2 cells for 1 columns")
        }
        XCTAssertThrowsError(try WorkbookWriter.data(Workbook(sheets: [.init(name: "Empty", columns: [])]))) { error in
            XCTAssertEqual("\(error)", "sheet 'Empty': a sheet needs at least one column")
        }
        XCTAssertThrowsError(try WorkbookWriter.data(Workbook(sheets: []))) { error in
            XCTAssertEqual("\(error)", "a workbook needs at least one sheet")
        }
    }
}
