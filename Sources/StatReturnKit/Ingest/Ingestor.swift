import Foundation
import GRDB
import GRDBSQLite

/// Reads return files into the typed tables and keeps their raw text. Every value is
/// parsed once, here; a blank required value or a malformed one becomes a hit under
/// the rule code its field names.
final class Ingestor {
    let spec: ReturnSpec
    let database: ReturnDatabase
    private(set) var tables: [String: RawTable] = [:]
    private(set) var hits: [RuleHit] = []
    private(set) var warnings: [String] = []
    private(set) var fixes: [Fix] = []
    /// Whether a file was checked against the return's schema as it was read.
    private(set) var schemaChecked = false
    /// Values that were present but malformed (reported under their field's `invalid` code and
    /// stored as NULL), so a rule that reads the NULL as blank is not reported as well.
    private(set) var malformed: Set<MalformedValue> = []
    private let parsers: [String: [ValueParser]]
    /// Set for `--fix`: the safe normalisations to apply before parsing, per table.
    private let cleansers: [String: [Cleanser]]?
    /// Without `--fix`: the same normalisations, only to say which malformed values they would clear.
    private let wouldBeCleansers: [String: [Cleanser]]
    /// Malformed values `--fix` would have made readable (counted when it was not given).
    private(set) var fixable: Set<MalformedValue> = []
    private let recognizer: TableRecognizer

    /// For a companion return (e.g. the 903 beside the CIN census): its tables are named
    /// `<return>_<Table>`, and its values are not checked here (it is validated on its own).
    private let companionPrefix: String?

    init(spec: ReturnSpec, database: ReturnDatabase, fix: Bool = false, companionOf: Bool = false) throws {
        self.spec = spec
        companionPrefix = companionOf ? spec.returnName + "_" : nil
        self.database = database
        recognizer = TableRecognizer(tables: spec.tables)
        var parsers: [String: [ValueParser]] = [:]
        for t in spec.tables {
            parsers[t.name] = try t.fields.map {
                try ValueParser(field: $0, codeList: $0.codes.flatMap { spec.codeLists[$0] }, dateFormat: spec.dateFormat)
            }
        }
        self.parsers = parsers
        let all = Dictionary(uniqueKeysWithValues: spec.tables.map { t in
            (t.name, t.fields.map { Cleanser(field: $0, codeList: $0.codes.flatMap { spec.codeLists[$0] }, dateFormat: spec.dateFormat) })
        })
        cleansers = fix ? all : nil
        wouldBeCleansers = fix ? [:] : all
    }

    /// Where one file's records of one table go: its raw text and its SQLite table.
    private struct Sink {
        let raw: RawTable
        let table: TableSpec
        let statement: Statement
        let file: String
        let checkValues: Bool
        let parsers: [ValueParser]
        let cleansers: [Cleanser]
        /// Fields the file has no column for: unknown, so not reported as missing.
        var absent: Set<Int> = []
    }

    private func sink(for table: TableSpec, file: String, previousYear: Bool, placed: Bool, db: Database) throws -> Sink {
        let name = (companionPrefix ?? "") + table.name + (previousYear ? ReturnDatabase.previousSuffix : "")
        let raw = tables[name] ?? RawTable(name: name, spec: table)
        tables[name] = raw
        raw.beginFile(file, placed: placed)
        let columns = (["_row", "_line"] + table.fieldNames).map(\.quotedDatabaseIdentifier)
        let statement = try db.makeStatement(sql: "INSERT INTO \(name.quotedDatabaseIdentifier) (\(columns.joined(separator: ","))) VALUES (\(Array(repeating: "?", count: columns.count).joined(separator: ",")))")
        return Sink(raw: raw, table: table, statement: statement, file: file, checkValues: !previousYear && companionPrefix == nil,
                    parsers: parsers[table.name]!, cleansers: cleansers?[table.name] ?? [])
    }

    /// Names something about the input that the run's summary should say.
    func note(_ warning: String) { warnings.append(warning) }

    /// Loads a CSV file or worksheet whose table is known by its header row.
    func load(rows reader: RecordSource, file: String, previousYear: Bool) throws {
        try load(reader, file: file, previousYear: previousYear, titles: true, known: false) { header, line in
            try recognizer.recognise(header: header, file: file, line: line) { reader.cellName(column: $0, line: line) }
        }
    }

