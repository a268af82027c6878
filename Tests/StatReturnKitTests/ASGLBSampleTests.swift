import XCTest
@testable import StatReturnKit

/// The bundled ASGLB sample (SampleReturns/asglb), checked as Q4 with its 903, gives exactly the
/// findings its README lists, from the workbook and from the same tabs as CSV.
final class ASGLBSampleTests: XCTestCase {
    let sample = Package.samples.appendingPathComponent("asglb")

    /// The README's table, as "code table row". The README gives a tab's rows as Excel numbers
    /// them (the header is row 1); the same tab as CSV reports each by its record number.
    func documented(tabsAsCSV: Bool = false) throws -> Set<String> {
        let spec = try LoadedSpecs.shared.spec("asglb", "2026-27")
        let readme = try String(contentsOf: sample.appendingPathComponent("README.md"), encoding: .utf8)
        let rows = readme.split(separator: "\n").filter { $0.hasPrefix("| ") && !$0.hasPrefix("| sheet") }
            .map { $0.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) } }
        XCTAssertGreaterThan(rows.count, 10)
        return Set(try rows.map { cells in
            let sheet = cells[0]
            if let tab = spec.tables.first(where: { $0.sheet == sheet })?.name {
                return "\(cells[4]) \(tab) \(try XCTUnwrap(Int(cells[1])) - (tabsAsCSV ? 1 : 0))"
            }
            let table = try "ssda903_" + XCTUnwrap(spec.companions["ssda903"]?.tables.first { sheet == "903 \($0.name.lowercased()).csv" }?.name, sheet)
            return "\(cells[4]) \(table) \(cells[1])"
        })
    }

    func findings(_ file: String) throws -> Set<String> {
        let result = try validateRun("asglb", "2026-27", files: [sample.appendingPathComponent(file).path],
                                     inputs: [("ssda903", sample.appendingPathComponent("ssda903-2026-27").path)],
                                     parameters: ["quarter": "Q4"])
        XCTAssertEqual(result.notRun.map(\.code), [], "every check runs with the 903")
        return Set(result.findings.map { "\($0.code) \($0.table) \($0.row.map(String.init) ?? "")" })
    }

    func testTheWorkbookGivesExactlyItsDocumentedFindings() throws {
        XCTAssertEqual(try findings("316Newham_EDUCVA1_ALBQ4202627.xlsx"), try documented())
    }

    func testTheSameTabsAsCSVGiveTheSameFindings() throws {
        XCTAssertEqual(try findings("csv"), try documented(tabsAsCSV: true))
    }
}
