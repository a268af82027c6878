import GRDB
import XCTest
@testable import StatReturnKit

/// An SSD extract is the same extract whether it comes as CSV files, an SQLite file or a
/// PostgreSQL database: the same records, so the same findings with the same identities.
final class SSDSourceTests: XCTestCase {
    let extract = Package.root.appendingPathComponent("Tests/Fixtures/ssd-extract")
    let parameters = ["extract_date": "2026-03-31"]

    func spec() throws -> ReturnSpec { try Package.spec("ssd", "1.0") }

    /// The extract's tables as (name, header, rows), read from its CSV files.
    func tables() throws -> [(name: String, header: [String], rows: [[String]])] {
        try FileManager.default.contentsOfDirectory(atPath: extract.path).filter { $0.hasSuffix(".csv") }.sorted().map { file in
            var records: [[String]] = []
            try CSVReader(data: Data(contentsOf: extract.appendingPathComponent(file))).forEachRecord { records.append($0.cells) }
            return (String(file.dropLast(4)), records[0], Array(records.dropFirst()))
        }
    }

    /// What identifies a finding whatever the source: not the file or row, which differ.
    func identities(_ r: ValidationResult) -> [String] {
        r.findings.map { "\($0.code) \($0.table) \($0.key) \($0.child) \($0.values) \($0.message)" }.sorted()
    }

    func validate(feeds: [TableFeed]) throws -> ValidationResult {
        var v = Validator(spec: try spec())
        v.parameters = parameters
        return try v.check(try v.load([], feeds: feeds))
    }

    func fromCSV() throws -> ValidationResult {
        var v = Validator(spec: try spec())
        v.parameters = parameters
        return try v.validate(try InputFile.collect(paths: [extract.path]))
    }

    func sqliteFile() throws -> URL {
        let file = try temporaryFolder().appendingPathComponent("ssd.sqlite")
        let queue = try DatabaseQueue(path: file.path)
        try queue.write { db in
            for t in try tables() {
                try db.execute(sql: "CREATE TABLE \(t.name.quotedDatabaseIdentifier) (" + t.header.map { "\($0.quotedDatabaseIdentifier) TEXT" }.joined(separator: ", ") + ")")
                for row in t.rows {
                    try db.execute(sql: "INSERT INTO \(t.name.quotedDatabaseIdentifier) VALUES (" + row.map { _ in "?" }.joined(separator: ",") + ")",
                                   arguments: StatementArguments(row.map { $0.isEmpty ? nil : $0 }))
                }
            }
        }
        try queue.close()
        return file
    }

    func testTheExtractHasFindingsToCompare() throws {
        let csv = try fromCSV()
        XCTAssertGreaterThanOrEqual(Set(csv.findings.map(\.code)).count, 8, "\(csv.findings.map(\.code))")
    }

    func testAnSQLiteFileGivesTheSameFindingsAsTheCSVFilesAndIsNotChanged() throws {
        let file = try sqliteFile()
        let before = try Data(contentsOf: file)
        XCTAssertTrue(DatabaseSource.isDatabase(file.path))
        let read = try DatabaseSource.feeds(file.path, spec: try spec())
        let fromDB = try validate(feeds: read.feeds)
        XCTAssertEqual(identities(fromDB), identities(try fromCSV()))
        XCTAssertEqual(try Data(contentsOf: file), before, "the database is only read")
        let episode = try XCTUnwrap(fromDB.findings.first { $0.table == "ssd_cla_placement" })
        XCTAssertTrue(episode.file.hasSuffix("ssd.sqlite [ssd_cla_placement]"), episode.file)
        XCTAssertTrue(episode.source.hasPrefix("ssd_cla_placement clap_cla_placement_id="), episode.source)
    }