    /// Loads CSV text as a named table. With `exact`, the header must be that table's (a file given
    /// for it by an option); otherwise columns it leaves out are blank (rule examples). A table with
    /// `keep_only` keeps only the records the return can look up (its files are read last).
    func load(rows reader: RecordSource, table: TableSpec, file: String, previousYear: Bool, exact: Bool = false) throws {
        try load(reader, file: file, previousYear: previousYear, titles: exact, known: true) { header, line in
            exact ? try TableRecognizer(tables: [table]).recognise(header: header, file: file, line: line) { reader.cellName(column: $0, line: line) }
                  : try recognizer.match(table, header: header, file: file, line: line, partial: true)
        }
    }

    /// With `titles`, rows above the header that hold one value at most (a sheet's title, a
    /// "produced on" line) are skipped and named in the warnings.
    private func load(_ reader: RecordSource, file: String, previousYear: Bool, titles: Bool, known: Bool,
                      match: ([String], Int) throws -> TableRecognizer.Match) throws {
        var found: (match: TableRecognizer.Match, sink: Sink)?
        var titleRows: [(line: Int, text: String, error: Error)] = []
        var blank = BlankLines()
        // For a list read in part: the column compared and the values wanted; records read and kept.
        var keep: (column: Int?, values: Set<String>)?
        var records = 0, kept = 0
        var ignored: String?
        do {
            try database.queue.inTransaction { db in
                try reader.forEachRecord { record in
                    blank.add(before: record, aboveHeader: found == nil)
                    guard let (m, sink) = found else {
                        let given = record.cells.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
                        if titles, given.count <= 1 {
                            do { _ = try match(record.cells, record.line) } catch {
                                titleRows.append((record.line, given.first ?? "", error))
                                return
                            }
                        }
                        let m = try match(record.cells, record.line)
                        if known, !previousYear, companionPrefix == nil, let k = m.table.keepOnly, let i = m.table.fields.firstIndex(where: { $0.name == k.field }) {
                            keep = (m.columnFields.firstIndex(of: i), Set(try String?.fetchAll(db, sql: k.sql).compactMap { $0.map(Self.lookupForm) }))
                        }
                        // A sheet's rows are found by the row Excel shows; a list read in part's by its record number.
                        var s = try sink(for: m.table, file: file, previousYear: previousYear, placed: keep != nil || reader.isSheet, db: db)
                        s.absent = m.absentFields
                        found = (m, s)
                        if !m.extraColumns.isEmpty {
                            // A download such as the ONS postcode directory has dozens: name a few, count the rest.
                            let extra = m.extraColumns, shown = extra.prefix(extra.count > 6 ? 4 : 6).joined(separator: ", ")
                            ignored = (extra.count == 1 ? "1 column" : "\(extra.count) columns") + " not in the \(m.table.name) table "
                                + (extra.count == 1 ? "was" : "were") + " ignored: " + shown + (extra.count > 6 ? " and \(extra.count - 4) more" : "")
                            if keep == nil { warnings.append("\(file): \(ignored!)") }
                        }
                        return
                    }
                    let width = m.columnFields.count
                    if record.cells.count < width && !reader.shortRowsAreBlank || record.cells.dropFirst(width).contains(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) {
                        throw InputError(file: file, line: record.line,
                                         problem: "the record has \(record.cells.count) cells but the header has \(width)")
                    }
                    records += 1
                    if let keep {
                        let value = keep.column.flatMap { $0 < record.cells.count ? record.cells[$0] : nil } ?? ""
                        guard keep.values.contains(Self.lookupForm(value)) else { return }
                        kept += 1
                    }
                    var cells = [String](repeating: "", count: m.table.fields.count)
                    for (i, f) in m.columnFields.enumerated() {
                        if let f, i < record.cells.count { cells[f] = record.cells[i] }
                    }
                    try insert(cells, line: record.line, place: keep == nil ? nil : records, into: sink,
                               recoded: record.recoded.compactMap { $0 < width ? m.columnFields[$0] : nil }, origin: record.origin)
                }
                return .commit
            }
        } catch let e as CSVReader.MalformedCSV {
            throw InputError(file: file, line: e.line, problem: e.problem)
        }
        // Rows skipped as titles with no header after them were the file's trouble, not titles.
        if found == nil { throw titleRows.first?.error ?? InputError(file: file, line: 1, problem: "the file is empty: no header row") }
        for t in titleRows { warnings.append("\(file):\(t.line): a title row above the header was skipped ('\(t.text)')") }
        if let said = blank.said(word: reader.lineWord) { warnings.append("\(file): \(said)") }
        if keep != nil {
            warnings.append("\(file): \(kept) of its \(records) records were kept, those the return can look up"
                            + (ignored.map { "; \($0)" } ?? ""))
        }
    }

