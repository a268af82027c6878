import XCTest
@testable import StatReturnKit

/// An owners list as councils keep it (in Excel, with IDs Excel changed, with a child listed
/// twice) still reaches the children, and the run says how well it matched.
final class OwnersTests: XCTestCase {
    let columns = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"
    // Every child's legal status is no code (144), so each has a finding.
    func result(_ owners: Owners) throws -> ValidationResult {
        let ids = ["0000037", "0000038", "C3"]
        let header = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n" + ids.map { "\($0),F,01/01/2023,WBRI,UN1,,\n" }.joined()
        let episodes = columns + ids.map { "\($0),01/05/2026,S,ZZ,N1,U1,PR1,,,,LS9 8,WF10 4,XXXXXXX\n" }.joined()
        let files = [("Header", header), ("Episodes", episodes)].map { InputFile(name: "\($0.0).csv", data: Data($0.1.utf8)) }
        return try Validator(spec: try Package.spec("ssda903", "2026-27")).validate(files, owners: owners)
    }

    func owners(_ text: String, name: String = "owners.csv") throws -> Owners {
        try Owners(file: InputFile(name: name, data: Data(text.utf8)))
    }

    func testAnIDExcelMadeANumberStillMatchesAndIsSaidToHave() throws {
        let r = try result(try owners("child,team\n37,Fostering East\n38.0,Leaving Care\n"))
        XCTAssertEqual(r.findings.first { $0.child == "0000037" }?.team, "Fostering East")
        XCTAssertEqual(r.findings.first { $0.child == "0000038" }?.team, "Leaving Care")
        let match = try XCTUnwrap(r.owners)
        XCTAssertEqual(match.childrenWithFindings, 3)
        XCTAssertEqual(match.matched, 2)
        XCTAssertEqual(match.repaired, [.init(child: "0000037", listedAs: "37", line: 2), .init(child: "0000038", listedAs: "38.0", line: 3)])
        XCTAssertEqual(match.unmatched, ["C3"])
        XCTAssertTrue(ConsoleSummary.render(r).contains("Owners: 2 of 3 children with findings matched an owner in owners.csv (2 only once"), ConsoleSummary.render(r))
        XCTAssertTrue(HTMLReport.render(r).contains("Not in the list, so under \"No team given\": C3"))
    }

    func testAWorkerColumnIsOptionalAndColumnsMayComeInAnyOrder() throws {
        let list = try owners("Team,Worker,Child\nNorth,SW1,C3\n")
        XCTAssertEqual(list.byChild["C3"], .init(team: "North", worker: "SW1", line: 2))
        XCTAssertEqual(try owners("child,team\nC3,North\n").byChild["C3"]?.worker, "")
    }

    func testAChildListedTwiceIsAWarningNamingBothLines() throws {
        let list = try owners("child,team\nC3,North\nC9,South\nC3,South\n")
        XCTAssertEqual(list.byChild["C3"]?.team, "North")
        XCTAssertEqual(list.warnings, ["owners.csv: child C3 is listed on line 2 and again on line 4 with another owner; line 2's owner is used"])
        XCTAssertTrue(try result(list).warnings.contains(list.warnings[0]))
    }

    func testTheListMayBeAnExcelSheet() throws {
        let book = try oneSheetWorkbook([["child", "team", "worker"], ["C3", "North", "SW1"]])
        let list = try Owners(file: InputFile(name: "owners.xlsx", data: book))
        XCTAssertEqual(list.byChild["C3"]?.team, "North")
    }

    func testAListWithoutATeamColumnIsRefusedNamingTheField() throws {
        XCTAssertThrowsError(try owners("child,worker\nC3,SW1\n")) { error in
            let e = error as? InputError
            XCTAssertEqual(e?.file, "owners.csv")
            XCTAssertEqual(e?.line, 1)
            XCTAssertEqual(e?.field, "team")
        }
    }

    func testLettersAreNotRepaired() {
        XCTAssertEqual(Owners.repaired("C0037"), "C0037")
        XCTAssertEqual(Owners.repaired("0037"), "37")
        XCTAssertEqual(Owners.repaired("0"), "0")
    }
}
