/// Rows of a table file, header row first, each with the line (or sheet row) it is on:
/// a CSV file or an Excel worksheet.
protocol RecordSource {
    func forEachRecord(_ body: (CSVReader.Record) throws -> Void) throws
    /// Whether a row shorter than the header has its missing cells blank (Excel leaves out a row's
    /// trailing blank cells) rather than being malformed (a CSV record).
    var shortRowsAreBlank: Bool { get }
    /// Whether the rows are a worksheet's: a record is then known by its row in the sheet, as
    /// Excel numbers it (the header, titles and blank rows counted), and a cell by its reference.
    var isSheet: Bool { get }
}

extension RecordSource {
    var shortRowsAreBlank: Bool { false }
    var isSheet: Bool { false }
    /// A cell's name in messages, by its column (0-based) and line: `C1` in a sheet, `column 3` in a file.
    func cellName(column: Int, line: Int) -> String {
        isSheet ? WorkbookWriter.columnLetters(column) + String(line) : "column \(column + 1)"
    }
    /// What a line is called in messages: a sheet's `row`, a file's `line`.
    var lineWord: String { isSheet ? "row" : "line" }
}

extension CSVReader: RecordSource {}
