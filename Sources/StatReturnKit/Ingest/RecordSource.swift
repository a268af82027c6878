/// Rows of a table file, header row first, each with the line (or sheet row) it is on:
/// a CSV file or an Excel worksheet.
protocol RecordSource {
    func forEachRecord(_ body: (CSVReader.Record) throws -> Void) throws
    /// Whether a row shorter than the header has its missing cells blank (Excel leaves out a row's
    /// trailing blank cells) rather than being malformed (a CSV record).
    var shortRowsAreBlank: Bool { get }
}

extension RecordSource {
    var shortRowsAreBlank: Bool { false }
}

extension CSVReader: RecordSource {}
