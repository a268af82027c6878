import Foundation
import GRDB

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
    private let parsers: [String: [ValueParser]]
    /// Set for `--fix`: the safe normalisations to apply before parsing, per table.
    private let cleansers: [String: [Cleanser]]?
    private let recognizer: TableRecognizer

    init(spec: ReturnSpec, database: ReturnDatabase, fix: Bool = false) throws {
        self.spec = spec
        self.database = database
        recognizer = TableRecognizer(tables: spec.tables)
        var parsers: [String: [ValueParser]] = [:]
        for t in spec.tables {
            parsers[t.name] = try t.fields.map {
                try ValueParser(field: $0, codeList: $0.codes.flatMap { spec.codeLists[$0] }, dateFormat: spec.dateFormat)
            }
        }
        self.parsers = parsers
        cleansers = fix ? Dictionary(uniqueKeysWithValues: spec.tables.map { t in
            (t.name, t.fields.map { Cleanser(field: $0, codeList: $0.codes.flatMap { spec.codeLists[$0] }, dateFormat: spec.dateFormat) })
        }) : nil
    }

    /// Loads a file whose table is known by its header row.
    func load(csv reader: CSVReader, file: String, previousYear: Bool) throws {
        try load(reader, file: file, previousYear: previousYear) { header, line in
            try recognizer.recognise(header: header, file: file, line: line)
        }
    }

    /// Loads CSV text as a named table; columns it leaves out are blank (rule examples).
    func load(csv reader: CSVReader, table: TableSpec, file: String, previousYear: Bool) throws {
        try load(reader, file: file, previousYear: previousYear) { header, line in
            try recognizer.match(table, header: header, file: file, line: line, partial: true)
        }
    }

    private func load(_ reader: CSVReader, file: String, previousYear: Bool,
                      match: ([String], Int) throws -> TableRecognizer.Match) throws {
        var m: TableRecognizer.Match?
        var raw: RawTable!
        var statement: Statement!
        var fieldParsers: [ValueParser] = []
        let checkValues = !previousYear
        do {
            try database.queue.inTransaction { db in
                try reader.forEachRecord { record in
                    guard let match = m else {
                        let found = try match(record.cells, record.line)
                        m = found
                        let name = found.table.name + (previousYear ? ReturnDatabase.previousSuffix : "")
                        raw = tables[name] ?? RawTable(name: name, spec: found.table)
                        tables[name] = raw
                        raw.beginFile(file)
                        fieldParsers = parsers[found.table.name]!
                        let columns = ["_row", "_line"] + found.table.fieldNames
                        statement = try db.makeStatement(sql: "INSERT INTO \(name.quotedDatabaseIdentifier) (\(columns.map(\.quotedDatabaseIdentifier).joined(separator: ","))) VALUES (\(Array(repeating: "?", count: columns.count).joined(separator: ",")))")
                        if !found.extraColumns.isEmpty {
                            warnings.append("\(file): columns not in the \(found.table.name) table were ignored: \(found.extraColumns.joined(separator: ", "))")
                        }
                        return
                    }
                    try insert(record, match: match, raw: raw, parsers: fieldParsers, statement: statement,
                               file: file, checkValues: checkValues)
                }
                return .commit
            }
        } catch let e as CSVReader.MalformedCSV {
            throw InputError(file: file, line: e.line, problem: e.problem)
        }
        if m == nil { throw InputError(file: file, line: 1, problem: "the file is empty: no header row") }
    }

    private func insert(_ record: CSVReader.Record, match: TableRecognizer.Match, raw: RawTable,
                        parsers: [ValueParser], statement: Statement, file: String, checkValues: Bool) throws {
        let width = match.columnFields.count
        if record.cells.count < width || record.cells[width...].contains(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            throw InputError(file: file, line: record.line,
                             problem: "the record has \(record.cells.count) cells but the header has \(width)")
        }
        var cells = [String](repeating: "", count: parsers.count)
        for (i, f) in match.columnFields.enumerated() {
            if let f { cells[f] = record.cells[i] }
        }
        if let cleansers = cleansers?[match.table.name] {
            let row = raw.count + 1
            for (i, c) in cleansers.enumerated() {
                if let (value, reason) = c.clean(cells[i]) {
                    fixes.append(Fix(file: file, row: raw.location(of: row).row, field: c.field.name,
                                     before: cells[i], after: value, reason: reason))
                    cells[i] = value
                }
            }
        }
        let row = raw.append(cells)
        var values: [DatabaseValue] = [row.databaseValue, record.line.databaseValue]
        values.reserveCapacity(cells.count + 2)
        for (i, parser) in parsers.enumerated() {
            switch parser.parse(cells[i]) {
            case .value(let v):
                values.append(v)
            case .blank:
                values.append(.null)
                if checkValues, parser.field.required, let code = parser.field.missing ?? parser.field.invalid {
                    hits.append(RuleHit(code: code, table: raw.name, row: row, related: [], child: nil, fields: [parser.field.name]))
                }
            case .invalid:
                values.append(.null)
                if checkValues, let code = parser.field.invalid ?? parser.field.missing {
                    hits.append(RuleHit(code: code, table: raw.name, row: row, related: [], child: nil, fields: [parser.field.name]))
                }
            }
        }
        statement.setUncheckedArguments(StatementArguments(values))
        try statement.execute()
    }
}
