import GRDB

/// One query of a mapping (`from-<source>.yml`) run over loaded data, its rows handed on as a
/// feed of the return's table, which the return then reads like a file. A query must give exactly
/// its table's columns (besides `_source`); dates come out in the return's own format.
enum MappingQuery {
    /// Each table's query of `mapping` (a table the mapping cannot make gives no feed).
    /// `values` are bound as for rules: every value is offered, a query binds those it names.
    static func feeds(_ mapping: SourceMapping, for spec: ReturnSpec, in db: Database, values: [String: String], label: String) throws -> [TableFeed] {
        try mapping.tables.compactMap { query in
            guard let sql = query.sql else { return nil }
            let table = spec.table(query.table)!
            return try feed(sql, table: query.table, entry: "tables.\(query.table)", of: mapping, for: spec,
                            columns: table.fields.filter { !$0.extra }.map(\.name), optional: table.fields.filter(\.extra).map(\.name),
                            dates: Set(table.fields.filter { $0.type == .date }.map(\.name)), in: db, values: values, label: label)
        }
    }

    static func feed(_ sql: String, table: String, entry: String, of mapping: SourceMapping, for spec: ReturnSpec,
                     columns wanted: [String], optional: [String] = [], dates: Set<String>,
                     in db: Database, values: [String: String], label: String) throws -> TableFeed {
        let fail = { (problem: String) in SpecError(file: mapping.file, entry: entry, problem: problem) }
        SQLFunctions.registerMapping(in: db, codeLists: spec.codeLists)
        let statement: Statement
        do { statement = try db.makeStatement(sql: sql) } catch let e as DatabaseError {
            throw fail("the SQL does not compile: \(e.message ?? "\(e)")")
        }
        let columns = statement.columnNames
        let missing = wanted.filter { !columns.contains($0) }
        let unknown = columns.filter { !wanted.contains($0) && !optional.contains($0) && $0 != "_source" }
        if !missing.isEmpty || !unknown.isEmpty {
            throw fail("the SELECT must give the columns " + wanted.joined(separator: ", ")
                       + (missing.isEmpty ? "" : "; it lacks \(missing.joined(separator: ", "))")
                       + (unknown.isEmpty ? "" : "; it gives \(unknown.joined(separator: ", ")), which are not among them"))
        }
        statement.setUncheckedArguments(StatementArguments(values))
        let header = columns.filter { $0 != "_source" }
        let source = columns.firstIndex(of: "_source")
        let dateColumns = Set(header.indices.filter { dates.contains(header[$0]) })
        var rows: [[String]] = [], origins: [String] = []
        do {
            let cursor = try Row.fetchCursor(statement)
            while let row = try cursor.next() {
                var cells: [String] = []
                cells.reserveCapacity(header.count)
                for i in 0..<row.count where i != source {
                    let text = SQLiteReader.text(row[i] as DatabaseValue)
                    cells.append(dateColumns.contains(cells.count) ? spec.dateFormat.write(isoOrAsIs: text) : text)
                }
                rows.append(cells)
                origins.append(source.map { SQLiteReader.text(row[$0] as DatabaseValue) } ?? "")
            }
        } catch let e as DatabaseError {
            throw fail("the SQL failed: \(e.message ?? "\(e)")")
        }
        return TableFeed(table: table, label: "\(label) as \(table)", header: header, rows: rows,
                         origins: source == nil ? nil : origins)
    }
}

extension ReturnSpec.DateFormat {
    /// An ISO date written in this format; any other text as it is (ingest then reports it).
    func write(isoOrAsIs text: String) -> String {
        guard self == .dmy, let d = SimpleDate(iso: text) else { return text }
        return d.dmy
    }
}
