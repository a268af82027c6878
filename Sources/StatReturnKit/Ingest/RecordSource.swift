/// Rows of a table file, header row first, each with the line (or sheet row) it is on:
/// a CSV file or an Excel worksheet.
protocol RecordSource {
    func forEachRecord(_ body: (CSVReader.Record) throws -> Void) throws
}

extension CSVReader: RecordSource {}
