import XCTest
@testable import StatReturnKit

/// A finding is known by its record's declared key, not its row, so tomorrow's extract (rows
/// moved, records added) gives the same problem the same identity.
final class FindingIdentityTests: XCTestCase {
    let header = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nC1,M,01/01/2023,WBRI,UN1,,\nC2,F,01/01/2023,WBRI,UN1,,\n"
    let columns = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"
    // C2's episode has a legal status that is not a code (144).
    let c1 = "C1,01/05/2026,S,C2,N1,U1,PR1,,,,LS9 8,LS9 8,XXXXXXX\n"
    let c2 = "C2,19/06/2026,S,ZZ,N1,U1,PR1,,,,LS9 8,LS9 8,XXXXXXX\n"

    func finding(_ episodes: String) throws -> Finding {
        let r = try validate903([("Header", header), ("Episodes", columns + episodes)])
        return try XCTUnwrap(r.findings.first { $0.code == "144" }, "\(r.findings.map(\.code))")
    }

    func testTheSameProblemKeepsItsIdentityWhenRowsMove() throws {
        let today = try finding(c1 + c2)
        let tomorrow = try finding(c2 + "C3,01/07/2026,S,C2,N1,U1,PR1,,,,LS9 8,LS9 8,XXXXXXX\n" + c1)
        XCTAssertEqual(today.row, 2)
        XCTAssertEqual(tomorrow.row, 1)
        XCTAssertEqual(today.identity, tomorrow.identity)
        XCTAssertEqual(today.key, "CHILD=C2; DECOM=19/06/2026")
        XCTAssertEqual(today.record, "episode starting 19/06/2026")
    }

    func testAnotherRecordHasAnotherIdentity() throws {
        let other = try finding(c1 + c2.replacingOccurrences(of: "19/06/2026", with: "20/06/2026"))
        XCTAssertNotEqual(try finding(c1 + c2).identity, other.identity)
    }
}
