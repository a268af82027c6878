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

    /// Without --fix the summary says how many errors it would clear; export lists what it
    /// normalised beside the submission, and when it refuses, the errors that block it.
    func testTheRunSaysWhatFixWouldDoAndExportWhatItDidAndWhatBlocksIt() throws {
        let folder = try temporaryFolder()
        try "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nC1,M,01/01/2020,WBRI,UN1,,\nC2,M,01/01/2020,WBRI,UN1,,\n"
            .write(to: folder.appendingPathComponent("header.csv"), atomically: true, encoding: .utf8)
        // C1's start date is written yyyy-mm-dd (--fix reads it); C2's legal status is no code at all.
        try ("CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"
             + "C1,2026-05-01,S,C2,N1,U1,PR1,,,,LS9 8,WF10 4,XXXXXXX\nC2,01/05/2026,S,ZZ,N1,U1,PR1,,,,LS9 8,WF10 4,XXXXXXX\n")
            .write(to: folder.appendingPathComponent("episodes.csv"), atomically: true, encoding: .utf8)
        let files = ["header.csv", "episodes.csv"].map { folder.appendingPathComponent($0).path }
        let check = try runProgram(["validate", "ssda903", "--year", "2026-27"] + files)
        XCTAssertTrue(check.stdout.contains("\n1 of these would be cleared by --fix"), check.stdout)

        let out = folder.appendingPathComponent("submission")
        let export = try runProgram(["export", "ssda903", "--year", "2026-27"] + files + ["--out", out.path])
        XCTAssertEqual(export.status, 1)
        XCTAssertTrue(export.stderr.contains("these errors block the export:\n  144  child C2  episode starting 01/05/2026"), export.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.path), "nothing written")
        let fixes = try String(contentsOf: URL(fileURLWithPath: out.path + "-fixes.csv"), encoding: .utf8)
        XCTAssertTrue(fixes.contains("DECOM,2026-05-01,01/05/2026"), fixes)
    }
}
