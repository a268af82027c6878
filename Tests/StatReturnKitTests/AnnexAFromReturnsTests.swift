import XCTest
@testable import StatReturnKit

/// Annex A made from the returns a council sends the DfE (Specs/annex-a/2025/from-returns.yml):
/// the CIN census and SSDA903 read for the inspection date's collection year, checked as
/// themselves, and Lists 3 to 10 made from them; and a council's own lists checked against the
/// returns (the XA rules).
final class AnnexAFromReturnsTests: XCTestCase {
    private static let loader = SpecLoader(root: Package.specs)
    /// Inside the 2025-26 collection year the synthetic council's returns are made for.
    private static let inspection = "2026-01-31"

    /// A synthetic council's SSD extract and the CIN census (XML) and SSDA903 (CSV tables) made
    /// from it by their own from-ssd.yml, written once for all the tests.
    private struct Council: Sendable { var ssd: URL; var cin: URL; var ssda903: URL }

    private static let council = Result<Council, any Error> {
        let folder = try temporaryFolder()
        let ssd = try XCTUnwrap(try SyntheticCouncil.dataset("ssd", year: "2025-26", loader: loader, children: 100, seed: 5, errorRate: 0))
            .write(to: folder.appendingPathComponent("ssd"))
        // Each return's tables as its from-ssd.yml makes them (their rules are other tests' business).
        func made(_ name: String) throws -> (ReturnSpec, ValidationResult) {
            let spec = try loader.load(returnName: name, year: "2025-26")
            let feeds = try SourceRoute(spec: spec, source: "ssd", loader: loader).derive(from: ssd.path, parameters: [:]).feeds
            return (spec, try Validator(spec: spec).validate([], feeds: feeds, only: []))
        }
        let (cinSpec, cin) = try made("cin")
        let cinFile = folder.appendingPathComponent("cin.xml")
        try XMLExporter.render(cin, spec: cinSpec, returnLevel: try HeaderValues.fill(cinSpec, parameters: ["lea": "999"], serial: "001"))
            .xml.write(to: cinFile)
        let (spec903, ssda903) = try made("ssda903")
        let folder903 = folder.appendingPathComponent("903")
        _ = try CSVExporter.write(ssda903, spec: spec903, to: try OutputTarget(path: folder903.path, inputs: []), draft: false)
        return Council(ssd: ssd, cin: cinFile, ssda903: folder903)
    }

    private static let spec = Result<ReturnSpec, any Error> { try loader.load(returnName: "annex-a", year: "2025") }
    private func annexA() throws -> ReturnSpec { try Self.spec.get() }

    /// The lists made from what is named (`ssd`, or `cin` and `ssda903`), checked.
    private static func lists(_ named: [(String, String)], parameters: [String: String] = ["inspection_date": inspection],
                              fix: Bool = false) throws -> ValidationResult {
        let spec = try Self.spec.get()
        let run = RunInputs(files: [], named: named, parameters: parameters)
        var validator = Validator(spec: spec)
        validator.fix = fix
        validator.parameters = try run.checkedParameters(for: spec)
        return try validator.validate(run, specs: loader)
    }

    private func lists(_ named: [(String, String)], fix: Bool = false) throws -> ValidationResult { try Self.lists(named, fix: fix) }

    /// The lists made from the council's returns, made once.
    private static let madeFromReturns = Result<ValidationResult, any Error> {
        let c = try council.get()
        return try lists([("cin", c.cin.path), ("ssda903", c.ssda903.path)])
    }

    private func fromReturns() throws -> ValidationResult { try Self.madeFromReturns.get() }

    /// A table's rows as a multiset.
    private func counted(_ rows: [[String]]) -> [[String]: Int] { rows.reduce(into: [:]) { $0[$1, default: 0] += 1 } }

    // MARK: - Agreement with the lists made from the SSD

    /// Columns both routes fill, but with different things: not compared.
    private static let different = [
        "List8": ["allocated_worker": "from the SSD the allocated case worker by name; from the 903 the social worker by Social Work England number"],
    ]
    /// Columns the 903 fills from facts the synthetic SSD does not record (its permanence records
    /// hold no placement order, and the placement for adoption only for children adopted):
    /// compared only where the SSD's list has a value.
    private static let onlyTheReturnsHold = [
        "List10": ["placement_order_date", "placed_for_adoption_date", "placed_ffa_date"],
    ]

