import CSQLiteTuning
import Foundation
import GRDB

/// The in-memory SQLite database a return is loaded into: one table per spec table,
/// a `<name>_last` twin for last year's return, and `<return>_<name>` for companion returns. Each has `_row` (position in the
/// input, 1-based) and `_line` (the line in the file), then the spec's fields, typed.
final class ReturnDatabase {
    let queue: DatabaseQueue
    let spec: ReturnSpec

    static let previousSuffix = "_last"

    init(spec: ReturnSpec) throws {
        self.spec = spec
        queue = try ReturnDatabase.makeQueue(spec)
        try queue.writeWithoutTransaction { db in
            for (t, name) in Self.tableNames(spec) {
                let columns = ["_row INTEGER PRIMARY KEY", "_line INTEGER"]
                    + t.fields.map { "\($0.name.quotedDatabaseIdentifier) \($0.sqlType)" }
                try db.execute(sql: "CREATE TABLE \(name.quotedDatabaseIdentifier) (\(columns.joined(separator: ", ")))")
            }
        }
    }

    /// Configured once, before the first connection opens (see CSQLiteTuning).
    private static let tuned: Int32 = statreturn_tune_sqlite()

    private static func makeQueue(_ spec: ReturnSpec) throws -> DatabaseQueue {
        _ = tuned
        var config = Configuration()
        config.prepareDatabase { db in
            SQLFunctions.register(in: db, calendar: spec.calendar, codeLists: spec.codeLists)
            // Rules sort whole tables (window functions by child and date): keep that off disk.
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
        }
        return try DatabaseQueue(configuration: config)
    }

    /// Indexes what rules join and order by, once all rows are in: the child, the table's key
    /// (e.g. child then start date, which window functions walk in order), and each field that
    /// points to another table's record (an SSD episode's period of care), which mappings join on.
    /// (Done early, and once, when a mapping reads the companions before the return's own rows are in.)
    func indexTables() throws {
        try queue.writeWithoutTransaction { db in
            for (t, name) in Self.tableNames(spec) {
                var indexes: [[String]] = t.childField.map { [[$0]] } ?? []
                if t.key != indexes.first { indexes.append(t.key) }
                indexes += t.fields.filter { $0.references != nil && [$0.name] != t.key && $0.name != t.childField }.map { [$0.name] }
                for (i, columns) in indexes.enumerated() {
                    try db.execute(sql: "CREATE INDEX IF NOT EXISTS \("\(name)_\(i)".quotedDatabaseIdentifier) ON \(name.quotedDatabaseIdentifier)(\(columns.map(\.quotedDatabaseIdentifier).joined(separator: ", ")))")
                }
            }
        }
    }

    /// Indexes the tables, then works out the spec's derived tables, with the collection
    /// `parameters` bound.
    func finishLoading(parameters: [String: String]) throws {
        try indexTables()
        try queue.writeWithoutTransaction { db in
            for d in spec.derived {
                let name = d.name.quotedDatabaseIdentifier
                do {
                    let select = try db.makeStatement(sql: d.sql)
                    let used = Set(select.parameterNames.map { String($0.dropFirst()) })
                    try db.execute(sql: "CREATE TABLE \(name) AS \(d.sql)",
                                   arguments: StatementArguments(parameters.filter { used.contains($0.key) }))
                    if let child = spec.tables.lazy.compactMap(\.childField).first, select.columnNames.contains(child) {
                        try db.execute(sql: "CREATE INDEX \("\(d.name)_child".quotedDatabaseIdentifier) ON \(name)(\(child.quotedDatabaseIdentifier))")
                    }
                } catch let e as DatabaseError {
                    throw SpecError(file: d.source, entry: "derived \(d.name)", problem: "bad SQL: \(e.message ?? "\(e)")")
                }
            }
            // Sampled statistics plan the rules as well as full ones, at a hundredth of the time
            // (0.11 s at 100,000 children).
            try db.execute(sql: "PRAGMA analysis_limit = 1000")
            try db.execute(sql: "ANALYZE")
        }
    }

    /// Every SQLite table with its spec: this year's, last year's, and the companions'.
    static func tableNames(_ spec: ReturnSpec) -> [(TableSpec, String)] {
        spec.tables.flatMap { [($0, $0.name), ($0, $0.name + previousSuffix)] }
            + spec.companions.sorted { $0.key < $1.key }.flatMap { ret, c in c.tables.map { ($0, "\(ret)_\($0.name)") } }
    }

    /// Writes the loaded tables to an SQLite file, for an analyst to query with any SQLite tool:
    /// under a temporary name first, so a failed run leaves no half-written file.
    func keep(at file: URL) throws {
        let temp = file.deletingLastPathComponent().appendingPathComponent(".\(file.lastPathComponent).partial-\(getpid())")
        try? FileManager.default.removeItem(at: temp)
        do {
            let target = try DatabaseQueue(path: temp.path)
            try queue.backup(to: target)
            try target.close()
            if rename(temp.path, file.path) != 0 { throw InputError(file: file.path, problem: String(cString: strerror(errno))) }
        } catch {
            try? FileManager.default.removeItem(at: temp)
            throw InputError(file: file.path, problem: "the database cannot be written (\(error))")
        }
    }

    /// Independent copies of the loaded database, one per worker, so rules run in parallel
    /// without sharing a connection.
    func copies(_ n: Int) throws -> [DatabaseQueue] {
        var result = [queue]
        for _ in 1..<max(n, 1) {
            let copy = try ReturnDatabase.makeQueue(spec)
            try queue.backup(to: copy)
            result.append(copy)
        }
        return result
    }
}