    /// The wholly blank lines (sheet rows) a table's reader skipped, above its header and among
    /// its records, said in the run's warnings so that no row is passed over silently. Blank
    /// lines after the last record are not counted: nothing comes after them.
    private struct BlankLines {
        var above: [ClosedRange<Int>] = [], among: [ClosedRange<Int>] = []

        mutating func add(before record: CSVReader.Record, aboveHeader: Bool) {
            guard record.blankBefore > 0 else { return }
            let lines = (record.line - record.blankBefore)...(record.line - 1)
            if aboveHeader { above.append(lines) } else { among.append(lines) }
        }

        /// "3 blank rows skipped: rows 1-2 above the header, row 7 among the records".
        func said(word: String) -> String? {
            let count = (above + among).reduce(0) { $0 + $1.count }
            guard count > 0 else { return nil }
            func place(_ ranges: [ClosedRange<Int>], _ whereabouts: String) -> String? {
                guard !ranges.isEmpty else { return nil }
                let n = ranges.reduce(0) { $0 + $1.count }
                let listed = ranges.prefix(10).map { $0.count == 1 ? "\($0.lowerBound)" : "\($0.lowerBound)-\($0.upperBound)" }
                return "\(word)\(n == 1 ? "" : "s") \(listed.joined(separator: ", "))\(ranges.count > 10 ? ", ..." : "") \(whereabouts)"
            }
            return "\(count) blank \(word)\(count == 1 ? "" : "s") skipped: "
                + [place(above, "above the header"), place(among, "among the records")].compactMap { $0 }.joined(separator: ", ")
        }
    }

    /// A value as a list read in part compares it: in capitals, without spaces.
    private static func lookupForm(_ value: String) -> String {
        String(ValueParser.trimmed(value).uppercased().filter { $0 != " " })
    }

    /// `--fix` for values a rule mends from other records (the rules with a `fix`, in code order,
    /// each seeing the changes of those before): each `_fix` the rule gives that its field reads
    /// is put in place, in the table and its raw text, and listed. A rule that cannot run mends
    /// nothing; it is reported when the rules run.
    func mend(with rules: [RuleSpec], period: CollectionPeriod, parameters: [String: String]) throws {
        for rule in rules.filter({ $0.fix != nil }).sorted(by: { $0.code < $1.code }) {
            let outcome = RuleRunner.run(rule, on: database.queue, period: period, extra: parameters)
            for hit in outcome.hits {
                guard let value = hit.fix, let name = hit.table, let row = hit.row, let raw = tables[name],
                      let field = hit.fields?.first ?? rule.fields.first,
                      let i = raw.spec.fields.firstIndex(where: { $0.name == field }),
                      let parser = parsers[raw.spec.name]?[i], case .value(let typed) = parser.parse(value) else { continue }
                let before = raw.records[row - 1][i]
                try database.queue.write { db in
                    try db.execute(sql: "UPDATE \(name.quotedDatabaseIdentifier) SET \(field.quotedDatabaseIdentifier) = ? WHERE _row = ?",
                                   arguments: [typed, row])
                }
                raw.replace(row: row, field: i, with: value)
                let place = raw.location(of: row)
                fixes.append(Fix(file: place.file, row: place.row, field: field, before: before, after: value, reason: rule.fix!))
                // What was found on the value as it was given no longer holds.
                hits.removeAll { $0.table == name && $0.row == row && $0.fields == [field] }
            }
        }
    }

    /// Loads a file in the return's XML form.
    func load(xml data: Data, file: String, previousYear: Bool) throws {
        guard let mapping = spec.xml else {
            throw InputError(file: file, problem: "\(spec.title) \(spec.year) has no XML form; give its tables as CSV")
        }
        let reader = XMLReader(mapping: mapping, tables: Dictionary(uniqueKeysWithValues: spec.tables.map { ($0.name, $0) }),
                               schema: previousYear ? nil : spec.schemaFile)
        if reader.schema != nil { schemaChecked = true }
        try database.queue.inTransaction { db in
            var sinks: [String: (sink: Sink, fields: [String])] = [:]
            let notes = try reader.read(data, file: file) { record in
                if sinks[record.table] == nil {
                    let table = spec.table(record.table)!
                    sinks[record.table] = (try sink(for: table, file: file, previousYear: previousYear, placed: true, db: db), table.fieldNames)
                }
                let (sink, fields) = sinks[record.table]!
                try insert(fields.map { record.values[$0] ?? "" }, line: record.line, into: sink)
            }
            // A table none of whose elements appear is empty, not missing: only separate files can leave one out.
            for name in mapping.tables where sinks[name] == nil {
                _ = try sink(for: spec.table(name)!, file: file, previousYear: previousYear, placed: true, db: db)
            }
            for p in notes.schemaProblems {
                hits.append(RuleHit(code: spec.rules.first { $0.check == .schema }!.code, table: nil, row: nil, related: [], child: p.child.isEmpty ? nil : p.child,
                                    fields: ["element", "problem"], place: .init(file: file, line: p.line, values: [p.path, p.message])))
            }
            for (path, line) in notes.unknown.sorted(by: { $0.value < $1.value }) where notes.schemaProblems.isEmpty {
                warnings.append("\(file):\(line): element \(path) is not part of the return and was ignored")
            }
            return .commit
        }
    }

