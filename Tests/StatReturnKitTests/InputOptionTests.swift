import GRDB
import XCTest

/// Inputs and parameters come from the spec: listed by `inputs`, given as --input/--param or by
/// the older option a spec declares, required by export, and the loaded tables can be kept.
final class InputOptionTests: XCTestCase {
    let clean = Package.root.appendingPathComponent("Tests/Corpus/cases/csv-good-two-tables")

    func testInputsListsWhatTheSpecDeclares() throws {
        let r = try runProgram(["inputs", "903", "--year", "2026-27"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("--input providers=FILE  (or --providers)"), r.stdout)
        XCTAssertTrue(r.stdout.contains("--param la_code=VALUE  (or --la)"), r.stdout)
    }

    func testAnOlderOptionIsTheSameAsItsInput() throws {
        let sample = Package.samples.appendingPathComponent("ssda903/2026-27").path
        let providers = Package.samples.appendingPathComponent("ssda903/providers.csv").path
        let old = try runProgram(["validate", "ssda903", "--year", "2026-27", sample, "--providers", providers, "--la", "316"])
        let new = try runProgram(["validate", "ssda903", "--year", "2026-27", sample, "--input", "providers=\(providers)", "--param", "la_code=316"])
        XCTAssertEqual(old.status, 1, old.stderr)
        XCTAssertEqual(old.stdout, new.stdout)
        XCTAssertTrue(old.stdout.contains("228"), "the provider rules ran")
    }

    func testExportRefusesWhileRulesLackAnInputUnlessDraft() throws {
        let out = try temporaryFolder().appendingPathComponent("sub")
        let refused = try runProgram(["export", "ssda903", "--year", "2026-27", "header.csv", "episodes.csv", "--out", out.path], in: clean)
        XCTAssertEqual(refused.status, 1, refused.stdout)
        XCTAssertTrue(refused.stderr.contains("--input previous=..., or --previous"), refused.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.path), "nothing written")
        let draft = try runProgram(["export", "ssda903", "--year", "2026-27", "header.csv", "episodes.csv", "--out", out.path, "--draft"], in: clean)
        XCTAssertEqual(draft.status, 0, draft.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent("episodes-DRAFT.csv").path))
    }

    func testTheLoadedTablesCanBeKeptForSQL() throws {
        let db = try temporaryFolder().appendingPathComponent("903.sqlite")
        let r = try runProgram(["validate", "ssda903", "--year", "2026-27", "header.csv", "episodes.csv", "--keep-db", db.path], in: clean)
        XCTAssertEqual(r.status, 0, r.stderr)
        let rows = try DatabaseQueue(path: db.path).read { try Row.fetchAll($0, sql: "SELECT CHILD, DECOM, _line FROM Episodes ORDER BY _row") }
        XCTAssertEqual(rows.map { $0["CHILD"] as String }, ["C1", "C2"])
        XCTAssertEqual(rows.first?["DECOM"] as String?, "2025-09-26", "typed: dates as ISO text")
        XCTAssertEqual(rows.first?["_line"] as Int?, 2)
        let onInput = try runProgram(["validate", "ssda903", "--year", "2026-27", "header.csv", "episodes.csv", "--keep-db", "header.csv"], in: clean)
        XCTAssertEqual(onInput.status, 2, "never onto an input")
    }
}