    /// Lists 3 to 10 made from an SSD and from the census and 903 made from that SSD hold the same
    /// records (by each list's key) with the same values in every column both fill. The synthetic
    /// SSD holds one year's story, so here even the 12-month counts agree; with real data those
    /// count only what the year's returns hold (from-returns.yml's `partial`).
    func testListsFromTheSSDAndFromItsReturnsAgreeOnWhatBothFill() throws {
        let c = try Self.council.get()
        let spec = try annexA()
        let ssd = try lists([("ssd", c.ssd.path)]), returns = try fromReturns()
        let bySSD = try XCTUnwrap(spec.sources["ssd"]), byReturns = try XCTUnwrap(spec.sources["returns"])
        for n in 3...10 {
            let name = "List\(n)"
            let table = try XCTUnwrap(spec.table(name))
            let blank = Set([bySSD, byReturns].flatMap { m in m.tables.first { $0.table == name }?.unavailable?.keys.map { $0 } ?? [] })
                .union(Self.different[name]?.keys.map { $0 } ?? [])
            let key = table.key.map { k in table.fields.firstIndex { $0.name == k }! }
            func byKey(_ r: ValidationResult) -> [[String]: [String]] {
                Dictionary((r.data[name]?.records ?? []).map { row in (key.map { row[$0] }, row) }, uniquingKeysWith: { a, _ in a })
            }
            let (a, b) = (byKey(ssd), byKey(returns))
            XCTAssertEqual(a.count, ssd.data[name]?.count, "\(name): one row per key")
            XCTAssertGreaterThan(a.count, 3, "\(name) has rows to compare")
            XCTAssertEqual(Set(a.keys), Set(b.keys), "\(name): the same records")
            var compared = 0
            for (k, row) in a {
                guard let other = b[k] else { continue }
                for (i, f) in table.fields.enumerated() where !blank.contains(f.name) {
                    if Self.onlyTheReturnsHold[name]?.contains(f.name) == true && row[i].isEmpty { continue }
                    XCTAssertEqual(other[i], row[i], "\(name) \(k) \(f.name)")
                    compared += 1
                }
            }
            XCTAssertGreaterThan(compared, a.count * 5, "\(name): values compared")
        }
    }

    // MARK: - Made from the returns

    /// Lists 3 to 10 are made, 1, 2 and 11 said not made, and About says, list by list, what
    /// could not be filled and why, and which year each return was read as.
    func testTheListsFromTheReturnsSayWhatTheyCouldNotMakeOrFill() throws {
        let c = try Self.council.get()
        let result = try fromReturns()
        let parameters = ["inspection_date": Self.inspection]
        let spec = try annexA().companionsFor(run: parameters, loader: Self.loader)
        for n in 1...11 {
            let rows = result.data["List\(n)"]?.count ?? 0
            if [1, 2, 11].contains(n) { XCTAssertEqual(rows, 0, "List \(n)") } else { XCTAssertGreaterThan(rows, 0, "List \(n)") }
        }
        let made = try RunInputs(files: [], named: [("cin", c.cin.path), ("ssda903", c.ssda903.path)], parameters: parameters).madeFrom(for: spec)
        XCTAssertEqual(made.map(\.mapping.source), ["returns"])
        let book = try WorkbookExporter.workbook(result, spec: spec, context: .init(parameters: parameters, sources: made.flatMap(\.inputs),
                                                                                   mappings: made.map(\.mapping), degraded: false, draft: true))
        let about = try XCTUnwrap(book.sheets.last { $0.name == "About" }).rows.map { row in
            row.cells.map { if case .text(let t) = $0 { t } else { "" } }.joined(separator: " | ")
        }
        func after(_ sheet: String) -> [String] { Array(about.drop { !$0.hasPrefix(sheet + " |") }.dropFirst().prefix { $0.hasPrefix("  ") }) }
        for list in ["List 1", "List 2", "List 11"] {
            XCTAssertTrue(after(list).contains { $0.hasPrefix("  not made |") }, "\(list): \(after(list))")
        }
        XCTAssertTrue(after("List 3").contains { $0.hasPrefix("  not filled | Allocated Team: The CIN census names no team") }, "\(after("List 3"))")
        XCTAssertTrue(after("List 8").contains { $0.hasPrefix("  partly filled | Number of Placements in the Last 12 months:") }, "\(after("List 8"))")
        XCTAssertFalse(about.contains { $0.contains("The SSD") }, "only the mapping used says what it could not fill")
        XCTAssertTrue(about.contains { $0.hasPrefix("Made from | cin: \(c.cin.path) (read as the Children in need census 2025-26)") }, "\(about)")
        XCTAssertTrue(result.warnings.contains("\(c.ssda903.path): read as the SSDA903 children looked after 2025-26"), "\(result.warnings)")
    }

