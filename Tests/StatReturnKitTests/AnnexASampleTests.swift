import XCTest
@testable import StatReturnKit

/// SampleReturns/annex-a/: the council's own workbook with its documented errors, and the SSD
/// sample made into lists. Both files are what the code makes today (`make samples` writes them
/// again), and checking the council's workbook finds exactly what the README there says.
final class AnnexASampleTests: XCTestCase {
    static let folder = Package.samples.appendingPathComponent("annex-a")
    static let council = folder.appendingPathComponent("council-annex-a.xlsx")
    static let fromSSD = folder.appendingPathComponent("from-ssd-DRAFT.xlsx")
    static let inspectionDate = ["inspection_date": "01/12/2025"]
    var regenerate: Bool { ProcessInfo.processInfo.environment["STATRETURN_REGENERATE"] == "1" }

    func spec() throws -> ReturnSpec { try Package.spec("annex-a", "2025") }

    /// Every row of every sheet with a value, as text, with its row number in the sheet.
    func contents(_ data: Data) throws -> [String] {
        let book = try XLSXReader(data: data, file: "workbook", dateFormat: .dmy)
        var out: [String] = []
        for sheet in book.sheets {
            try book.rows(of: sheet).forEachRecord { out.append("\(sheet.name) \($0.line): \($0.cells.joined(separator: "|"))") }
        }
        return out
    }

    func check(_ data: Data, against file: URL) throws {
        if regenerate { try data.write(to: file) }
        let committed = try Data(contentsOf: file)
        // Not the bytes: a workbook records when it was written.
        XCTAssertEqual(try contents(committed), try contents(data), "\(file.lastPathComponent) is not what the code makes: run make samples")
    }

    func testTheCouncilWorkbookIsWhatTheBuilderMakes() throws {
        try check(try WorkbookWriter.data(try AnnexACouncilSample.workbook()), against: Self.council)
    }

    /// The lists made again from SampleReturns/ssd for 01/12/2025, as `statreturn annex-a` makes
    /// them (a draft: the SSD sample has errors put in on purpose), give the committed workbook's rows.
    func testTheListsMadeFromTheSSDSampleAreTheCommittedOnes() throws {
        let spec = try spec()
        let run = RunInputs(files: [], named: [("ssd", Package.samples.appendingPathComponent("ssd").path)], parameters: Self.inspectionDate)
        var v = Validator(spec: spec)
        v.fix = true
        v.requireTables = true
        v.parameters = try run.checkedParameters(for: spec)
        let result = try v.validate(run, specs: SpecLoader(root: Package.specs))
        for table in spec.tables.prefix(10) {
            XCTAssertGreaterThan(result.data[table.name]?.count ?? 0, 0, "\(table.name) is empty for 01/12/2025")
        }
        let context = WorkbookExporter.Context(parameters: v.parameters, sources: [("ssd", "SampleReturns/ssd")], mappings: [try XCTUnwrap(spec.sources["ssd"])], degraded: false, draft: true)
        try check(try WorkbookExporter.render(result, spec: spec, context: context), against: Self.fromSSD)
        let book = try XLSXReader(data: try Data(contentsOf: Self.fromSSD), file: Self.fromSSD.path, dateFormat: .dmy)
        for table in spec.tables {
            var rows: [[String]] = []
            try book.rows(of: try XCTUnwrap(book.sheets.first { $0.name == table.sheet })).forEachRecord { rows.append($0.cells) }
            XCTAssertEqual(rows.first, table.fields.map(\.title))
            let made = result.data[table.name]?.records ?? []
            XCTAssertEqual(rows.dropFirst().map { $0 + Array(repeating: "", count: max(0, table.fields.count - $0.count)) }, made, table.name)
        }
    }

    /// The README's table of deliberate errors, as (sheet, row, column letter, code).
    func documented(_ heading: String) throws -> [[String]] {
        let readme = try String(contentsOf: Self.folder.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try XCTUnwrap(readme.components(separatedBy: "\n## ").first { $0.hasPrefix(heading) }, heading)
        return section.split(separator: "\n").filter { $0.hasPrefix("| List") }.map {
            $0.split(separator: "|").map { $0.trimmingCharacters(in: CharacterSet.whitespaces.union(CharacterSet(charactersIn: "`"))) }
        }
    }

    func validateCouncil(fix: Bool) throws -> ValidationResult {
        let spec = try spec()
        var v = Validator(spec: spec)
        v.fix = fix
        v.requireTables = true
        v.parameters = try RunInputs(files: [], parameters: Self.inspectionDate).checkedParameters(for: spec)
        // Named as a user in that folder names it.
        return try v.validate([InputFile(name: Self.council.lastPathComponent, data: try Data(contentsOf: Self.council))])
    }

    /// The sheet a finding is on, and the columns of its fields.
    func place(_ f: Finding, _ spec: ReturnSpec) throws -> (sheet: String, columns: Set<String>) {
        let sheet = String(try XCTUnwrap(f.file.split(separator: "[").last?.dropLast()))
        let table = try XCTUnwrap(spec.table(f.table))
        return (sheet, Set(f.fields.compactMap { name in table.fields.firstIndex { $0.name == name }.map(WorkbookWriter.columnLetters) }))
    }

    func testCheckingTheCouncilWorkbookFindsExactlyWhatItsREADMESays() throws {
        let spec = try spec()
        let result = try validateCouncil(fix: false)
        XCTAssertEqual(result.failed.count, 0, "\(result.failed)")
        var said = try documented("The deliberate errors")
        for f in result.findings {
            let (sheet, columns) = try place(f, spec)
            // The README names the column at fault, one of those the finding shows.
            guard let i = said.firstIndex(where: { $0[0] == sheet && $0[1] == "\(f.row!)" && $0[4] == f.code
                                               && columns.contains(String($0[2].prefix { $0 != " " })) }) else {
                XCTFail("not in the README: \(f.code) on \(sheet) row \(f.row!) (columns \(columns.sorted())): \(f.values)")
                continue
            }
            said.remove(at: i)
        }
        XCTAssertEqual(said, [], "in the README but not found")
        let readme = try String(contentsOf: Self.folder.appendingPathComponent("README.md"), encoding: .utf8)
        for w in result.warnings { XCTAssertTrue(readme.contains(w), "the README does not say: \(w)") }
    }

    func testFixMendsWhatItsREADMESaysAndNothingElse() throws {
        let spec = try spec()
        let result = try validateCouncil(fix: true)
        let made = try result.fixes.map { x -> String in
            let sheet = String(try XCTUnwrap(x.file.split(separator: "[").last?.dropLast()))
            let table = try XCTUnwrap(spec.tables.first { $0.sheet == sheet })
            return "\(sheet) \(x.row) \(WorkbookWriter.columnLetters(table.fields.firstIndex { $0.name == x.field }!)) \(x.before) > \(x.after)"
        }
        let said = try documented("What --fix changes").map { "\($0[0]) \($0[1]) \($0[2].prefix { $0 != " " }) \($0[3]) > \($0[4])" }
        XCTAssertEqual(made, said)
    }
}