    /// `place` is where the record is in its file, when that is not its order (a list read in part).
    private func insert(_ given: [String], line: Int, place: Int? = nil, into sink: Sink, recoded: [Int] = [], origin: String? = nil) throws {
        var cells = given
        var changed = recoded.map { (field: sink.table.fields[$0].name, before: "(not UTF-8)", after: given[$0], reason: "read as Windows-1252") }
        for (i, c) in sink.cleansers.enumerated() {
            if let (value, reason) = c.clean(cells[i]) {
                changed.append((c.field.name, cells[i], value, reason))
                cells[i] = value
            }
        }
        let row = sink.raw.append(cells, place: place ?? line, origin: origin)
        let place = sink.raw.location(of: row).row
        fixes += changed.map { Fix(file: sink.file, row: place, field: $0.field, before: $0.before, after: $0.after, reason: $0.reason) }
        // Values are bound straight to SQLite's statement: building GRDB's StatementArguments for
        // each record was a quarter of the time ingest takes.
        let insert = sink.statement.sqliteStatement
        sqlite3_reset(insert)
        sqlite3_bind_int64(insert, 1, Int64(row))
        sqlite3_bind_int64(insert, 2, Int64(line))
        for (i, parser) in sink.parsers.enumerated() {
            let column = Int32(i + 3)
            switch parser.parse(cells[i]) {
            case .value(let v):
                bind(v, at: column, of: insert)
            case .blank:
                sqlite3_bind_null(insert, column)
                if sink.checkValues, parser.field.required, !sink.absent.contains(i), let code = parser.field.missing ?? parser.field.invalid {
                    hits.append(RuleHit(code: code, table: sink.raw.name, row: row, related: [], child: nil, fields: [parser.field.name]))
                }
            case .invalid:
                sqlite3_bind_null(insert, column)
                if sink.checkValues { malformed.insert(MalformedValue(table: sink.raw.name, row: row, field: parser.field.name)) }
                // Only where a value is malformed is it worth asking what --fix would have made of it.
                if sink.checkValues, let c = wouldBeCleansers[sink.table.name]?[i], let (clean, _) = c.clean(cells[i]),
                   case .value = parser.parse(clean) {
                    fixable.insert(MalformedValue(table: sink.raw.name, row: row, field: parser.field.name))
                }
                if sink.checkValues, let code = parser.field.invalid ?? parser.field.missing {
                    hits.append(RuleHit(code: code, table: sink.raw.name, row: row, related: [], child: nil, fields: [parser.field.name]))
                }
            }
        }
        let done = sqlite3_step(insert)
        guard done == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: done), message: String(cString: sqlite3_errmsg(sqlite3_db_handle(insert))))
        }
    }

    private func bind(_ value: DatabaseValue, at column: Int32, of insert: SQLiteStatement) {
        switch value.storage {
        case .null: sqlite3_bind_null(insert, column)
        case .int64(let n): sqlite3_bind_int64(insert, column, n)
        case .double(let d): sqlite3_bind_double(insert, column, d)
        case .string(let text):
            var text = text
            text.withUTF8 { bytes in
                if let base = bytes.baseAddress {
                    _ = base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                        sqlite3_bind_text(insert, column, $0, Int32(bytes.count), Self.transient)
                    }
                } else {
                    _ = sqlite3_bind_text(insert, column, "", 0, Self.transient)
                }
            }
        case .blob(let data):
            data.withUnsafeBytes { _ = sqlite3_bind_blob(insert, column, $0.baseAddress, Int32($0.count), Self.transient) }
        }
    }

    /// SQLite's SQLITE_TRANSIENT (copy the bytes now), which Swift does not import as a macro.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}

/// One value of a record that was given but could not be read.
struct MalformedValue: Hashable {
    var table: String
    var row: Int
    var field: String
}