    /// The council's 903 with one cell of its first episode changed (column 0 is the child).
    private func ssda903(changing column: Int, to value: String) throws -> (folder: URL, cells: [String]) {
        let copy = try temporaryFolder().appendingPathComponent("903")
        try FileManager.default.copyItem(at: try Self.council.get().ssda903, to: copy)
        let episodes = copy.appendingPathComponent("episodes.csv")
        var lines = try String(contentsOf: episodes, encoding: .utf8).split(whereSeparator: \.isNewline).map(String.init)
        var cells = lines[1].components(separatedBy: ",")
        cells[column] = value
        lines[1] = cells.joined(separator: ",")
        try lines.map { $0 + "\r\n" }.joined().write(to: episodes, atomically: true, encoding: .utf8)
        return (copy, cells)
    }

    /// Each return is checked as itself first: a mistake in the 903 is reported under the 903's
    /// rule, and the census's checks against the 903 run, as the 903 is given beside it.
    func testTheReturnsAreCheckedAsThemselves() throws {
        let c = try Self.council.get()
        let (copy, cells) = try ssda903(changing: 3, to: "ZZ")  // LS
        let result = try lists([("cin", c.cin.path), ("ssda903", copy.path)])
        let bad = try XCTUnwrap(result.findings.first { $0.returnName == "ssda903" && $0.code == "144" }, "the 903's own check")
        XCTAssertEqual(bad.child, cells[0])
        XCTAssertEqual(result.failed, [])
        XCTAssertTrue(result.findings.contains { $0.returnName == "cin" && $0.code.hasPrefix("XR") },
                      "the census is checked against the 903 (the synthetic council's two returns hold different children)")
        XCTAssertFalse(result.notRun.contains { $0.code.hasPrefix("XR") || $0.code.hasPrefix("XA") }, "\(result.notRun)")
    }

    /// With --fix (as export has it), a value the 903's check normalises is read the same way
    /// into the lists: an episode's start written as an ISO date still starts the child's care.
    func testAValueTheReturnsCheckFixesIsFixedInTheListsToo() throws {
        let c = try Self.council.get()
        let child = try XCTUnwrap(try fromReturns().data["List8"]?.records.first)[0]
        let lines = try String(contentsOf: c.ssda903.appendingPathComponent("episodes.csv"), encoding: .utf8).split(whereSeparator: \.isNewline)
        XCTAssertTrue(lines[1].hasPrefix(child + ","), "the first episode is the first listed child's")
        let start = try XCTUnwrap(SimpleDate(dmy: lines[1].split(separator: ",")[1]))
        let (copy, _) = try ssda903(changing: 1, to: start.iso)  // DECOM
        let result = try lists([("cin", c.cin.path), ("ssda903", copy.path)], fix: true)
        XCTAssertTrue(result.fixes.contains { $0.before == start.iso && $0.after == start.dmy }, "\(result.fixes)")
        let listed = try XCTUnwrap(result.data["List8"]?.records.first { $0[0] == child })
        let table = try XCTUnwrap(try annexA().table("List8"))
        XCTAssertEqual(listed[table.fields.firstIndex { $0.name == "cla_start_date" }!], start.dmy)
    }

    /// The returns are read as the collection year holding the inspection date, or the year given.
    func testTheReturnsAreReadForTheYearOfTheInspectionDate() throws {
        let spec = try annexA()
        func years(_ parameters: [String: String]) throws -> [String] {
            let s = try spec.companionsFor(run: parameters, loader: Self.loader)
            return [s.companions["cin"]!.year, s.companions["ssda903"]!.year]
        }
        XCTAssertEqual(try years(["inspection_date": "2025-04-01"]), ["2025-26", "2025-26"])
        XCTAssertEqual(try years(["inspection_date": "2026-03-31"]), ["2025-26", "2025-26"])
        XCTAssertEqual(try years(["inspection_date": "2026-04-01"]), ["2026-27", "2026-27"])
        XCTAssertEqual(try years(["inspection_date": "2026-05-14", "returns_year": "2025/26"]), ["2025-26", "2025-26"])
        XCTAssertEqual(spec.companionParameters["cin_collection_start"], "2025-04-01", "until a date is given, the year of the spec's own")
        XCTAssertThrowsError(try years(["inspection_date": "2023-10-14"])) { e in
            XCTAssertTrue("\(e)".contains("14/10/2023") && "\(e)".contains("--param returns_year="), "\(e)")
        }
        XCTAssertThrowsError(try years(["inspection_date": "2025-10-14", "returns_year": "2019-20"])) { e in
            XCTAssertTrue("\(e)".contains("no year '2019-20'"), "\(e)")
        }
    }

