import GRDB
import XCTest
@testable import StatReturnKit

/// The nightly run remembers: what is new, what persists, what was fixed and what came back;
/// and it is safe left alone: one run at a time, nothing kept of a run that fails or is killed,
/// a history that is not ours never touched.
final class NightlyTests: XCTestCase {
    let columns = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"
    let header = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nC1,F,01/01/2023,WBRI,UN1,,\nC2,M,01/01/2023,WBRI,UN1,,\nC3,M,01/01/2023,WBRI,UN1,,\n"

    /// Each child's episode, with the legal status given (ZZ is no code: error 144).
    func episodes(_ legal: [String: String]) -> String {
        columns + ["C1", "C2", "C3"].map { "\($0),01/05/2026,S,\(legal[$0] ?? "C2"),N1,U1,PR1,,,,LS9 8,WF10 4,XXXXXXX\n" }.joined()
    }

    struct Setup { var folder: URL; var config: URL; var extract: URL }

    func makeCouncil(owners: String = "child,team\nC1,North\nC2,South\nC3,South\n") throws -> Setup {
        let folder = try temporaryFolder()
        let extract = folder.appendingPathComponent("extract")
        try FileManager.default.createDirectory(at: extract, withIntermediateDirectories: true)
        try header.write(to: extract.appendingPathComponent("header.csv"), atomically: true, encoding: .utf8)
        try owners.write(to: folder.appendingPathComponent("owners.csv"), atomically: true, encoding: .utf8)
        let config = folder.appendingPathComponent("nightly.yml")
        try """
        history: history.sqlite
        out: reports
        owners: owners.csv
        checks:
          - { return: ssda903, year: 2026-27, files: [extract] }
        """.write(to: config, atomically: true, encoding: .utf8)
        return Setup(folder: folder, config: config, extract: extract)
    }

    func night(_ s: Setup, _ legal: [String: String], force: Bool = false, at day: String) throws -> NightlyRun.Outcome {
        try episodes(legal).write(to: s.extract.appendingPathComponent("episodes.csv"), atomically: true, encoding: .utf8)
        let run = NightlyRun(config: try NightlyConfig(file: s.config.path), specs: SpecLoader(root: Package.specs))
        return try run.run(force: force, now: ISO8601DateFormatter().date(from: day + "T22:00:00Z")!)
    }

    func states(_ outcome: NightlyRun.Outcome) -> [String: String] {
        guard case .ran(_, let entries, _, _) = outcome else { XCTFail("the run was skipped"); return [:] }
        return Dictionary(entries.filter { $0.finding.code == "144" }.map { ($0.finding.child, $0.state.rawValue) }, uniquingKeysWith: { a, _ in a })
    }

