import Foundation
import GRDB

/// A database holding a dataset's tables under the spec's names (an SSD extract): an SQLite
/// file, opened read-only, or a PostgreSQL server (`postgres://...`), read in one read-only
/// transaction so every table comes from the same moment. Each table the spec names and the
/// database has becomes a feed of text cells, ordered by its key, with each row's origin (table
/// and key); nothing is ever written to the database.
public enum DatabaseSource {
    /// Whether `source` names a database rather than files: a PostgreSQL URL, or an SQLite file.
    public static func isDatabase(_ source: String) -> Bool {
        if isPostgres(source) { return true }
        guard let handle = FileHandle(forReadingAtPath: source) else { return false }
        defer { try? handle.close() }
        return (try? handle.read(upToCount: 16)) == Data("SQLite format 3\0".utf8)
    }

    static func isPostgres(_ source: String) -> Bool {
        source.hasPrefix("postgres://") || source.hasPrefix("postgresql://")
    }

    /// A source as reports and records may show it: a PostgreSQL URL without its password.
    static func shown(_ source: String) -> String {
        isPostgres(source) ? (try? PostgresReader(url: source).name) ?? "the PostgreSQL database" : source
    }

    /// The feeds of the spec's tables found in the database, and notes on what was not read.
    public static func feeds(_ source: String, spec: ReturnSpec) throws -> (feeds: [TableFeed], notes: [String]) {
        let reader: any TableReader = isPostgres(source) ? try PostgresReader(url: source) : try SQLiteReader(path: source)
        return try reader.read { columnsOf, select in
            var feeds: [TableFeed] = [], notes: [String] = []
            for table in spec.tables {
                guard let described = try columnsOf(table.name) else { continue }
                let present = described.map(\.name)
                let byLower = Dictionary(present.map { ($0.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })
                let typeOf = Dictionary(described.map { ($0.name, $0.type.lowercased()) }, uniquingKeysWith: { a, _ in a })
                let wanted = table.fields.filter { byLower[$0.name.lowercased()] != nil }
                let ignored = present.filter { c in !table.fields.contains { $0.name.lowercased() == c.lowercased() } }
                if !ignored.isEmpty { notes.append("\(reader.name) [\(table.name)]: columns not in the spec were not read: \(ignored.joined(separator: ", "))") }
                let columns = wanted.map { byLower[$0.name.lowercased()]! }
                // Sorted here, by key and then every column, rather than by the server: the same rows
                // then come in the same order from every kind of database (collations differ).
                let keyFirst = table.key.compactMap { k in wanted.firstIndex { $0.name == k } } + wanted.indices
                var rows = try select(table.name, columns).sorted { a, b in
                    for i in keyFirst where a[i] != b[i] { return a[i] < b[i] }
                    return false
                }
                // Only a column the database holds as a date or time: in a text column the time is the value's.
                let dates = wanted.indices.filter { i in
                    wanted[i].type == .date && (typeOf[columns[i]].map { $0.contains("date") || $0.contains("time") } ?? false)
                }
                for r in rows.indices { for i in dates { rows[r][i] = Self.dateOfTimestamp(rows[r][i]) } }
                let keyIndexes = table.key.compactMap { k in wanted.firstIndex { $0.name == k } }
                let origins = rows.map { row in
                    table.name + " " + keyIndexes.map { "\(wanted[$0].name)=\(row[$0])" }.joined(separator: ", ")
                }
                feeds.append(TableFeed(table: table.name, label: "\(reader.name) [\(table.name)]", header: wanted.map(\.name),
                                       rows: rows, origins: origins))
            }
            return (feeds, notes)
        }
    }

    /// A database's date or timestamp column read as text may carry a time of midnight (`2024-05-01 00:00:00`,
    /// SQL Server's `.000`): that is the column's type, not the value, so the date is kept.
    static func dateOfTimestamp(_ text: String) -> String {
        guard text.count > 10, text.utf8.count <= 27, SimpleDate(iso: text.prefix(10)) != nil else { return text }
        let time = text.dropFirst(10)
        guard time.first == " " || time.first == "T",
              time.dropFirst().allSatisfy({ $0 == "0" || $0 == ":" || $0 == "." }) else { return text }
        return String(text.prefix(10))
    }
}

/// One kind of database, read table by table within one read-only session.
protocol TableReader {
    /// How the source is named in messages (never with a password).
    var name: String { get }
    /// Runs `body` in a read-only session with two functions: the columns of a table with their
    /// declared types (nil when the database has no such table) and the rows of chosen columns as text.
    func read<T>(_ body: (_ columns: (String) throws -> [(name: String, type: String)]?, _ select: (String, [String]) throws -> [[String]]) throws -> T) throws -> T
}

/// An SQLite file, opened read-only (SQLite then refuses any write).
struct SQLiteReader: TableReader {
    let path: String
    var name: String { path }

    init(path: String) throws {
        guard FileManager.default.isReadableFile(atPath: path) else { throw InputError(file: path, problem: "the database cannot be read") }
        self.path = path
    }

    func read<T>(_ body: ((String) throws -> [(name: String, type: String)]?, (String, [String]) throws -> [[String]]) throws -> T) throws -> T {
        var config = Configuration()
        config.readonly = true
        do {
            let queue = try DatabaseQueue(path: path, configuration: config)
            return try queue.read { db in
                try body({ table in
                    try db.tableExists(table) ? try db.columns(in: table).map { ($0.name, $0.type) } : nil
                }, { table, columns in
                    let sql = "SELECT " + columns.map(\.quotedDatabaseIdentifier).joined(separator: ", ") + " FROM " + table.quotedDatabaseIdentifier
                    return try Row.fetchAll(db, sql: sql).map { row in (0..<row.count).map { Self.text(row[$0] as DatabaseValue) } }
                })
            }
        } catch let e as DatabaseError {
            throw InputError(file: path, problem: "the database cannot be read: \(e.message ?? "\(e)")")
        }
    }

    /// A value as the text a CSV export of it would hold.
    static func text(_ value: DatabaseValue) -> String {
        switch value.storage {
        case .null: return ""
        case .int64(let i): return String(i)
        case .double(let d): return d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)
        case .string(let s): return s
        case .blob(let b): return String(decoding: b, as: UTF8.self)
        }
    }
}
