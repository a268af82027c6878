import XCTest
@testable import StatReturnKit

/// The returns agree with themselves: made from a generated SSD, exported, and validated again
/// as the files written, they give the findings validating from the SSD gave; and the CIN
/// census written passes its schema (export checks it before writing). Both are made from an
/// SSD with errors put in. A child whose ethnicity was made no code is left out of the census's
/// comparison: a census XML cannot hold such a value (the draft leaves it blank, which the
/// schema check of the export reports), so it cannot come back from the file.
final class SSDExportRoundTripTests: XCTestCase {
    func findings(_ r: ProgramRun, _ out: URL, _ ret: String, leavingOut: Set<String> = []) throws -> [String] {
        var rows: [[String]] = []
        try CSVReader(data: Data(contentsOf: out.appendingPathComponent("findings.csv"))).forEachRecord { rows.append($0.cells) }
        XCTAssertGreaterThan(rows.count, 1, r.stdout)
        // return, code, child, key: the file and row differ between the routes, the record does not.
        return rows.dropFirst().filter { $0[0] == ret && !leavingOut.contains($0[6]) }.map { "\($0[2]) \($0[6]) \($0[13])" }.sorted()
    }

    func testEachReturnExportedFromAnSSDValidatesAsItDidFromTheSSD() throws {
        let folder = try temporaryFolder()
        for (ret, extra) in [("ssda903", [String]()), ("cin", ["--lea", "999"])] {
            let gen = try runProgram(["generate", "ssd", "--year", "2025-26", "--children", "300", "--seed", "31", "--error-rate", "0.1",
                                      "--out", folder.appendingPathComponent("gen-\(ret)").path])
            XCTAssertEqual(gen.status, 0, gen.stderr)
            let ssd = folder.appendingPathComponent("gen-\(ret)/ssd-1.0").path
            var injected: [[String]] = []
            try CSVReader(data: Data(contentsOf: folder.appendingPathComponent("gen-\(ret)/injected.csv"))).forEachRecord { injected.append($0.cells) }
            let unwritable = ret == "cin" ? Set(injected.filter { $0[3] == "pers_ethnicity" }.map { $0[0] }) : []
            let direct = folder.appendingPathComponent("\(ret)-direct")
            let fromSSD = try runProgram(["validate", ret, "--year", "2025-26", "--ssd", ssd, "--param", "extract_date=30/06/2026",
                                          "--out", direct.path, "--format", "csv"])
            XCTAssertLessThanOrEqual(fromSSD.status, 1, fromSSD.stderr)
            let written = folder.appendingPathComponent("\(ret)-export")
            let target = ret == "cin" ? written.appendingPathComponent("cin.xml") : written
            let export = try runProgram(["export", ret, "--year", "2025-26", "--ssd", ssd, "--param", "extract_date=30/06/2026",
                                         "--out", target.path, "--draft"] + extra)
            XCTAssertEqual(export.status, 0, export.stderr)
            XCTAssertEqual(export.stderr.contains("breaks the schema"), !unwritable.isEmpty, export.stderr)
            let files = try FileManager.default.contentsOfDirectory(atPath: written.path).map { written.appendingPathComponent($0).path }
            let again = folder.appendingPathComponent("\(ret)-again")
            let asFiles = try runProgram(["validate", ret, "--year", "2025-26"] + files + ["--out", again.path, "--format", "csv"])
            XCTAssertEqual(asFiles.status, fromSSD.status, asFiles.stderr)
            XCTAssertEqual(try findings(asFiles, again, ret, leavingOut: unwritable), try findings(fromSSD, direct, ret, leavingOut: unwritable),
                           "\(ret): the same findings from the files as from the SSD")
        }
    }
}
