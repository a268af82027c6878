import XCTest
@testable import StatReturnKit

final class FixTests: XCTestCase {
    private func fixed(_ csv: String) throws -> ValidationResult {
        var v = Validator(spec: try Package.spec("ssda903", "2026-27"))
        v.fix = true
        return try v.validate([InputFile(name: "h.csv", data: Data(csv.utf8))])
    }

    func testSafeNormalisationsAreMadeAndListed() throws {
        let r = try fixed("CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n 1 ,Male,2015-02-01,wbri,a123456789012,0.0,\n2,2,1/2/2015,WBRI,UN2,0,\n")
        let changes = Set(r.fixes.map { "\($0.row) \($0.field) \($0.before)>\($0.after)" })
        XCTAssertEqual(changes, ["1 CHILD  1 >1", "1 SEX Male>M", "1 DOB 2015-02-01>01/02/2015", "1 ETHNIC wbri>WBRI",
                                 "1 UPN a123456789012>A123456789012", "1 MOTHER 0.0>0", "2 SEX 2>F", "2 DOB 1/2/2015>01/02/2015"])
        XCTAssertEqual(r.findings.map(\.code), [], "the fixed values pass")
        XCTAssertEqual(r.fixes.first?.file, "h.csv")
    }

    func testNothingIsGuessed() throws {
        let r = try fixed("CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n1,X,5/4/15,White British,UN2,2.5,\n2,M,13/13/2015,WBRI,UN2,,\n")
        XCTAssertEqual(r.fixes, [])
        XCTAssertEqual(Set(r.findings.map(\.code)), ["101", "102", "103", "SR02"])
    }

    func testWithoutFixNothingChanges() throws {
        let r = try validate903([("h", "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n1,Male,2015-02-01,WBRI,UN2,0,\n")])
        XCTAssertEqual(r.fixes, [])
        XCTAssertEqual(Set(r.findings.map(\.code)), ["101", "102"])
    }
}
