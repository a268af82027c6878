import XCTest
@testable import StatReturnKit

/// The reports are views of one findings model: what a manager sees first is the teams, values
/// come with their meaning, and checks not made say what to give.
final class ReportViewTests: XCTestCase {
    let columns = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"
    // C1's sex is U (not known: query 232); C2's episode has a legal status that is no code (144).
    let header = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nC1,U,01/01/2023,WBRI,UN1,,\nC2,F,01/01/2023,WBRI,UN1,,\n"
    var episodes: String {
        columns + "C1,01/05/2026,S,C2,N1,U1,PR1,,,,LS9 8,WF10 4,XXXXXXX\nC2,19/06/2026,S,ZZ,N1,U1,PR1,,,,LS9 8,WF10 4,XXXXXXX\n"
    }

    func result() throws -> ValidationResult {
        let spec = try Package.spec("ssda903", "2026-27")
        let files = [("Header", header), ("Episodes", episodes)].map { InputFile(name: "\($0.0).csv", data: Data($0.1.utf8)) }
        return try Validator(spec: spec).validate(files, owners: Owners(byChild: ["C1": ("Fostering East", "SW7"), "C2": ("Leaving Care", "SW2")]))
    }

    func testAValueInACodeListCarriesItsMeaningAndOneOutsideCarriesNone() throws {
        let r = try result()
        let sex = try XCTUnwrap(r.findings.first { $0.code == "232" }, "\(r.findings.map(\.code))")
        XCTAssertEqual(sex.values, ["U"])
        XCTAssertEqual(sex.labels.first?.isEmpty, false, "\(sex.labels)")
        let legal = try XCTUnwrap(r.findings.first { $0.code == "144" })
        XCTAssertEqual(legal.labels, [""])
        XCTAssertNotNil(r.fieldLabels["DECOM"], "every field of the spec has its label")
    }

    func testTheReportOpensOnTheTeamsAndEndsWithWhatWasRead() throws {
        let html = HTMLReport.render(try result(), marking: "OFFICIAL-SENSITIVE: PERSONAL")
        func at(_ text: String) throws -> String.Index { try XCTUnwrap(html.range(of: text), text).lowerBound }
        XCTAssertLessThan(try at("OFFICIAL-SENSITIVE: PERSONAL"), try at("<h1>"))
        XCTAssertLessThan(try at("<h2>By team</h2>"), try at("id=\"findings\""))
        XCTAssertLessThan(try at("href=\"#team-0\">Fostering East<"), try at("href=\"#team-1\">Leaving Care<"))
        XCTAssertLessThan(try at("id=\"team-1\""), try at("<footer>"))
        XCTAssertLessThan(try at("<footer>"), try at("Header: 2 records from Header.csv"))
        XCTAssertEqual(html.components(separatedBy: "OFFICIAL-SENSITIVE: PERSONAL").count, 3, "marked at top and foot")
        for filter in ["team", "worker", "rule", "sev", "child"] { XCTAssertTrue(html.contains("id=\"\(filter)\""), filter) }
        XCTAssertEqual(html.components(separatedBy: "Print this team").count - 1, 2)
        XCTAssertTrue(html.contains("<svg"))
        XCTAssertTrue(html.contains("<details class=\"notrun\"><summary>"))
        XCTAssertFalse(html.contains("http://") || html.contains("https://"), "the report loads nothing")
        XCTAssertTrue(html.contains("<code>ZZ</code>"))
    }

    func testNoMarkingLeavesTheLineOut() throws {
        XCTAssertFalse(HTMLReport.render(try result(), marking: "").contains("class=\"marking\""))
    }

    func testConsoleNamesEachTeamAndWhatToGiveForTheChecksNotMade() throws {
        let text = ConsoleSummary.render(try result())
        XCTAssertTrue(text.contains("\nFostering East       0        1         1\n"), text)
        XCTAssertTrue(text.contains("\nLeaving Care         1        0         1\n"), text)
        XCTAssertTrue(text.contains("give it with --input previous=..., or --previous"), text)
    }

    func testWhatIsWantedCountsEachRuleThatWantedIt() throws {
        let r = try result()
        let previous = try XCTUnwrap(r.wanted.first { $0.what == "last year's Episodes table" })
        XCTAssertEqual(Set(previous.rules), Set(r.notRun.filter { $0.needs.contains("Episodes_last") }.map(\.code)))
        XCTAssertEqual(r.wanted.map(\.rules.count), r.wanted.map(\.rules.count).sorted(by: >))
    }
}
