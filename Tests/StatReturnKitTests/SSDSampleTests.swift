import XCTest
@testable import StatReturnKit

/// The bundled SSD sample gives exactly the findings its README lists, and the returns made
/// from it err only for the children the README names.
final class SSDSampleTests: XCTestCase {
    let sample = Package.samples.appendingPathComponent("ssd")

    /// The README's table, as "code table child".
    func documented() throws -> Set<String> {
        let readme = try String(contentsOf: sample.appendingPathComponent("README.md"), encoding: .utf8)
        let rows = readme.split(separator: "\n").filter { $0.hasPrefix("| SSD") }
            .map { $0.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) } }
        XCTAssertGreaterThan(rows.count, 10)
        return Set(rows.map { "\($0[0]) \($0[1]) \($0[2])" })
    }

    func findings(_ args: [String]) throws -> [[String]] {
        let out = try temporaryFolder()
        let r = try runProgram(args + ["--param", "extract_date=30/06/2026", "--out", out.path, "--format", "csv"])
        XCTAssertEqual(r.status, 1, r.stderr)
        var rows: [[String]] = []
        try CSVReader(data: Data(contentsOf: out.appendingPathComponent("findings.csv"))).forEachRecord { rows.append($0.cells) }
        return Array(rows.dropFirst())
    }

    func testTheSampleGivesExactlyItsDocumentedFindings() throws {
        let rows = try findings(["validate", "ssd", "--year", "1.0", sample.path])
        XCTAssertEqual(Set(rows.map { "\($0[2]) \($0[4]) \($0[6])" }), try documented())
    }

    func testTheReturnsMadeFromItErrOnlyForTheChildrenItNames() throws {
        let named = Set(try documented().map { String($0.split(separator: " ")[2]) })
        for ret in ["cin", "ssda903"] {
            let rows = try findings(["validate", ret, "--year", "2025-26", "--ssd", sample.path])
            let erring = Set(rows.filter { $0[0] == ret && $0[3] == "error" }.map { $0[6] })
            XCTAssertFalse(erring.isEmpty, ret)
            XCTAssertEqual(erring.subtracting(named), [], "\(ret): errors only for the children the README names")
            XCTAssertTrue(rows.filter { $0[0] == ret && !$0[6].isEmpty }.allSatisfy { !$0[10].isEmpty }, "\(ret): every child has the team the SSD allocates")
        }
    }
}
