import XCTest
@testable import StatReturnKit

/// findings.xlsx as a manager opens it, read back from the bytes written.
final class FindingsWorkbookTests: XCTestCase {
    private func finding(_ code: String, _ severity: Severity, table: String, row: Int?, child: String, fields: [String], values: [String],
                         team: String = "", worker: String = "", related: [Finding.Related] = [], record: String = "") -> Finding {
        Finding(returnName: "ssda903", year: "2026-27", code: code, severity: severity, table: table, row: row,
                file: table.isEmpty ? "" : "\(table.lowercased()).csv", child: child, fields: fields, values: values,
                message: "Rule \(code) is broken.", team: team, worker: worker, related: related,
                key: child.isEmpty ? "" : "CHILD=\(child)", record: record)
    }

    private func result() -> ValidationResult {
        let findings = [
            finding("501", .error, table: "Episodes", row: 3, child: "0000037", fields: ["DECOM", "DEC"], values: ["19/06/2026", "31/02/2026"],
                    team: "North", worker: "A. Smith", related: [.init(row: 2, values: ["28/03/2026", "22/06/2026"])], record: "episode starting 19/06/2026"),
            finding("101", .query, table: "Header", row: 1, child: "0000038", fields: ["SEX", "DOB"], values: ["=SUM(A1)", ""]),
            // A cross-table rule: an episode's finding with a field of the adoption record.
            finding("601", .error, table: "Episodes", row: 4, child: "0000037", fields: ["REC", "DATE_INT"], values: ["E11", "06/08/2025"],
                    team: "North", worker: "B. Jones"),
            finding("SR05", .error, table: "", row: nil, child: "", fields: [], values: []),
        ]
        return ValidationResult(returnName: "ssda903", year: "2026-27", title: "Children looked after", findings: findings,
                                notRun: [.init(code: "502", reason: "last year's return was not given")], failed: [], rulesRun: 3,
                                tables: [], warnings: [], fixes: [], ruleSeconds: [:], data: [:])
    }

    private func rows(_ data: Data, _ sheet: String) throws -> [[String]] {
        let reader = try XLSXReader(data: data, file: "findings.xlsx", dateFormat: .dmy)
        var rows: [[String]] = []
        try reader.rows(of: try XCTUnwrap(reader.sheets.first { $0.name == sheet })).forEachRecord { rows.append($0.cells) }
        return rows
    }

    func testSheetsSayHowManyOfWhatAndWhoHasThemToFix() throws {
        let data = try FindingsWorkbook.render(result(), spec: try Package.spec("ssda903", "2026-27"))
        XCTAssertEqual(try WorkbookParts(data).sheets().map(\.name), ["By rule", "By team", "Findings"])
        XCTAssertEqual(try rows(data, "By rule"), [
            ["Rule", "Severity", "What is wrong", "Findings", "Children"],
            ["501", "error", "Rule 501 is broken.", "1", "1"],
            ["601", "error", "Rule 601 is broken.", "1", "1"],
            ["SR05", "error", "Rule SR05 is broken.", "1", "0"],
            ["101", "query", "Rule 101 is broken.", "1", "1"],
            ["502", "not run", "last year's return was not given"],
        ])
        XCTAssertEqual(try rows(data, "By team"), [
            ["Team", "Worker", "Errors", "Queries", "Children"],
            ["North", "A. Smith", "1", "0", "1"],
            ["North", "B. Jones", "1", "0", "1"],
            ["North", "Team total", "2", "0", "1"],
            ["No team given", "No worker given", "0", "1", "1"],
            ["No team given", "Team total", "0", "1", "1"],
            ["Whole return", "No worker given", "1", "0", "0"],
            ["Whole return", "Team total", "1", "0", "0"],
        ])
        let parts = try WorkbookParts(data)
        let team = try parts.sheet("By team")
        XCTAssertTrue(try parts.style(of: parts.cell("B4", in: team)).bold, "a team's total is bold")
        XCTAssertFalse(try parts.style(of: parts.cell("B3", in: team)).bold)
        let rule = try parts.sheet("By rule")
        XCTAssertEqual(try parts.style(of: parts.cell("A2", in: rule)).fill, "FFF8D7DA")
        XCTAssertEqual(try parts.style(of: parts.cell("A5", in: rule)).fill, "FFFFEDC2")
        XCTAssertNil(try parts.style(of: parts.cell("A6", in: rule)).fill, "a rule not run is no finding")
    }

