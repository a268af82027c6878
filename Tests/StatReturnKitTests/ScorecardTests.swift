import Foundation
import XCTest
@testable import StatReturnKit

/// Every scorecard's examples, for every year folder: each measure's figure from its cohort
/// rows, and each source's cohort from its tables.
final class ScorecardExampleTests: XCTestCase {
    func testEveryScorecardExample() throws {
        let specs = SpecLoader(root: Package.specs)
        let loader = ScorecardLoader(specs: specs)
        XCTAssertFalse(loader.names.isEmpty)
        for name in loader.names {
            for year in loader.years(of: name) {
                let spec = try loader.load(name: name, year: year)
                let results = ScorecardExamples(spec: spec, specs: specs).runAll()
                XCTAssertEqual(results.count, spec.sources.map(\.examples.count).reduce(0, +) + spec.measures.map(\.examples.count).reduce(0, +))
                for r in results where r.problem != nil {
                    XCTFail("\(name) \(year) \(r.subject) example '\(r.example)': \(r.problem!)")
                }
            }
        }
    }
}

extension ScorecardExampleTests {
    /// An example that does not behave as documented must be caught, or the test proves nothing.
    func testAWrongExampleIsCaught() throws {
        let specs = SpecLoader(root: Package.specs)
        var spec = try ScorecardLoader(specs: specs).load(name: "adoption", year: "2026-27")
        spec.measures[0].examples[0].figure! += 1
        let i = try XCTUnwrap(spec.sources[0].examples[0].tables.firstIndex { $0.name == "Adopted" })
        spec.sources[0].examples[0].tables[i].csv = spec.sources[0].examples[0].tables[i].csv.replacingOccurrences(of: "10/01/2026", with: "11/01/2026")
        let problems = ScorecardExamples(spec: spec, specs: specs).runAll().filter { $0.problem != nil }
        XCTAssertEqual(problems.map(\.subject), ["source ssda903", "measure A1"], "\(problems)")
        XCTAssertTrue(problems[0].problem!.contains("C1,2026-27,2026-06-30,2025-05-01,2025-09-01,2025-12-01,2026-01-10,0,"), problems[0].problem!)
    }
}

/// The adoption scorecard over synthetic councils' 903s, checked against a count made here,
/// in plain Swift over the CSV files, of what the measures' definitions say.
final class ScorecardRunTests: XCTestCase {
    static let specs = SpecLoader(root: Package.specs)

    /// Two years of a synthetic council's 903. The generator makes each year's council afresh
    /// under the same IDs (C100000, ...), so each year's children are given IDs of their own
    /// (P..., Q...): otherwise two different children's care would be read as one child's.
    static func council(children: Int) -> [(year: String, path: String)] {
        let folder = try! temporaryFolder()
        return [("2025-26", UInt64(3), "P"), ("2026-27", UInt64(4), "Q")].map { year, seed, prefix in
            var council = try! SyntheticCouncil.generate(try! specs.load(returnName: "ssda903", year: year), specs: Package.specs,
                                                          children: children, seed: seed, errorRate: 0)
            council.rows = council.rows.mapValues { $0.map { var row = $0; row["CHILD"] = row["CHILD"].map { prefix + $0 }; return row } }
            return (year, try! council.write(to: folder.appendingPathComponent(year)).path)
        }
    }

    static let council = council(children: 1000)
    /// The scorecard of both years, worked out once for the tests that read it.
    static let twoYears = Result { try scorecard(council.map { ("ssda903", $0.path) }) }

    static let spec = Result { try ScorecardLoader(specs: specs).load(name: "adoption", year: "2026-27") }

    static func scorecard(_ inputs: [(name: String, path: String)]) throws -> ScorecardResult {
        try ScorecardRun(spec: try spec.get(), specs: specs).run(inputs)
    }