    /// The lists are made from both returns together: one alone is refused, saying what to add.
    func testOneReturnAloneIsRefused() throws {
        let spec = try annexA()
        XCTAssertThrowsError(try RunInputs(files: [], named: [("cin", "cin.xml")]).companionMapping(for: spec)) { e in
            XCTAssertTrue("\(e)".contains("--input ssda903=PATH"), "\(e)")
        }
        XCTAssertThrowsError(try RunInputs(files: [], named: [("cin", "cin.xml"), ("ssda903", "903")]).companionMapping(for: spec)) { e in
            XCTAssertTrue("\(e)".contains("--inspection-date"), "\(e)")
        }
        XCTAssertThrowsError(try RunInputs(files: [], named: []).inputFiles(for: spec)) { e in
            XCTAssertTrue("\(e)".contains("--input cin=... and --input ssda903=..."), "\(e)")
        }
        XCTAssertNil(try RunInputs(files: ["lists.xlsx"], named: [("cin", "cin.xml")]).companionMapping(for: spec),
                     "beside a workbook, a return is what the lists are checked against")
    }

    // MARK: - A council's workbook checked against the returns

    /// The lists made from the returns, as a council's own files, with a referral, a plan and a
    /// child in care left out and a referral and a plan the returns do not have added: the XA
    /// rules find exactly those, each on the record concerned, in every report.
    func testAWorkbookIsCheckedAgainstTheReturns() throws {
        let c = try Self.council.get()
        let spec = try annexA()
        let made = try fromReturns()
        let folder = try temporaryFolder()
        var expected: Set<String> = []
        var files: [String] = []
        for n in 3...10 {
            let name = "List\(n)"
            let table = try XCTUnwrap(spec.table(name))
            var records = try XCTUnwrap(made.data[name]).records
            let child = try XCTUnwrap(table.fields.firstIndex { $0.name == "child_id" })
            switch n {
            case 3:
                expected.insert("XA01 \(records.removeFirst()[child])")
                var extra = records[0]; extra[child] = "ZZ901"
                records.append(extra); expected.insert("XA02 ZZ901")
            case 7:
                expected.insert("XA03 \(records.removeFirst()[child])")
                var extra = records[0]; extra[child] = "ZZ902"
                records.append(extra); expected.insert("XA04 ZZ902")
            case 8: expected.insert("XA05 \(records.removeFirst()[child])")
            default: break
            }
            let file = folder.appendingPathComponent("list\(n).csv")
            try (csvLine(table.fieldNames) + records.map { csvLine($0) }.joined()).write(to: file, atomically: true, encoding: .utf8)
            files.append(file.path)
        }
        let run = RunInputs(files: files, named: [("cin", c.cin.path), ("ssda903", c.ssda903.path)], parameters: ["inspection_date": Self.inspection])
        var validator = Validator(spec: spec)
        validator.parameters = try run.checkedParameters(for: spec)
        let result = try validator.validate(run, specs: Self.loader)

        XCTAssertEqual(Set(result.findings.filter { $0.code.hasPrefix("XA") }.map { "\($0.code) \($0.child)" }), expected)
        XCTAssertTrue(result.findings.allSatisfy { $0.returnName == "annex-a" }, "the returns beside a workbook are compared with, not checked")
        let plan = try XCTUnwrap(result.findings.first { $0.code == "XA03" })
        XCTAssertEqual(plan.table, "cin_ChildProtectionPlans")
        XCTAssertEqual(plan.file, c.cin.path)
        XCTAssertNotNil(plan.row, "the line of the plan in the census")
        let reports = try ReportWriter.files(result, spec: spec)
        XCTAssertEqual(Set(reports.map(\.name)), ["findings.xlsx", "findings.csv", "findings.json", "report.html"])
        let csv = String(decoding: try XCTUnwrap(reports.first { $0.name == "findings.csv" }).data, as: UTF8.self)
        XCTAssertTrue(csv.contains("annex-a,2025,XA03,error,cin_ChildProtectionPlans,"), csv.prefix(600).description)
    }
}
