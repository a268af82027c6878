import XCTest
@testable import StatReturnKit

/// Returns and years found by the names people type; the aliases come from the specs.
final class ReturnCatalogTests: XCTestCase {
    private let catalog = try! ReturnCatalog(SpecLoader(root: Package.specs))

    private func resolve(_ name: String, _ year: String) throws -> String {
        let r = try catalog.resolve(returnName: name, year: year)
        return "\(r.returnName) \(r.year)"
    }

    func testYearForms() throws {
        for typed in ["2026-27", "2026/27", "2026-2027", "2026/2027", " 2026 - 27 "] {
            XCTAssertEqual(ReturnCatalog.collectionYear(typed), "2026-27", typed)
        }
        XCTAssertEqual(ReturnCatalog.collectionYear("1999-00"), "1999-00")
        for wrong in ["2026-28", "2026-2028", "2026", "26-27", "2026-7", "abcd-ef", "2026-27-28"] {
            XCTAssertNil(ReturnCatalog.collectionYear(wrong), wrong)
        }
    }

    func testReturnNamesInAnyCaseAndTheirAliases() throws {
        for name in ["ssda903", "SSDA903", "903", "CLA", "cla", "LAC"] {
            XCTAssertEqual(try resolve(name, "2026/27"), "ssda903 2026-27", name)
        }
        XCTAssertEqual(try resolve("CIN", "2025-2026"), "cin 2025-26")
    }

    /// The CIN census is known by the year it is collected in; the 903 has no such name.
    func testCensusYear() throws {
        XCTAssertEqual(try resolve("cin", "2026"), "cin 2025-26")
        XCTAssertEqual(try resolve("cin", "2027"), "cin 2026-27")
        XCTAssertThrowsError(try resolve("903", "2026"))
    }

    func testAWrongNameOrYearListsWhatExists() throws {
        for (name, year, start) in [("foo", "2026-27", "unknown return 'foo'"), ("903", "2030-31", "ssda903 has no year '2030-31'")] {
            XCTAssertThrowsError(try resolve(name, year)) { error in
                let text = "\(error)"
                XCTAssertTrue(text.hasPrefix(start), text)
                XCTAssertTrue(text.contains("cin: 2025-26 (2026), 2026-27 (2027)"), text)
                XCTAssertTrue(text.contains("ssda903 (also 903, CLA, LAC): 2025-26, 2026-27"), text)
            }
        }
    }
}
