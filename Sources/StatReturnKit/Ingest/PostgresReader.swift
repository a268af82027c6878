import CLibPQ
import Foundation

/// A PostgreSQL database named by a connection URL (`postgres://user@host:5432/db?sslmode=require`,
/// read by libpq as `psql` reads it, with `PGPASSWORD` and `~/.pgpass`; our own `schema=NAME`
/// picks the schema the tables are in). Everything is read in one `READ ONLY` transaction,
/// which the server holds to: nothing can be written, and every table is read as of one moment.
/// Values are read as text (`::text`), as a CSV export has them.
struct PostgresReader: TableReader {
    let name: String
    private let conninfo: String
    private let schema: String?

    init(url text: String) throws {
        guard var url = URLComponents(string: text), ["postgres", "postgresql"].contains(url.scheme ?? "") else {
            throw InputError(file: text, problem: "not a PostgreSQL URL (postgres://user@host:port/database)")
        }
        // `schema` is ours, not libpq's: taken out of what libpq is given.
        schema = url.queryItems?.first { $0.name == "schema" }?.value
        url.queryItems = url.queryItems?.filter { $0.name != "schema" }
        if url.queryItems?.isEmpty ?? false { url.queryItems = nil }
        conninfo = url.string ?? text
        var shown = url
        shown.password = nil
        name = shown.string ?? "the PostgreSQL database"
    }

    func read<T>(_ body: ((String) throws -> [(name: String, type: String)]?, (String, [String]) throws -> [[String]]) throws -> T) throws -> T {
        guard let connection = PQconnectdb(conninfo) else { throw InputError(file: name, problem: "cannot connect (out of memory)") }
        defer { PQfinish(connection) }
        guard PQstatus(connection) == CONNECTION_OK else {
            throw InputError(file: name, problem: "cannot connect: \(Self.message(connection))")
        }
        try run(connection, "START TRANSACTION READ ONLY ISOLATION LEVEL REPEATABLE READ")
        if let schema { try run(connection, "SET LOCAL search_path TO \(Self.quoted(schema))") }
        let result = try body({ table in
            let columns = try rows(connection, """
                SELECT column_name::text, data_type::text FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name = \(Self.literal(table)) ORDER BY ordinal_position
                """).map { (name: $0[0], type: $0[1]) }
            return columns.isEmpty ? nil : columns
        }, { table, columns in
            try rows(connection, "SELECT " + columns.map { Self.quoted($0) + "::text" }.joined(separator: ", ") + " FROM " + Self.quoted(table))
        })
        try run(connection, "ROLLBACK")
        return result
    }

    private func run(_ connection: OpaquePointer, _ sql: String) throws { _ = try rows(connection, sql) }

    /// The rows of a statement, every value as text ("" for NULL).
    private func rows(_ connection: OpaquePointer, _ sql: String) throws -> [[String]] {
        guard let result = PQexec(connection, sql) else { throw InputError(file: name, problem: "the database did not answer: \(Self.message(connection))") }
        defer { PQclear(result) }
        let status = PQresultStatus(result)
        guard status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK else {
            throw InputError(file: name, problem: "the database refused a read: \(String(cString: PQresultErrorMessage(result)).trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        let count = PQntuples(result), width = PQnfields(result)
        var out: [[String]] = []
        out.reserveCapacity(Int(count))
        for r in 0..<count {
            out.append((0..<width).map { c in PQgetisnull(result, r, c) == 1 ? "" : String(cString: PQgetvalue(result, r, c)) })
        }
        return out
    }

    private static func message(_ connection: OpaquePointer) -> String {
        String(cString: PQerrorMessage(connection)).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func quoted(_ identifier: String) -> String { "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
    static func literal(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }
}
