import XCTest
@testable import StatReturnKit

/// Loading is apart from checking: one load serves several checks, with the findings a
/// whole validation gives.
final class LoadedReturnTests: XCTestCase {
    func testOneLoadServesSeveralChecks() throws {
        let spec = try Package.spec("ssda903", "2026-27")
        let files = try InputFile.collect(paths: [Package.samples.appendingPathComponent("ssda903/2026-27").path])
        let validator = Validator(spec: spec)
        let whole = try validator.validate(files)
        let loaded = try validator.load(files)
        XCTAssertEqual(try validator.check(loaded).findings, whole.findings)
        let some = try validator.check(loaded, only: ["101", "501"])
        XCTAssertEqual(Set(some.findings.map(\.code)), ["101", "501"])
        XCTAssertEqual(some.findings, whole.findings.filter { ["101", "501"].contains($0.code) })
        XCTAssertEqual(try validator.check(loaded).findings, whole.findings, "a check leaves the loaded return as it was")
        XCTAssertEqual(loaded.tables["Episodes"]?.count, whole.data["Episodes"]?.count)
    }
}
