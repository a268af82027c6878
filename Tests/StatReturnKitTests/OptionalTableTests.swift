import XCTest
@testable import StatReturnKit

/// A table a rule lists under `optional` is read when given; when not, the rule still runs,
/// the table being empty. Rule 199 reads last year's episodes that way.
final class OptionalTableTests: XCTestCase {
    private func validate(lastYear: String?) throws -> ValidationResult {
        var files = [InputFile(name: "episodes.csv", data: Data("CHILD,DECOM,DEC,REC\n2,01/05/2025,,\n".utf8), table: "Episodes")]
        if let lastYear { files.append(InputFile(name: "last.csv", data: Data(lastYear.utf8), table: "Episodes", previousYear: true)) }
        return try Validator(spec: try Package.spec("ssda903", "2025-26")).validate(files, only: ["199"])
    }

    func testTheRuleRunsWithoutItsOptionalTable() throws {
        let r = try validate(lastYear: nil)
        XCTAssertTrue(r.notRun.isEmpty, "\(r.notRun)")
        XCTAssertEqual(r.rulesRun, 1)
        XCTAssertTrue(r.findings.isEmpty)
    }

    func testTheRuleReadsItsOptionalTableWhenGiven() throws {
        let r = try validate(lastYear: "CHILD,DECOM,DEC,REC\n2,01/06/2024,01/12/2024,E12\n")
        XCTAssertEqual(r.findings.filter { $0.code == "199" }.map(\.row), [1])
    }
}
