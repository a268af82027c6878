/// Records of one table that come from a query rather than a file's bytes (a table of a
/// database extract, or a return table derived from one), each with where it came from. It is
/// read like a file given for that table: the same ingest, field checks and `--fix`.
public struct TableFeed: Sendable {
    /// The table of the return the records are for.
    public var table: String
    /// Shown where a file's name would be ("ssd.sqlite [ssd_person]").
    public var label: String
    public var header: [String]
    public var rows: [[String]]
    /// Each row's origin (a source table and key), when known.
    public var origins: [String]?

    public init(table: String, label: String, header: [String], rows: [[String]], origins: [String]? = nil) {
        self.table = table; self.label = label; self.header = header; self.rows = rows; self.origins = origins
    }
}

extension TableFeed: RecordSource {
    /// The header is "line 1" and each row the line after, so a row is found by its number.
    func forEachRecord(_ body: (CSVReader.Record) throws -> Void) throws {
        try body(CSVReader.Record(cells: header, line: 1))
        for (i, cells) in rows.enumerated() {
            var record = CSVReader.Record(cells: cells, line: i + 2)
            record.origin = origins?[i]
            try body(record)
        }
    }
}