    func testFiguresAgreeWithACountOverTheFiles() throws {
        let r = try Self.twoYears.get()
        XCTAssertEqual(r.covered, ["2025-26", "2026-27"])
        XCTAssertEqual(r.returns.map(\.yearFrom), ["its latest date, 31/03/2026", "its latest date, 31/03/2027"])
        let count = try IndependentCount(Self.council)
        XCTAssertGreaterThan(count.adopted.count, 20, "too few adoptions to test anything")
        let waits = count.adopted.compactMap { a in a.entered.flatMap { e in a.movedIn.map { $0.dayNumber - e.dayNumber } } }
        let orders = count.adopted.compactMap { a in a.order.flatMap { o in a.matched.map { max(0, $0.dayNumber - o.dayNumber) } } }
        XCTAssertGreaterThan(waits.count, 3)
        XCTAssertGreaterThan(orders.count, 10)
        let m = Dictionary(r.measures.map { ($0.measure.name, $0) }, uniquingKeysWith: { a, _ in a })
        XCTAssertEqual(m["A1"]?.counted, waits.count)
        XCTAssertEqual(m["A1"]?.notCounted, count.adopted.count - waits.count)
        XCTAssertEqual(m["A1"]?.figure, (Double(waits.reduce(0, +)) / Double(waits.count)).rounded())
        XCTAssertEqual(m["A2"]?.counted, orders.count)
        XCTAssertEqual(m["A2"]?.figure, (Double(orders.reduce(0, +)) / Double(orders.count)).rounded())
        XCTAssertEqual(m["A3"]?.figure, (100 * Double(waits.filter { $0 < 426 }.count) / Double(waits.count)).rounded())
        // No synthetic child is adopted by their foster carers: A10 is A1.
        XCTAssertEqual(m["A10"]?.figure, m["A1"]?.figure)
        // The longest wait first, so a manager sees who waited longest.
        let a1 = try XCTUnwrap(m["A1"])
        let longest = try XCTUnwrap(a1.rows.first)
        XCTAssertNil(longest.notCounted)
        XCTAssertEqual(longest.cells[a1.columns.firstIndex { $0.name == "value" }!], .number(Double(waits.max()!)))
        XCTAssertEqual(m["A2"]?.byYear.map(\.counted).reduce(0, +), orders.count)
    }

    func testFewerYearsThanTheScorecardsAreSaidToBeSo() throws {
        let r = try Self.twoYears.get()
        XCTAssertEqual(r.missing, ["2024-25"])
        XCTAssertTrue(r.coverage.hasPrefix("2025-26 and 2026-27 only, 2 of the scorecard's 3 years (2024-25 to 2026-27): 2024-25 was not given"), r.coverage)
        let console = ScorecardConsole.render(r)
        XCTAssertTrue(console.contains("NOTE: the figures cover 2025-26 and 2026-27 only."), console)
        let lines = console.split(separator: "\n")
        for name in ["A1", "A2", "A3", "A10"] {
            let line = try XCTUnwrap(lines.first { $0.hasPrefix(name + " ") }, console)
            let m = r.measures.first { $0.measure.name == name }!
            XCTAssertTrue(line.contains(m.shown) && line.contains(m.status.rawValue), String(line))
        }
        let files = try ScorecardFiles.files(r, settings: ReportSettings(formats: [.csv, .html]))
        let csv = String(decoding: try XCTUnwrap(files.first { $0.name == "scorecard.csv" }).data, as: UTF8.self)
        XCTAssertTrue(csv.contains("2024-25 was not given, so these are not the published three-year figures"))
        let html = String(decoding: try XCTUnwrap(files.first { $0.name == "scorecard.html" }).data, as: UTF8.self)
        XCTAssertTrue(html.contains("The figures cover 2025-26 and 2026-27 only"))

        let one = try Self.scorecard([("ssda903", Self.small[1].path)])
        XCTAssertEqual(one.missing, ["2024-25", "2025-26"])
        XCTAssertTrue(one.coverage.contains("2024-25 and 2025-26 were not given"), one.coverage)
    }

    func testTheWorkbookHasTheMeasuresTheChildrenAndWhereEachDefinitionComesFrom() throws {
        let r = try Self.twoYears.get()
        let data = try XCTUnwrap(try ScorecardFiles.files(r, settings: ReportSettings(formats: [.xlsx])).first?.data)
        XCTAssertEqual(try WorkbookParts(data).sheets().map(\.name), ["Scorecard", "A1", "A2", "A3", "A10", "About"])
        let reader = try XLSXReader(data: data, file: "scorecard.xlsx", dateFormat: .dmy)
        func rows(_ sheet: String) throws -> [[String]] {
            var out: [[String]] = []
            try reader.rows(of: try XCTUnwrap(reader.sheets.first { $0.name == sheet })).forEachRecord { out.append($0.cells) }
            return out
        }
        let summary = try rows("Scorecard")
        XCTAssertEqual(summary.count, 5)
        XCTAssertEqual(summary[1].prefix(4), ["A1", r.measures[0].measure.label, String(format: "%.0f", r.measures[0].figure!), "days"])
        let a2 = try rows("A2")
        XCTAssertEqual(a2[0], ["Child's LA identifier", "Year adopted", "Date of the placement order", "Date matched with the adopters",
                               "Days from the placement order to the match (0 if matched first)", "Not counted because"])
        XCTAssertEqual(a2.count - 1, r.measures[1].rows.count)
        XCTAssertTrue(try rows("About").contains { $0.first == "A10 threshold" && $0[1].contains("inferred:") })
    }