    func testFindingsAreNewThenPersistThenAreFixedAndMayComeBack() throws {
        let s = try makeCouncil()
        XCTAssertEqual(states(try night(s, ["C1": "ZZ", "C2": "ZZ"], at: "2026-11-01")), ["C1": "new", "C2": "new"])
        XCTAssertEqual(states(try night(s, ["C1": "ZZ", "C3": "ZZ"], at: "2026-11-04")), ["C1": "persisting", "C2": "resolved", "C3": "new"])
        let third = try night(s, ["C1": "ZZ", "C2": "ZZ"], at: "2026-11-09")
        XCTAssertEqual(states(third), ["C1": "persisting", "C2": "reopened", "C3": "resolved"])
        guard case .ran(let folder, let entries, _, _) = third else { return }
        XCTAssertEqual(entries.first { $0.finding.child == "C1" && $0.finding.code == "144" }?.daysOpen, 8)
        XCTAssertEqual(entries.first { $0.finding.child == "C3" && $0.state == .resolved }?.finding.team, "South", "a fixed finding keeps its last owner")

        var rows: [[String]] = []
        try CSVReader(data: Data(contentsOf: folder.appendingPathComponent("findings.csv"))).forEachRecord { rows.append($0.cells) }
        XCTAssertEqual(Array(rows[0].suffix(3)), ["state", "first_seen", "days_open"])
        XCTAssertEqual(Array(rows[0].prefix(FindingsCSV.columns.count)), FindingsCSV.columns, "the usual columns first")
        let c1 = rows.first { (row: [String]) -> Bool in row[2] == "144" && row[6] == "C1" }
        XCTAssertEqual(c1.map { Array($0.suffix(3)) }, ["persisting", "01/11/2026", "8"])
        let latest = s.folder.appendingPathComponent("reports/latest")
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: latest.path), folder.lastPathComponent)
        let dashboard = try String(contentsOf: latest.appendingPathComponent("dashboard.html"), encoding: .utf8)
        XCTAssertTrue(dashboard.contains("<svg") && dashboard.contains("team-1-North.html"), "a trend chart and a link to each team's page")
        let book = try XLSXReader(data: Data(contentsOf: latest.appendingPathComponent("team-2-South.xlsx")), file: "team", dateFormat: .dmy)
        XCTAssertEqual(book.sheets.map(\.name), ["New", "Back again", "Still open", "Fixed"])
        XCTAssertEqual(try History(file: s.folder.appendingPathComponent("history.sqlite")).runs().count, 3)
    }

    func testANightWithTheSameInputsIsSkippedUnlessForced() throws {
        let s = try makeCouncil()
        _ = try night(s, ["C1": "ZZ"], at: "2026-11-01")
        guard case .unchanged = try night(s, ["C1": "ZZ"], at: "2026-11-02") else { return XCTFail("not skipped") }
        XCTAssertEqual(states(try night(s, ["C1": "ZZ"], force: true, at: "2026-11-02")), ["C1": "persisting"])
    }

    func testASecondRunAtOnceIsRefused() throws {
        let s = try makeCouncil()
        let lock = try HistoryLock(for: s.folder.appendingPathComponent("history.sqlite"))
        XCTAssertThrowsError(try night(s, [:], at: "2026-11-01")) { error in
            XCTAssertTrue("\(error)".contains("another nightly run is writing this history"), "\(error)")
        }
        withExtendedLifetime(lock) {}
    }

    func testAHistoryThatIsNotOursOrIsNewerIsRefusedAndLeftAsItIs() throws {
        let s = try makeCouncil()
        let file = s.folder.appendingPathComponent("history.sqlite")
        try Data("not a database at all".utf8).write(to: file)
        XCTAssertThrowsError(try night(s, [:], at: "2026-11-01")) { XCTAssertTrue("\($0)".contains("is not a StatReturn history"), "\($0)") }
        XCTAssertEqual(try String(contentsOf: file, encoding: .utf8), "not a database at all")

        try FileManager.default.removeItem(at: file)
        _ = try night(s, [:], at: "2026-11-01")
        try DatabaseQueue(path: file.path).write { try $0.execute(sql: "PRAGMA user_version = 99") }
        let before = try Data(contentsOf: file)
        XCTAssertThrowsError(try night(s, ["C1": "ZZ"], at: "2026-11-02")) { XCTAssertTrue("\($0)".contains("newer StatReturn"), "\($0)") }
        XCTAssertEqual(try Data(contentsOf: file), before)
    }

    func testARunWhoseReportsCannotBeWrittenKeepsNothing() throws {
        let s = try makeCouncil()
        _ = try night(s, ["C1": "ZZ"], at: "2026-11-01")
        let reports = s.folder.appendingPathComponent("reports")
        let latest = try FileManager.default.destinationOfSymbolicLink(atPath: reports.appendingPathComponent("latest").path)
        // Where the night's reports would go, something else already is (as a full or read-only
        // disk would stop them; this works for root too).
        try Data("in the way".utf8).write(to: reports.appendingPathComponent(NightlyRun.folderName(ISO8601DateFormatter().date(from: "2026-11-02T22:00:00Z")!)))
        XCTAssertThrowsError(try night(s, ["C2": "ZZ"], at: "2026-11-02"))
        XCTAssertEqual(try History(file: s.folder.appendingPathComponent("history.sqlite")).runs().count, 1)
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: reports.appendingPathComponent("latest").path), latest)
    }

    /// A run killed inside its transaction, after writing its reports: the history is as before
    /// and latest/ still points at the last run's reports.
    func testARunKilledMidWayLeavesTheHistoryAsItWas() throws {
        let s = try makeCouncil()
        try episodes(["C1": "ZZ"]).write(to: s.extract.appendingPathComponent("episodes.csv"), atomically: true, encoding: .utf8)
        XCTAssertEqual(try runProgram(["nightly", "--config", s.config.path]).status, 1)
        let history = s.folder.appendingPathComponent("history.sqlite")
        let before = try History(file: history).runs().count
        let latest = try FileManager.default.destinationOfSymbolicLink(atPath: s.folder.appendingPathComponent("reports/latest").path)

        try episodes(["C2": "ZZ"]).write(to: s.extract.appendingPathComponent("episodes.csv"), atomically: true, encoding: .utf8)
        let p = Process()
        p.executableURL = Package.program
        p.arguments = ["nightly", "--config", s.config.path]
        p.environment = ProcessInfo.processInfo.environment.merging(["STATRETURN_TEST_HOLD_BEFORE_COMMIT": "60"]) { _, b in b }
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        // Its reports folder appears just before it waits, inside the transaction.
        let reports = s.folder.appendingPathComponent("reports")
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, (try FileManager.default.contentsOfDirectory(atPath: reports.path)).filter({ $0.hasPrefix("20") }).count < 2 {
            Thread.sleep(forTimeInterval: 0.1)
        }
        Thread.sleep(forTimeInterval: 0.3)
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        XCTAssertEqual(p.terminationReason, .uncaughtSignal)
        XCTAssertEqual(try History(file: history).runs().count, before, "nothing of the killed run is kept")
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: reports.appendingPathComponent("latest").path), latest)
        // And the next night runs as if the killed one had not been.
        let next = try runProgram(["nightly", "--config", s.config.path])
        XCTAssertEqual(next.status, 1, next.stderr)
        XCTAssertTrue(next.stdout.contains(" new, 0 back again, 0 still open, 1 fixed since the last run"), next.stdout)
    }

    func testTheSampleConfigRunsOverTheBundledSamples() throws {
        let folder = try temporaryFolder()
        for part in ["nightly", "ssda903", "cin"] {
            try FileManager.default.copyItem(at: Package.samples.appendingPathComponent(part), to: folder.appendingPathComponent(part))
        }
        let r = try runProgram(["nightly", "--config", folder.appendingPathComponent("nightly/nightly.yml").path])
        XCTAssertEqual(r.status, 1, r.stderr)
        XCTAssertTrue(r.stdout.contains(" new, 0 back again, 0 still open, 0 fixed since the last run"), r.stdout)
        let again = try runProgram(["nightly", "--config", folder.appendingPathComponent("nightly/nightly.yml").path])
        XCTAssertEqual(again.status, 0)
        XCTAssertTrue(again.stdout.contains("nothing to do"), again.stdout)
        let runs = try runProgram(["history", "--config", folder.appendingPathComponent("nightly/nightly.yml").path])
        XCTAssertTrue(runs.stdout.hasPrefix("1 run in "), runs.stdout)
        let life = try runProgram(["history", "--config", folder.appendingPathComponent("nightly/nightly.yml").path, "--key", "C100004"])
        XCTAssertTrue(life.stdout.contains("101 child C100004") && life.stdout.contains("North CLA / SW0101") && life.stdout.contains("still open"), life.stdout)
    }

    /// A generated council on three nights: night 2 fixes some errors, keeps some and adds
    /// others, and moves a child to another team; night 3 brings a fixed error back.
    func testAGeneratedCouncilOnThreeNights() throws {
        let spec = try Package.spec("ssda903", "2026-27")
        let council = try SyntheticCouncil.generate(spec, specs: Package.specs, children: 60, seed: 11, errorRate: 0)
        let folder = try temporaryFolder()
        let extract = try council.write(to: folder.appendingPathComponent("gen"))
        let episodes = extract.appendingPathComponent("episodes.csv")
        let clean = try String(contentsOf: episodes, encoding: .utf8)
        let children = Array(Set((council.rows["Episodes"] ?? []).compactMap { $0["CHILD"] })).sorted().prefix(5)
        XCTAssertEqual(children.count, 5)
        let (a, b, c, d, e) = (children[0], children[1], children[2], children[3], children[4])
        // A child's every episode gets a legal status that is no code (144).
        func night(_ broken: [String], owners: [String: String], at day: String) throws -> [String: String] {
            let lines = clean.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
                var cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                guard cells.count > 3, broken.contains(cells[0]) else { return String(line) }
                cells[3] = "ZZ"
                return cells.joined(separator: ",")
            }
            try lines.joined(separator: "\n").write(to: episodes, atomically: true, encoding: .utf8)
            try ("child,team\n" + owners.sorted { $0.key < $1.key }.map { "\($0.key),\($0.value)\n" }.joined())
                .write(to: folder.appendingPathComponent("owners.csv"), atomically: true, encoding: .utf8)
            let config = folder.appendingPathComponent("nightly.yml")
            try "history: history.sqlite\nout: reports\nowners: owners.csv\nchecks:\n  - { return: ssda903, year: 2026-27, files: [gen/ssda903-2026-27] }\n"
                .write(to: config, atomically: true, encoding: .utf8)
            let outcome = try NightlyRun(config: try NightlyConfig(file: config.path), specs: SpecLoader(root: Package.specs))
                .run(now: ISO8601DateFormatter().date(from: day + "T22:00:00Z")!)
            guard case .ran(_, let entries, _, _) = outcome else { XCTFail("skipped"); return [:] }
            XCTAssertEqual(entries.filter { $0.finding.code != "144" }.filter { $0.state != .new && $0.state != .persisting }.count, 0,
                           "the clean council's own findings, if any, only persist")
            return Dictionary(entries.filter { $0.finding.code == "144" }.map { ("\($0.finding.child) \($0.finding.team)", $0.state.rawValue) },
                              uniquingKeysWith: { x, y in x == y ? x : "\(x)+\(y)" })
        }
        let owners = [a: "North", b: "North", c: "South", d: "South", e: "South"]
        XCTAssertEqual(try night([a, b, c], owners: owners, at: "2026-11-01"), ["\(a) North": "new", "\(b) North": "new", "\(c) South": "new"])
        // Night 2: a fixed, b still wrong and moved to South, c still wrong, d new.
        var moved = owners
        moved[b] = "South"
        XCTAssertEqual(try night([b, c, d], owners: moved, at: "2026-11-02"),
                       ["\(a) North": "resolved", "\(b) South": "persisting", "\(c) South": "persisting", "\(d) South": "new"])
        // Night 3: a's error is back, d fixed.
        XCTAssertEqual(try night([a, b, c], owners: moved, at: "2026-11-03"),
                       ["\(a) North": "reopened", "\(b) South": "persisting", "\(c) South": "persisting", "\(d) South": "resolved"])
        let life = try History(file: folder.appendingPathComponent("history.sqlite")).lives(matching: b).first { $0.code == "144" }
        XCTAssertEqual(life?.sightings.map(\.team), ["North", "South", "South"], "the owner at each run")
    }
}
