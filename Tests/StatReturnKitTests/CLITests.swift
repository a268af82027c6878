import XCTest
@testable import StatReturnKit

/// Runs the built `statreturn` program as a user would.
final class CLITests: XCTestCase {
    struct Run { var status: Int32; var stdout: String; var stderr: String }

    func run(_ args: [String], in folder: URL = Package.root) throws -> Run {
        let p = Process()
        p.executableURL = Package.program
        p.arguments = args
        p.currentDirectoryURL = folder
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Run(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

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
        XCTAssertEqual(rows.first, ["return", "year", "code", "severity", "table", "row", "child", "fields", "values", "message", "team", "worker"])
        let found = Set(rows.dropFirst().map { "\($0[2]) \($0[4]) \($0[5]) \($0[6])" })
        XCTAssertEqual(found, try expectedSampleFindings(sample), "findings differ from SampleReturns/ssda903/2026-27/README.md")
        // Children in the owners file carry their team and worker; C1099 is not in it.
        for row in rows.dropFirst() {
            XCTAssertEqual(row[10].isEmpty, row[6] == "C1099", "owner of \(row[6])")
        }

        let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        XCTAssertFalse(html.contains("http://") || html.contains("https://"), "the report must not load anything")
        XCTAssertTrue(html.contains("North CLA"))
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("findings.json"))) as? [String: Any]
        XCTAssertEqual((json?["findings"] as? [Any])?.count, rows.count - 1)
    }

    /// Rows of the README's table: `| code | table | row | child | what was changed |`.
    private func expectedSampleFindings(_ folder: URL) throws -> Set<String> {
        let readme = try String(contentsOf: folder.appendingPathComponent("README.md"), encoding: .utf8)
        let rows = readme.split(separator: "\n").filter { $0.hasPrefix("| ") }.map {
            $0.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "`", with: "") }
        }.filter { $0.count >= 4 && Int($0[2]) != nil }
        XCTAssertGreaterThanOrEqual(rows.count, 5)
        return Set(rows.map { "\($0[0]) \($0[1]) \($0[2]) \($0[3])" })
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

    /// The listing covers the official catalogue: every DfE code listed is a real one.
    func testListedCodesComeFromTheOfficialCatalogue() throws {
        let catalogue = Package.root.deletingLastPathComponent().appendingPathComponent("shared/reference/rules/ssda903-2026-27-rule-catalogue.tsv")
        guard let text = try? String(contentsOf: catalogue, encoding: .utf8) else {
            throw XCTSkip("the reference catalogue is not beside this checkout")
        }
        let lines = text.split(whereSeparator: \.isNewline).map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
        let official = Set(lines.map { String($0[0]) })
        let officialMessages = Dictionary(lines.map { (String($0[0]), normalise($0[1])) }, uniquingKeysWith: { a, _ in a })
        let spec = try Package.spec("ssda903", "2026-27")
        let ours = spec.rules.map(\.code).filter { !$0.hasPrefix("SR") }
        XCTAssertEqual(ours.filter { !official.contains($0) }, [])
        XCTAssertGreaterThanOrEqual(ours.count, 40)
        // Messages are our own words, not the official sentence.
        for rule in spec.rules where officialMessages[rule.code] == normalise(rule.message) {
            XCTFail("rule \(rule.code) reuses the official message")
        }
    }

    private func normalise(_ s: some StringProtocol) -> String {
        s.lowercased().filter { $0.isLetter || $0.isNumber }
    }
}