    /// A small council is enough to tell years by.
    static let small = council(children: 40)

    func testTheYearOfEachReturnIsToldOrSaidAndOneReturnAYear() throws {
        let (y25, y26) = (Self.small[0].path, Self.small[1].path)
        let said = try Self.scorecard([("ssda903-2025-26", y25), ("ssda903", y26)])
        XCTAssertEqual(said.returns.map(\.yearFrom).first, "as given")
        XCTAssertTrue(said.returns[1].yearFrom.hasPrefix("its latest date, ") && said.returns[1].yearFrom.hasSuffix("/03/2027"), said.returns[1].yearFrom)
        XCTAssertEqual(said.returns.map(\.specYear), ["2025-26", "2026-27"])
        let wrong = try Self.scorecard([("ssda903-2024-25", y25), ("ssda903", y26)])
        XCTAssertEqual(wrong.covered, ["2024-25", "2026-27"])
        XCTAssertTrue(wrong.notes.contains { $0.contains("given as the 2024-25 return, but its latest date, ") && $0.hasSuffix("/2026, is in 2025-26") }, "\(wrong.notes)")
        XCTAssertTrue(wrong.notes.contains { $0.contains("read with the 2025-26 spec, the nearest StatReturn has") }, "\(wrong.notes)")

        func refused(_ inputs: [(name: String, path: String)]) -> String {
            do { _ = try Self.scorecard(inputs); return "not refused" } catch { return "\(error)" }
        }
        XCTAssertTrue(refused([("ssda903", y26), ("ssda903-2026-27", y25)]).contains("is the 2026-27 return (as given), and so is \(y26)"))
        XCTAssertTrue(refused([("ssda903-2027-28", y26)]).contains("after the scorecard's year 2026-27"))
        XCTAssertTrue(refused([("ssda903", y26), ("asglb", y25)]).contains("is given as asglb, and \(y26) as ssda903: the scorecard is made from one kind of return at a time"))
        XCTAssertTrue(refused([("cin", y26)]).contains("is made from ssda903 (or ssda903-2026-27 to say the year) and asglb"))
        XCTAssertTrue(refused([("ssda903-2025", y26)]).contains("'2025' is not a collection year"))
        XCTAssertTrue(refused([("ssda903-2023-24", y25)]).contains("none is of the scorecard's years (2024-25, 2025-26 and 2026-27)"))
    }
}