    func testFindingsSheetHasOneRowEachWithTheValuesFoundInTheirFieldsColumns() throws {
        let data = try FindingsWorkbook.render(result(), spec: try Package.spec("ssda903", "2026-27"))
        let rows = try rows(data, "Findings")
        XCTAssertEqual(rows.first, ["Severity", "Rule", "Team", "Worker", "Child", "Record", "What is wrong", "Table", "Row", "File", "Key",
                                    "DECOM", "DEC", "SEX", "DOB", "REC", "DATE_INT"])
        XCTAssertEqual(rows.count, 5)
        XCTAssertEqual(rows[1], ["error", "501", "North", "A. Smith", "0000037", "episode starting 19/06/2026",
                                 "Rule 501 is broken. Also involved: row 2 (DECOM=28/03/2026, DEC=22/06/2026).", "Episodes", "3", "episodes.csv", "CHILD=0000037",
                                 "19/06/2026", "31/02/2026", "", "", "", ""])
        XCTAssertEqual(rows[2][2...4], ["No team given", "No worker given", "0000038"], "the groups of the By team sheet")
        XCTAssertEqual(rows[2][13], "=SUM(A1)")
        XCTAssertEqual(rows[4][0...2], ["error", "SR05", "Whole return"])

        let parts = try WorkbookParts(data)
        let sheet = try parts.sheet("Findings")
        let child = try parts.cell("E2", in: sheet)
        XCTAssertTrue(child.contains(#"t="inlineStr""#) || child.contains(#"t="s""#), "the child ID is text: \(child)")
        let decom = try parts.cell("L2", in: sheet)
        XCTAssertNil(parts.attribute("t", of: decom), "a date field's value is a number: \(decom)")
        XCTAssertEqual(try parts.style(of: decom).numberFormat, "dd/mm/yyyy")
        XCTAssertEqual(parts.matches("<v>(.*?)</v>", in: decom, group: 1), ["46192"])
        XCTAssertTrue(try parts.cell("M2", in: sheet).contains("<t>31/02/2026</t>"), "a date that is no date stays as found")
        XCTAssertEqual(try parts.style(of: parts.cell("Q4", in: sheet)).numberFormat, "dd/mm/yyyy", "another table's date field is a date too")
        XCTAssertTrue(try parts.cell("P4", in: sheet).contains("<t>E11</t>"))
        let formula = try parts.cell("N3", in: sheet)
        XCTAssertFalse(formula.contains("<f>"), formula)
        XCTAssertTrue(formula.contains("=SUM(A1)"), formula)

        XCTAssertEqual(try parts.style(of: parts.cell("A2", in: sheet)).fill, "FFF8D7DA", "an error row is soft red")
        XCTAssertEqual(try parts.style(of: parts.cell("O3", in: sheet)).fill, "FFFFEDC2", "a query row is soft amber to its last column")
        for name in ["By rule", "By team", "Findings"] {
            let xml = try parts.sheet(name)
            XCTAssertTrue(xml.contains(#"state="frozen""#), name)
            XCTAssertTrue(xml.contains("<autoFilter "), name)
        }
    }

    func testCSVReportsOpenInExcelAndFixesAreKeptWhateverTheFormat() throws {
        var r = result()
        r.fixes = [Fix(file: "header.csv", row: 1, field: "SEX", before: "Male", after: "M", reason: "a known label")]
        let spec = try Package.spec("ssda903", "2026-27")
        let all = try ReportWriter.files(r, spec: spec)
        XCTAssertEqual(all.map(\.name), ["findings.xlsx", "findings.csv", "findings.json", "report.html", "fixes.csv"])
        for csv in all.filter({ $0.name.hasSuffix(".csv") }) {
            XCTAssertEqual(Array(csv.data.prefix(3)), [0xEF, 0xBB, 0xBF], csv.name)
            let bytes = Array(csv.data)
            let lineEnds = bytes.indices.filter { bytes[$0] == 0x0A }
            XCTAssertEqual(lineEnds.last, bytes.count - 1, csv.name)
            XCTAssertGreaterThan(lineEnds.count, 1, csv.name)
            XCTAssertTrue(lineEnds.allSatisfy { bytes[$0 - 1] == 0x0D }, "\(csv.name): every line ends CRLF")
        }
        let chosen = try ReportWriter.files(r, spec: spec, settings: ReportSettings(formats: [.csv], bom: false))
        XCTAssertEqual(chosen.map(\.name), ["findings.csv", "fixes.csv"])
        XCTAssertTrue(chosen.allSatisfy { $0.data.starts(with: Data("file,".utf8)) || $0.data.starts(with: Data("return,".utf8)) }, "no byte-order mark")
        XCTAssertEqual(try ReportWriter.files(result(), spec: spec, settings: ReportSettings(formats: [.xlsx])).map(\.name), ["findings.xlsx"])
    }
}
