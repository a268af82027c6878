import XCTest
@testable import StatReturnKit

/// Runs the built `statreturn` program as a user would.
final class CLITests: XCTestCase {
    func run(_ args: [String], in folder: URL = Package.root) throws -> ProgramRun { try runProgram(args, in: folder) }

    /// The sample's README lists each deliberate error; exactly those must be found.
    func testSampleReturnGivesExactlyItsDocumentedFindings() throws {
        let sample = Package.samples.appendingPathComponent("ssda903/2026-27")
        let out = try temporaryFolder()
        let r = try run(["validate", "ssda903", "--year", "2026-27", sample.path,
                         "--owners", Package.samples.appendingPathComponent("ssda903/owners.csv").path, "--out", out.path])
        XCTAssertEqual(r.status, 1, r.stderr)
        XCTAssertTrue(r.stdout.contains("errors"), r.stdout)

        let csv = try String(contentsOf: out.appendingPathComponent("findings.csv"), encoding: .utf8)
        var rows: [[String]] = []
        try CSVReader(text: csv).forEachRecord { rows.append($0.cells) }
        XCTAssertEqual(rows.first, ["return", "year", "code", "severity", "table", "row", "child", "fields", "values", "message", "team", "worker", "file", "key", "record", "source", "caused_by"])
        XCTAssertEqual(try findings(out), try expectedSampleFindings(sample), "findings differ from SampleReturns/ssda903/2026-27/README.md")
        // The missing-or-away type that is no code (1006) is the cause of 565 and 566 on the same record.
        let missing = rows.filter { $0[6] == "C100063" && $0[4] == "Missing" }.map { "\($0[2]) \($0[16])" }.sorted()
        XCTAssertEqual(missing, ["1006 ", "565 1006 MISSING", "566 1006 MISSING"])
        XCTAssertTrue(r.stdout.contains("of these follow from a value another finding already says is malformed"), r.stdout)
        // Children in the owners file carry their team and worker; C999999 (not in the Header) is not in it.
        for row in rows.dropFirst() {
            XCTAssertEqual(row[10].isEmpty, row[6] == "C999999", "owner of \(row[6])")
        }

        let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        XCTAssertFalse(html.contains("http://") || html.contains("https://"), "the report must not load anything")
        XCTAssertTrue(html.contains("North CLA"))
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("findings.json"))) as? [String: Any]
        XCTAssertEqual((json?["findings"] as? [Any])?.count, rows.count - 1)

        XCTAssertTrue(r.stdout.hasSuffix("Reports written to \(out.path)/: findings.xlsx, findings.csv, findings.json, report.html\n"), r.stdout)
        let bytes = Array(try Data(contentsOf: out.appendingPathComponent("findings.csv")))
        XCTAssertEqual(Array(bytes.prefix(3)), [0xEF, 0xBB, 0xBF], "a byte-order mark, for Excel")
        XCTAssertTrue(bytes.indices.allSatisfy { bytes[$0] != 0x0A || bytes[$0 - 1] == 0x0D }, "CRLF line ends")
        let book = try XLSXReader(data: Data(contentsOf: out.appendingPathComponent("findings.xlsx")), file: "findings.xlsx", dateFormat: .dmy)
        XCTAssertEqual(book.sheets.map(\.name), ["By rule", "By team", "Findings", "Owners"])
        var listed: [[String]] = [], owners: [[String]] = []
        try book.rows(of: book.sheets[2]).forEachRecord { listed.append($0.cells) }
        XCTAssertEqual(listed.count, rows.count, "a row per finding under the header, in both")
        XCTAssertEqual(Set(listed.dropFirst().map { $0[4] }), Set(rows.dropFirst().map { $0[6] }), "the same children")
        try book.rows(of: book.sheets[3]).forEachRecord { owners.append($0.cells) }
        XCTAssertEqual(owners.dropFirst().map(\.first), ["C999999"], "the one child with findings the owners list lacks")
    }

    /// --format writes the reports chosen and the message names exactly those; --no-bom leaves
    /// the CSV's byte-order mark out.
    func testFormatChoosesTheReportsWritten() throws {
        let sample = Package.samples.appendingPathComponent("ssda903/2026-27").path
        func validate(_ options: [String]) throws -> (run: ProgramRun, out: URL, files: [String]) {
            let out = try temporaryFolder()
            let r = try run(["validate", "ssda903", "--year", "2026-27", sample, "--out", out.path] + options)
            XCTAssertEqual(r.status, 1, r.stderr)
            return (r, out, try FileManager.default.contentsOfDirectory(atPath: out.path).sorted())
        }
        let xlsx = try validate(["--format", "xlsx"])
        XCTAssertEqual(xlsx.files, ["findings.xlsx"])
        XCTAssertTrue(xlsx.run.stdout.hasSuffix("/: findings.xlsx\n"), xlsx.run.stdout)

        let csv = try validate(["--format", "csv, json", "--no-bom"])
        XCTAssertEqual(csv.files, ["findings.csv", "findings.json"])
        XCTAssertTrue(csv.run.stdout.hasSuffix("/: findings.csv, findings.json\n"), csv.run.stdout)
        XCTAssertTrue(try Data(contentsOf: csv.out.appendingPathComponent("findings.csv")).starts(with: Data("return,".utf8)), "no byte-order mark")

        let html = try validate(["--format", "HTML", "--format", "csv", "--marking", "OFFICIAL"])
        XCTAssertEqual(html.files, ["findings.csv", "report.html"])
        let page = try String(contentsOf: html.out.appendingPathComponent("report.html"), encoding: .utf8)
        XCTAssertTrue(page.contains("<p class=\"marking\">OFFICIAL</p>") && !page.contains("OFFICIAL-SENSITIVE"), "the marking chosen")

        let unknown = try run(["validate", "ssda903", "--year", "2026-27", sample, "--out", try temporaryFolder().path, "--format", "xlsx,pdf"])
        XCTAssertEqual(unknown.status, 2)
        XCTAssertTrue(unknown.stderr.contains("--format: 'pdf' is not a report; choose from xlsx, csv, json, html"), unknown.stderr)
        let nowhere = try run(["validate", "ssda903", "--year", "2026-27", sample, "--no-bom"])
        XCTAssertEqual(nowhere.status, 2)
        XCTAssertTrue(nowhere.stderr.contains("give --out"), nowhere.stderr)
    }

    /// The README's table of expected findings, as "code table row child". Its columns are
    /// `code | table | row | child | ...`, or for the CIN census `code | table | CSV row | XML line | child | ...`;
    /// `column` picks the row column. A whole-return finding has table and row "-".
    /// The sample's provider list, kept in Excel or saved as CSV, gives the same findings: the
    /// sample's own and the one the list's deliberate error adds (a registration that ended in January).
    func testProviderListFromExcelGivesTheSameFindingsAsFromCSV() throws {
        let sample = Package.samples.appendingPathComponent("ssda903/2026-27")
        var found: [String: Set<String>] = [:]
        for kind in ["csv", "xlsx"] {
            let out = try temporaryFolder()
            let r = try run(["validate", "ssda903", "--year", "2026-27", sample.path, "--la", "316", "--out", out.path,
                             "--providers", Package.samples.appendingPathComponent("ssda903/providers.\(kind)").path])
            XCTAssertEqual(r.status, 1, r.stderr)
            XCTAssertTrue(r.stdout.contains("Providers: 74 records from"), r.stdout)
            found[kind] = try findings(out)
        }
        XCTAssertEqual(found["xlsx"], found["csv"])
        XCTAssertEqual(found["xlsx"], try expectedSampleFindings(sample).union(["228 Episodes 77 C100053"]))
    }

    private func expectedSampleFindings(_ folder: URL, rowColumn column: Int = 2, childColumn: Int = 3) throws -> Set<String> {
        let readme = try String(contentsOf: folder.appendingPathComponent("README.md"), encoding: .utf8)
        let rows = readme.split(separator: "\n").filter { $0.hasPrefix("| ") }.map {
            $0.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "`", with: "") }
        }.filter { $0.count > childColumn && $0[0] != "code" }
        XCTAssertGreaterThanOrEqual(rows.count, 5)
        return Set(rows.map { r in
            let table = r[1].hasPrefix("(") ? "" : r[1]
            let row = r[column] == "-" ? "" : r[column]
            return "\(r[0]) \(table) \(row) \(r[childColumn] == "-" ? "" : r[childColumn])"
        })
    }

    private func findings(_ folder: URL) throws -> Set<String> {
        let csv = try String(contentsOf: folder.appendingPathComponent("findings.csv"), encoding: .utf8)
        var rows: [[String]] = []
        try CSVReader(text: csv).forEachRecord { rows.append($0.cells) }
        return Set(rows.dropFirst().map { "\($0[2]) \($0[4]) \($0[5]) \($0[6])" })
    }

    /// Each CIN sample, as XML and as CSV, gives exactly the findings its README lists.
    func testCINSamplesGiveExactlyTheirDocumentedFindings() throws {
        for year in ["2025-26", "2026-27"] {
            let sample = Package.samples.appendingPathComponent("cin/\(year)")
            for (input, column) in [("csv", 2), ("cin.xml", 3)] {
                let out = try temporaryFolder()
                let r = try run(["validate", "cin", "--year", year, sample.appendingPathComponent(input).path, "--out", out.path])
                XCTAssertEqual(r.status, 1, r.stderr)
                XCTAssertEqual(try findings(out), try expectedSampleFindings(sample, rowColumn: column, childColumn: 4),
                               "\(year) \(input): findings differ from the sample's README")
            }
        }
    }

    func testCINExportRefusesWhileErrorsRemainUnlessDraft() throws {
        let out = try temporaryFolder()
        let sample = Package.samples.appendingPathComponent("cin/2025-26/csv").path
        let target = out.appendingPathComponent("census.xml")
        let refused = try run(["export", "cin", "--year", "2025-26", sample, "--out", target.path, "--lea", "380"])
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.contains("errors remain"), refused.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: target.path))
        XCTAssertEqual(try run(["export", "cin", "--year", "2025-26", sample, "--out", target.path]).status, 2, "--lea is needed")
        let draft = try run(["export", "cin", "--year", "2025-26", sample, "--out", target.path, "--lea", "380", "--draft"])
        XCTAssertEqual(draft.status, 0, draft.stderr)
        let written = try String(contentsOf: out.appendingPathComponent("census.DRAFT.xml"), encoding: .utf8)
        XCTAssertTrue(written.contains("<LEA>380</LEA>"))
    }

    func testCleanReturnExitsZero() throws {
        let dir = try temporaryFolder()
        try "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n1,M,01/02/2015,WBRI,A123456789012,,\n"
            .write(to: dir.appendingPathComponent("h.csv"), atomically: true, encoding: .utf8)
        try "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n1,01/05/2026,S,C2,N1,U4,PR1,,,,LS1 4,LS6 2,1234567\n"
            .write(to: dir.appendingPathComponent("e.csv"), atomically: true, encoding: .utf8)
        // Run from another folder: the program finds the Specs beside itself.
        let r = try run(["validate", "ssda903", "--year", "2026-27", dir.path], in: dir)
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        XCTAssertTrue(r.stdout.contains("0 errors"), r.stdout)
    }

    func testUnknownFileExitsTwoNamingFileAndLine() throws {
        let dir = try temporaryFolder()
        let file = dir.appendingPathComponent("notes.csv")
        try "NAME,ADDRESS\nx,y\n".write(to: file, atomically: true, encoding: .utf8)
        let r = try run(["validate", "ssda903", "--year", "2026-27", file.path])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains("\(file.path):1"), r.stderr)
        XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, r.stderr)
    }

    func testMissingFileAndBadArgumentsExitTwo() throws {
        XCTAssertEqual(try run(["validate", "ssda903", "--year", "2026-27", "/no/such/file.csv"]).status, 2)
        XCTAssertEqual(try run(["validate", "ssda903", "--year", "1999-00", "x"]).status, 2)
        XCTAssertEqual(try run(["validate", "nosuchreturn", "--year", "2026-27", "x"]).status, 2)
        XCTAssertEqual(try run(["validate", "ssda903", "--bogus"]).status, 2)
    }

    /// Returns and years as people type them; a wrong one lists what exists.
    func testReturnAndYearAsTyped() throws {
        let r = try run(["rules", "CLA", "--year", "2026/27"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.hasPrefix("SSDA903 children looked after 2026-27:"), r.stdout)
        XCTAssertTrue(try run(["rules", "CIN", "--year", "2026"]).stdout.hasPrefix("Children in need census 2025-26:"))
        let wrong = try run(["rules", "ssda903", "--year", "2030-2031"])
        XCTAssertEqual(wrong.status, 2)
        XCTAssertTrue(wrong.stderr.contains("ssda903 has no year '2030-2031'; the returns are "), wrong.stderr)
        XCTAssertTrue(wrong.stderr.contains("; annex-a (also "), wrong.stderr)
        XCTAssertTrue(wrong.stderr.contains("; cin: 2025-26 (2026), 2026-27 (2027); "), wrong.stderr)
    }

    func testInputFilesAreNotModified() throws {
        let sample = Package.samples.appendingPathComponent("ssda903/2026-27/episodes.csv")
        let before = try Data(contentsOf: sample)
        _ = try run(["validate", "ssda903", "--year", "2026-27", sample.deletingLastPathComponent().path])
        XCTAssertEqual(try Data(contentsOf: sample), before)
    }

    func testRulesListingAndExplain() throws {
        let r = try run(["rules", "ssda903", "--year", "2026-27", "--format", "tsv"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let lines = r.stdout.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
        XCTAssertEqual(lines.first, ["code", "severity", "tables", "fields", "message"])
        XCTAssertTrue(lines.dropFirst().allSatisfy { $0.count == 5 && ["error", "query"].contains(String($0[1])) })

        let explained = try run(["rules", "ssda903", "--year", "2026-27", "--explain", "501"])
        XCTAssertEqual(explained.status, 0)
        XCTAssertTrue(explained.stdout.contains("Example that fails"), explained.stdout)
        XCTAssertTrue(explained.stdout.contains("SELECT"), explained.stdout)
        XCTAssertEqual(try run(["rules", "ssda903", "--year", "2026-27", "--explain", "NOPE"]).status, 2)
    }

    /// The rules cover the official catalogues: every catalogue code is implemented, every DfE
    /// code we list is a real one (our own start SR or XR), and no message copies the official one.
    func testRulesMatchTheOfficialCatalogues() throws {
        let reference = Package.root.deletingLastPathComponent().appendingPathComponent("shared/reference/rules")
        for (ret, file, years, messageColumn) in [("ssda903", "ssda903-2026-27-rule-catalogue.tsv", ["2026-27"], 1),
                                                  ("cin", "cin-2025-26-rule-catalogue.tsv", ["2025-26", "2026-27"], 3)] {
            guard let text = try? String(contentsOf: reference.appendingPathComponent(file), encoding: .utf8) else {
                throw XCTSkip("the reference catalogues are not beside this checkout")
            }
            let lines = text.split(whereSeparator: \.isNewline).map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
            var official = Dictionary(lines.map { (String($0[0]), normalise($0[messageColumn])) }, uniquingKeysWith: { a, _ in a })
            // The catalogue predates the public 903 validator 0.1.17, whose 2025-26 rule set adds
            // these codes and drops SW01aSTG1 and SW01bSTG1 (and splits SW10STG2 into SW10a/SW10b).
            if ret == "ssda903" {
                for code in ["241", "242", "243", "SW10aSTG2", "SW10bSTG2", "SW18STG2", "SW19STG2"] { official[code] = "" }
                for code in ["SW01aSTG1", "SW01bSTG1", "SW10STG2"] { official[code] = nil }
            }
            for year in years {
                let spec = try Package.spec(ret, year)
                let ours = spec.rules.map(\.code).filter { !$0.hasPrefix("SR") && !$0.hasPrefix("XR") }
                XCTAssertEqual(ours.filter { official[$0] == nil }, [], "\(ret) \(year): codes not in the catalogue")
                for rule in spec.rules where official[rule.code] == normalise(rule.message) {
                    XCTFail("\(ret) rule \(rule.code) reuses the official message")
                }
                XCTAssertEqual(Set(official.keys).subtracting(ours).sorted(), [], "\(ret) \(year): catalogue codes not implemented")
            }
        }
    }

    private func normalise(_ s: some StringProtocol) -> String {
        s.lowercased().filter { $0.isLetter || $0.isNumber }
    }
}