extension ScorecardRunTests {
    func testTheCommandPrintsAMeasureALineAndWritesTheReportsChosen() throws {
        let out = try temporaryFolder().appendingPathComponent("scorecard")
        let run = try runProgram(["scorecard", "adoption", "--year", "2026/27", "--input", "ssda903=\(Self.small[1].path)",
                                  "--with-ssda903", Self.small[0].path, "--out", out.path, "--format", "csv,xlsx"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let lines = run.stdout.split(separator: "\n")
        XCTAssertTrue(lines[0].hasPrefix("Adoption scorecard to 31 March 2027: 2025-26 and 2026-27 only"), run.stdout)
        for name in ["A1", "A2", "A3", "A10"] { XCTAssertTrue(lines.contains { $0.hasPrefix(name + " ") }, run.stdout) }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted(),
                       ["scorecard-A1.csv", "scorecard-A10.csv", "scorecard-A2.csv", "scorecard-A3.csv", "scorecard.csv", "scorecard.xlsx"])

        let bad = try runProgram(["scorecard", "adoption", "--year", "2026-27", Self.small[1].path])
        XCTAssertEqual(bad.status, 2)
        XCTAssertEqual(bad.stderr, "statreturn: \(Self.small[1].path): give each year's return with its own --input, e.g. --input ssda903=\(Self.small[1].path)\n")
    }
}

extension ScorecardRunTests {
    /// The generator tells each synthetic child's adoption story in the 903 and in the ASGLB
    /// return alike: the two sources make the same cohort, and every date the 903's one year
    /// gives is the ASGLB return's.
    func testThe903AndTheASGLBReturnOfOneCouncilGiveTheSameChildrenAndDates() throws {
        let folder = try temporaryFolder()
        let paths = try ["ssda903", "asglb"].map { name in
            try SyntheticCouncil.generate(try Self.specs.load(returnName: name, year: "2026-27"), specs: Package.specs,
                                          children: 1000, seed: 5, errorRate: 0).write(to: folder).path
        }
        let from903 = try Self.scorecard([("ssda903", paths[0])]), fromASGLB = try Self.scorecard([("asglb", paths[1])])
        XCTAssertEqual(fromASGLB.measures[0].notCounted, 0, "the ASGLB return gives every date")
        for (a, b) in zip(from903.measures, fromASGLB.measures) {
            XCTAssertEqual(a.rows.map(\.child).sorted(), b.rows.map(\.child).sorted(), a.measure.name)
            XCTAssertGreaterThan(a.rows.count, 5)
            let other = Dictionary(b.rows.map { ($0.child, $0) }, uniquingKeysWith: { x, _ in x })
            for row in a.rows {
                for (i, cell) in row.cells.enumerated() where cell != .empty {
                    XCTAssertEqual(cell, other[row.child]?.cells[i], "\(a.measure.name) \(row.child) \(a.columns[i].name)")
                }
            }
        }
    }
}

/// What the measures' definitions say, worked out over a 903's CSV files without SQL: each
/// episode once (the later year's copy), runs of episodes that follow on without a break, and
/// for each run that ends in an adoption in a year given, its dates.
private struct IndependentCount {
    struct Adopted { var child: String; var entered: SimpleDate?; var movedIn: SimpleDate?; var order: SimpleDate?; var matched: SimpleDate? }
    struct Episode { var year: String; var start: SimpleDate; var rne, ls, place, rec: String; var end: SimpleDate? }
    var adopted: [Adopted] = []

    init(_ years: [(year: String, path: String)]) throws {
        func table(_ path: String, _ name: String) throws -> [[String: String]] {
            let url = URL(fileURLWithPath: path).appendingPathComponent(name)
            guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
            var records: [[String]] = []
            try CSVReader(text: text).forEachRecord { records.append($0.cells) }
            return records.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(records[0], $0)) }
        }
        var episodes: [String: [SimpleDate: Episode]] = [:]
        var matches: [String: SimpleDate] = [:]
        for (year, path) in years {
            for e in try table(path, "episodes.csv") {
                let start = SimpleDate(dmy: e["DECOM"]!)!
                episodes[e["CHILD"]!, default: [:]][start] = Episode(year: year, start: start, rne: e["RNE"]!, ls: e["LS"]!, place: e["PLACE"]!,
                                                                     rec: e["REC"]!, end: SimpleDate(dmy: e["DEC"]!))
            }
            for m in try table(path, "ad1.csv") { matches["\(year) \(m["CHILD"]!)"] = SimpleDate(dmy: m["DATE_MATCH"]!) }
        }
        let first = SimpleDate(year: 2024, month: 4, day: 1)!, last = SimpleDate(year: 2027, month: 3, day: 31)!
        for (child, byStart) in episodes {
            let list = byStart.values.sorted { $0.start < $1.start }
            var run: [Episode] = []
            for (i, e) in list.enumerated() {
                run.append(e)
                let next = i + 1 < list.count ? list[i + 1].start : nil
                guard e.rec != "X1" || next != e.end else { continue }
                defer { run = [] }
                guard ["E11", "E12"].contains(e.rec), let end = e.end, end >= first, end <= last,
                      let year = years.map(\.year).first(where: { y in
                          let start = SimpleDate(year: Int(y.prefix(4))!, month: 4, day: 1)!
                          return end >= start && end < SimpleDate(year: start.year + 1, month: 4, day: 1)!
                      }) else { continue }
                let adoptive = { (e: Episode) in ["A3", "A4", "A5", "A6"].contains(e.place) }
                let lastOther = run.lastIndex { !adoptive($0) }
                let moved = run.indices.first { adoptive(run[$0]) && $0 > (lastOther ?? -1) }
                let order = run.indices.first { ["E1", "D1"].contains(run[$0].ls) }
                adopted.append(Adopted(child: child,
                    entered: run[0].rne == "S" ? run[0].start : nil,
                    movedIn: moved.flatMap { $0 > 0 || run[0].rne != "L" ? run[$0].start : nil },
                    order: order.flatMap { $0 > 0 || ["S", "L", "B", "U"].contains(run[0].rne) ? run[$0].start : nil },
                    matched: matches["\(year) \(child)"]))
            }
        }
    }
}

