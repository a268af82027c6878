import Foundation
import GRDB

/// The in-memory SQLite database a scorecard is worked out in: each table of the source with
/// the rows of every year given (`_year` says which: `2025-26`), `_years` (the scorecard's years
/// given, with their `start` and `end`), and the cohort table, which the source's SQL fills and
/// the measures read. Dates are ISO text, as in a return's own database.
final class ScorecardDatabase {
    let queue: DatabaseQueue
    let spec: ScorecardSpec

    static let yearColumn = "_year", yearsTable = "_years"

    /// `tables`: the source's tables, each with the fields any year's spec gives it.
    init(spec: ScorecardSpec, tables: [(name: String, fields: [FieldSpec])] = [],
         years: [(year: String, period: CollectionPeriod)] = []) throws {
        self.spec = spec
        queue = try DatabaseQueue()
        try queue.writeWithoutTransaction { db in
            for t in tables {
                let columns = ["\(Self.yearColumn) TEXT"] + t.fields.map { "\($0.name.quotedDatabaseIdentifier) \($0.sqlType)" }
                try db.execute(sql: "CREATE TABLE \(t.name.quotedDatabaseIdentifier) (\(columns.joined(separator: ", ")))")
            }
            try db.execute(sql: "CREATE TABLE \(Self.yearsTable) (year TEXT, start TEXT, \"end\" TEXT)")
            for y in years {
                try db.execute(sql: "INSERT INTO \(Self.yearsTable) VALUES (?, ?, ?)", arguments: [y.year, y.period.start.iso, y.period.end.iso])
            }
            let columns = spec.cohort.columns.map { "\($0.name.quotedDatabaseIdentifier) \($0.sqlType)" }
            try db.execute(sql: "CREATE TABLE \(spec.cohort.name.quotedDatabaseIdentifier) (\(columns.joined(separator: ", ")))")
        }
    }

    /// Copies a table of a year's loaded return in, its rows marked with the year.
    func add(_ table: TableSpec, from loaded: LoadedReturn, year: String) throws {
        let names = table.fields.map(\.name.quotedDatabaseIdentifier)
        let rows = try loaded.database.queue.read { db in
            try Row.fetchAll(db, sql: "SELECT \(names.joined(separator: ", ")) FROM \(table.name.quotedDatabaseIdentifier)")
        }
        try queue.inTransaction { db in
            let insert = try db.makeStatement(sql: "INSERT INTO \(table.name.quotedDatabaseIdentifier) (\(Self.yearColumn), \(names.joined(separator: ", "))) "
                                                  + "VALUES (\(Array(repeating: "?", count: names.count + 1).joined(separator: ", ")))")
            for row in rows { try insert.execute(arguments: StatementArguments([year as DatabaseValueConvertible] + Array(row.databaseValues))) }
            return .commit
        }
    }

    /// Fills the cohort table from the source's tables.
    func makeCohort(_ source: ScorecardSpec.Source) throws {
        let columns = spec.cohort.columns.map(\.name.quotedDatabaseIdentifier).joined(separator: ", ")
        try queue.write { db in
            try db.execute(sql: "INSERT INTO \(spec.cohort.name.quotedDatabaseIdentifier) (\(columns)) SELECT \(columns) FROM (\(source.sql))")
        }
    }

    /// Puts rows of the cohort in directly (a measure's example): each a value by column name,
    /// blank for NULL.
    func insertCohort(_ rows: [[String: String]]) throws {
        try queue.inTransaction { db in
            for row in rows {
                let columns = spec.cohort.columns.filter { row[$0.name] != nil }
                let values: [DatabaseValueConvertible?] = columns.map { row[$0.name]!.isEmpty ? nil : row[$0.name]! }
                try db.execute(sql: "INSERT INTO \(spec.cohort.name.quotedDatabaseIdentifier) (\(columns.map(\.name.quotedDatabaseIdentifier).joined(separator: ", "))) "
                                  + "VALUES (\(Array(repeating: "?", count: columns.count).joined(separator: ", ")))",
                               arguments: StatementArguments(values))
            }
            return .commit
        }
    }

    /// A query's column names and rows.
    func select(_ sql: String) throws -> (columns: [String], rows: [[DatabaseValue]]) {
        try queue.read { db in
            let statement = try db.makeStatement(sql: sql)
            return (statement.columnNames, try Row.fetchAll(statement).map { Array($0.databaseValues) })
        }
    }

    /// SQLite's own words for a query that failed.
    static func reason(_ error: Error) -> String { (error as? DatabaseError)?.message ?? "\(error)" }

    /// The columns a query would give, without running it; a query that does not compile throws.
    func columns(of sql: String) throws -> [String] {
        try queue.read { db in try db.makeStatement(sql: sql).columnNames }
    }
}