    func testAPostgreSQLDatabaseGivesTheSameFindingsAsTheCSVFiles() throws {
        guard let url = ProcessInfo.processInfo.environment["STATRETURN_TEST_POSTGRES"] else {
            throw XCTSkip("no PostgreSQL server: `make test` starts one (Tests/postgres/with-postgres.sh)")
        }
        let schema = "ssd_test_\(UInt32.random(in: 0...UInt32.max))"
        // Date columns as the database's own date type (read back as text, as any column is);
        // the rest as text, so values that are not dates stay as they were.
        var sql = "CREATE SCHEMA \(schema);\n"
        let spec = try spec()
        for t in try tables() {
            let types = t.header.map { name -> String in
                let isDate = spec.table(t.name)?.field(name)?.type == .date
                    && t.rows.allSatisfy { row in let v = row[t.header.firstIndex(of: name)!]; return v.isEmpty || SimpleDate(iso: v) != nil }
                return isDate ? "date" : "text"
            }
            sql += "CREATE TABLE \(schema).\(t.name) (" + zip(t.header, types).map { "\($0) \($1)" }.joined(separator: ", ") + ");\n"
            for row in t.rows {
                sql += "INSERT INTO \(schema).\(t.name) VALUES (" + row.map { $0.isEmpty ? "NULL" : "'" + $0.replacingOccurrences(of: "'", with: "''") + "'" }.joined(separator: ",") + ");\n"
            }
        }
        try psql(url, sql)
        defer { try? psql(url, "DROP SCHEMA \(schema) CASCADE;") }
        let read = try DatabaseSource.feeds(url + "&schema=\(schema)", spec: spec)
        XCTAssertEqual(identities(try validate(feeds: read.feeds)), identities(try fromCSV()))
        XCTAssertEqual(Set(read.feeds.map(\.table)), Set(try tables().map(\.name)))
    }

    private func psql(_ url: String, _ sql: String) throws {
        let script = try temporaryFolder().appendingPathComponent("load.sql")
        try sql.write(to: script, atomically: true, encoding: .utf8)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["psql", url, "-q", "-v", "ON_ERROR_STOP=1", "-f", script.path]
        try p.run()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0, "psql could not load the extract")
    }

    func testATableWithoutAColumnTheSpecNamesIsRefusedNamingIt() throws {
        let file = try sqliteFile()
        let queue = try DatabaseQueue(path: file.path)
        try queue.write { db in try db.execute(sql: "ALTER TABLE ssd_person DROP COLUMN pers_dob") }
        try queue.close()
        let read = try DatabaseSource.feeds(file.path, spec: try spec())
        XCTAssertThrowsError(try validate(feeds: read.feeds)) { error in
            let e = error as? InputError
            XCTAssertTrue(e?.file.hasSuffix("[ssd_person]") ?? false, "\(error)")
            XCTAssertTrue("\(error)".contains("PERS_DOB") || "\(error)".contains("pers_dob"), "\(error)")
        }
    }

    func testOnlyADateOrTimeColumnLosesAMidnightTime() {
        XCTAssertEqual(DatabaseSource.dateOfTimestamp("2024-05-01 00:00:00"), "2024-05-01")
        XCTAssertEqual(DatabaseSource.dateOfTimestamp("2024-05-01 00:00:00.000"), "2024-05-01")
        XCTAssertEqual(DatabaseSource.dateOfTimestamp("2024-05-01T00:00:00"), "2024-05-01")
        XCTAssertEqual(DatabaseSource.dateOfTimestamp("2024-05-01 09:30:00"), "2024-05-01 09:30:00", "a real time is kept, and reported")
        XCTAssertEqual(DatabaseSource.dateOfTimestamp("soon"), "soon")
    }

    func testTheDatasetsValuesMayBeGivenToTheReturnMadeFromIt() throws {
        let cin = try Package.spec("cin", "2025-26")
        let values = try RunInputs(files: [], parameters: ["extract_date": "01/05/2026"]).checkedParameters(for: cin)
        XCTAssertEqual(values["extract_date"], "2026-05-01", "the SSD's extract date, as a date")
        XCTAssertThrowsError(try RunInputs(files: [], parameters: ["extract_dat": "01/05/2026"]).checkedParameters(for: cin))
    }
}
