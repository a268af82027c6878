import XCTest
@testable import StatReturnKit

/// The SSDA903 made from an SSD extract by `from-ssd.yml`: the synthetic SSD, written from the
/// generated 903, must give that 903 back, and be checked as it would be.
final class SSD903RoundTripTests: XCTestCase {
    private let year = "2026-27"

    /// The generated 903 and the SSD written from it (same seed), the SSD's table folder.
    private func council(children: Int = 200, specs: URL = Package.specs) throws -> (SyntheticReturn, URL, SpecLoader) {
        let loader = SpecLoader(root: specs)
        let spec = try loader.load(returnName: "ssda903", year: year)
        let generated = try SyntheticCouncil.generate(spec, specs: specs, children: children, seed: 7, errorRate: 0)
        let ssd = try XCTUnwrap(try SyntheticCouncil.dataset("ssd", year: year, loader: loader, children: children, seed: 7, errorRate: 0))
        return (generated, try ssd.write(to: try temporaryFolder()), loader)
    }

    private func derive(_ folder: URL, loader: SpecLoader) throws -> ValidationResult {
        let spec = try loader.load(returnName: "ssda903", year: year)
        return try Validator(spec: spec).validate(RunInputs(files: [], named: [("ssd", folder.path)]), specs: loader)
    }

    private func validateDirectly(_ generated: SyntheticReturn) throws -> ValidationResult {
        let folder = try generated.write(to: try temporaryFolder())
        return try Validator(spec: generated.spec).validate(try InputFile.collect(paths: [folder.path]))
    }

    /// The 903 findings by identity, in one order; the SSD's own are not the 903's.
    private func identities(_ r: ValidationResult) -> [String] {
        r.findings.filter { $0.returnName == "ssda903" }.map { "\($0.code) \($0.child) \($0.key)" }.sorted()
    }

    func testTheSSDGivesBackTheGenerated903() throws {
        let (generated, folder, loader) = try council()
        let derived = try derive(folder, loader: loader)
        let mapping = try XCTUnwrap(generated.spec.sources["ssd"])
        for query in mapping.tables {
            let table = try XCTUnwrap(generated.spec.table(query.table))
            let expected = (generated.rows[table.name] ?? []).map { row in table.fieldNames.map { row[$0] ?? "" } }
            let got = try XCTUnwrap(derived.data[table.name], "\(table.name) is derived").records
            XCTAssertFalse(expected.isEmpty, "\(table.name): the council has rows to compare")
            XCTAssertEqual(got.sorted { $0.lexicographicallyPrecedes($1) }, expected.sorted { $0.lexicographicallyPrecedes($1) },
                           "\(table.name): the derived rows are the generated ones")
        }
        XCTAssertEqual(identities(derived), identities(try validateDirectly(generated)))
        XCTAssertEqual(derived.failed, [])
    }

    /// A value the SSD holds in words (here how a child was missing), wrong in the extract,
    /// is reported on the 903 record made from it, naming that SSD record, as it would be
    /// in the 903 itself.
    func testAFindingOnADerivedRecordNamesItsSSDRecord() throws {
        let (original, folder, loader) = try council()
        var generated = original
        let file = folder.appendingPathComponent("ssd_missing.csv")
        var lines = try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\n")
        let header = lines[0].components(separatedBy: ",")
        var cells = lines[1].components(separatedBy: ",")
        let (id, child, start) = (cells[header.firstIndex(of: "miss_table_id")!], cells[header.firstIndex(of: "miss_person_id")!],
                                  cells[header.firstIndex(of: "miss_missing_episode_start_date")!])
        cells[header.firstIndex(of: "miss_missing_episode_type")!] = "Lost"
        lines[1] = cells.joined(separator: ",")
        try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)

        let dmy = SimpleDate(iso: start)!.dmy
        let at = try XCTUnwrap(generated.rows["Missing"]?.firstIndex { $0["CHILD"] == child && $0["MIS_START"] == dmy })
        generated.rows["Missing"]![at]["MISSING"] = "Lost"

        let derived = try derive(folder, loader: loader)
        let finding = try XCTUnwrap(derived.findings.first { $0.code == "1006" })
        XCTAssertEqual(finding.child, child)
        XCTAssertEqual(finding.source, "ssd_missing miss_table_id=\(id)")
        XCTAssertEqual(identities(derived), identities(try validateDirectly(generated)))
    }

    /// A mapping whose SELECT lacks a column of its table is the spec's mistake, named by file and table.
    func testAMappingLackingAColumnIsASpecError() throws {
        let specs = try temporaryFolder().appendingPathComponent("Specs")
        defer { try? FileManager.default.removeItem(at: specs.deletingLastPathComponent()) }
        try FileManager.default.copyItem(at: Package.specs, to: specs)
        let url = specs.appendingPathComponent("ssda903/2025-26/from-ssd.yml")
        let text = try String(contentsOf: url, encoding: .utf8)
        let changed = text.replacingOccurrences(of: "r.clar_cla_review_participation AS REVIEW_CODE,", with: "")
        XCTAssertNotEqual(changed, text, "the edit found the column")
        try changed.write(to: url, atomically: true, encoding: .utf8)

        let (_, folder, loader) = try council(children: 20, specs: specs)
        XCTAssertThrowsError(try derive(folder, loader: loader)) { error in
            guard let e = error as? SpecError else { return XCTFail("not a SpecError: \(error)") }
            XCTAssertEqual(e.file, "Specs/ssda903/2025-26/from-ssd.yml")
            XCTAssertEqual(e.entry, "tables.Reviews")
            XCTAssertTrue(e.problem.contains("lacks REVIEW_CODE"), e.problem)
        }
    }
}