/// A scorecard spec with a mistake in it is refused, naming the file and the entry.
final class ScorecardSpecTests: XCTestCase {
    private let loader = ScorecardLoader(specs: SpecLoader(root: Package.specs))
    private var file: URL { Package.specs.appendingPathComponent("scorecards/adoption/2026-27/scorecard.yml") }

    private func refusal(_ change: (inout ScorecardSpec) -> Void) throws -> String {
        var spec = try ScorecardRunTests.spec.get()
        change(&spec)
        do { try loader.check(spec); return "not refused" } catch { return "\(error)" }
    }

    func testAScorecardOrYearThatIsNotThereIsNamed() throws {
        XCTAssertThrowsError(try loader.load(name: "fostering", year: "2026-27")) { XCTAssertEqual("\($0)", "Specs/scorecards: fostering: no such scorecard (there is: adoption)") }
        XCTAssertThrowsError(try loader.load(name: "adoption", year: "2013-14")) {
            XCTAssertEqual("\($0)", "Specs/scorecards/adoption: year 2013-14: the scorecard's definitions start in 2026-27")
        }
        XCTAssertThrowsError(try loader.load(name: "adoption", year: "2026")) { XCTAssertTrue("\($0)".hasSuffix("not a collection year (write it 2026-27)")) }
    }

    func testAnUnknownKeyIsNamedWithTheKeyMeant() throws {
        let text = try String(contentsOf: file, encoding: .utf8).replacingOccurrences(of: "    threshold: 121\n", with: "    thresold: 121\n")
        XCTAssertThrowsError(try decodeYAML(ScorecardFile.self, text, file: "scorecard.yml")) { error in
            XCTAssertEqual("\(error)", "scorecard.yml: measures.A2: unknown key 'thresold' (did you mean 'threshold'?)")
        }
    }

    func testAMeasureMustSayWhereItsDefinitionComesFrom() throws {
        XCTAssertTrue(try refusal { $0.measures[0].source = "the DfE" }.hasSuffix("measures.A1.source: must start 'confirmed:' (with the source) or 'inferred:' (with why)"))
        XCTAssertTrue(try refusal { $0.measures[1].thresholdSource = nil }.hasSuffix("measures.A2: a threshold needs 'better' (lower or higher) and 'threshold_source'"))
        XCTAssertTrue(try refusal { $0.measures[2].examples = [] }.hasSuffix("measures.A3: has no examples"))
    }

    func testAMeasuresSQLMustGiveItsColumns() throws {
        XCTAssertTrue(try refusal { $0.measures[0].sql = "SELECT child, year FROM Adopted" }.hasSuffix("measures.A1.sql: must give a column 'value'"))
        XCTAssertTrue(try refusal { $0.measures[0].sql = "SELECT child, year, 1 AS value, 2 AS days FROM Adopted" }
            .hasSuffix("measures.A1.labels: give the column days a label (it is not a column of the cohort)"))
        XCTAssertTrue(try refusal { $0.measures[0].sql = "SELECT child, year, wait AS value FROM Adopted" }.contains("measures.A1.sql: bad SQL: no such column: wait"))
    }

    func testASourceMustMakeTheCohortFromTheTablesItNames() throws {
        XCTAssertTrue(try refusal { $0.sources[1].sql = "SELECT child_id AS child FROM Adoptions" }
            .contains("sources.asglb.sql: gives the columns child; the cohort Adopted has child, year, adopted"))
        XCTAssertTrue(try refusal { $0.sources[1].tables = ["Adoptions", "SGOs"]; $0.sources[1].sql += " AND a.child_id IN (SELECT 1 FROM AdoptiveFamilies)" }
            .contains("sources.asglb.sql: bad SQL: no such table: AdoptiveFamilies"))
        let m = try refusal { $0.sources[0].tables.append("Placements") }
        XCTAssertTrue(m.hasSuffix("sources.ssda903: SSDA903 children looked after has no table Placements"), m)
    }
}
