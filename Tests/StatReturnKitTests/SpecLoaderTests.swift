import XCTest
@testable import StatReturnKit

/// A spec with a mistake in it must fail to load, naming the file and entry.
final class SpecLoaderTests: XCTestCase {
    private var root: URL!

    override func setUpWithError() throws {
        root = try temporaryFolder().appendingPathComponent("Specs")
        try FileManager.default.copyItem(at: Package.specs, to: root)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: root.deletingLastPathComponent())
    }

    private var rules: URL { root.appendingPathComponent("ssda903/2025-26/rules") }

    private func edit(_ relative: String, _ change: (String) -> String) throws {
        let url = root.appendingPathComponent(relative)
        try change(try String(contentsOf: url, encoding: .utf8)).write(to: url, atomically: true, encoding: .utf8)
    }

    private func loadError() -> SpecError? {
        do { _ = try SpecLoader(root: root).load(returnName: "ssda903", year: "2026-27"); return nil } catch {
            return error as? SpecError
        }
    }

    func testTheRealSpecsLoad() throws {
        XCTAssertNil(loadError())
    }

    func testUnknownCodeList() throws {
        try edit("ssda903/2025-26/return.yml") { $0.replacingOccurrences(of: "codes: sex,", with: "codes: gender,") }
        let e = try XCTUnwrap(loadError())
        XCTAssertEqual(e.file, "Specs/ssda903/2025-26/return.yml")
        XCTAssertEqual(e.entry, "tables.Header.SEX")
        XCTAssertTrue(e.problem.contains("unknown code list 'gender'"), e.problem)
    }

    func testBadSQL() throws {
        try edit("ssda903/2025-26/rules/501.yml") { $0.replacingOccurrences(of: "FROM Episodes", with: "FROM Episodez") }
        let e = try XCTUnwrap(loadError())
        XCTAssertEqual(e.file, "Specs/ssda903/2025-26/rules/501.yml")
        XCTAssertEqual(e.entry, "rule 501")
        XCTAssertTrue(e.problem.contains("bad SQL") && e.problem.contains("Episodez"), e.problem)
    }

    func testBadDerivedTableSQL() throws {
        try edit("ssda903/2025-26/return.yml") { $0.replacingOccurrences(of: "        FROM Episodes\n", with: "        FROM Episodez\n") }
        let e = try XCTUnwrap(loadError())
        XCTAssertEqual(e.file, "Specs/ssda903/2025-26/return.yml")
        XCTAssertEqual(e.entry, "derived LookedAfter12Months")
        XCTAssertTrue(e.problem.contains("Episodez"), e.problem)
    }

    func testDuplicateRuleCode() throws {
        try FileManager.default.copyItem(at: rules.appendingPathComponent("501.yml"), to: rules.appendingPathComponent("0501.yml"))
        let e = try XCTUnwrap(loadError())
        XCTAssertTrue(e.problem.contains("duplicate rule code"), e.problem)
        XCTAssertEqual(e.entry, "code 501")
    }

    func testRuleWithNoFailingExample() throws {
        try edit("ssda903/2025-26/rules/INT32.yml") { text in
            String(text[..<text.range(of: "  fail:")!.lowerBound])
        }
        let e = try XCTUnwrap(loadError())
        XCTAssertEqual(e.file, "Specs/ssda903/2025-26/rules/INT32.yml")
        XCTAssertEqual(e.problem, "has no failing example")
    }

    func testFieldNamingAMissingRule() throws {
        try FileManager.default.removeItem(at: rules.appendingPathComponent("171.yml"))
        let e = try XCTUnwrap(loadError())
        XCTAssertEqual(e.entry, "tables.Header.MC_DOB")
        XCTAssertTrue(e.problem.contains("171"), e.problem)
    }

    func testUnknownSQLParameter() throws {
        try edit("ssda903/2025-26/rules/501.yml") { $0.replacingOccurrences(of: "WHERE DECOM IS NOT NULL", with: "WHERE DECOM > :year_start") }
        let e = try XCTUnwrap(loadError())
        XCTAssertTrue(e.problem.contains(":year_start"), e.problem)
    }

    func testBrokenYAMLNamesTheFile() throws {
        try edit("ssda903/2026-27/return.yml") { $0 + "\ntables: [ {name: X\n" }
        let e = try XCTUnwrap(loadError())
        XCTAssertEqual(e.file, "Specs/ssda903/2026-27/return.yml")
    }

    func testUnknownYearListsTheKnownOnes() throws {
        XCTAssertThrowsError(try SpecLoader(root: root).load(returnName: "ssda903", year: "2030-31")) { error in
            XCTAssertTrue("\(error)".contains("2025-26, 2026-27"), "\(error)")
        }
    }
}
