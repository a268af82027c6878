import XCTest
@testable import StatReturnKit

/// `export asglb`: the workbook in the template's shape (its tabs, under their titles), named by
/// the spec's pattern (LA number, LA name, _EDUCVA1_ALB, quarter, year), and refused while errors
/// remain unless a draft is asked for.
final class ASGLBExportTests: XCTestCase {
    func name(_ parameters: [String: String]) throws -> String? {
        let spec = try LoadedSpecs.shared.spec("asglb", "2026-27")
        return try HeaderValues.fileName(spec, parameters: try RunInputs(files: [], parameters: parameters).checkedParameters(for: spec))
    }

    func testTheFileIsNamedByTheSpecsPattern() throws {
        XCTAssertEqual(try name(["quarter": "Q2", "la_code": "316"]), "316Newham_EDUCVA1_ALBQ2202627", "the LA's name from its number")
        XCTAssertEqual(try name(["quarter": "q4", "la_code": "301"]), "301BarkingandDagenham_EDUCVA1_ALBQ4202627", "no spaces in a file name")
        XCTAssertEqual(try name(["quarter": "Q1", "la_code": "316", "la_name": "NEWH"]), "316NEWH_EDUCVA1_ALBQ1202627", "a name given wins")
        XCTAssertThrowsError(try name(["quarter": "Q1", "la_code": "999"])) { e in
            XCTAssertTrue("\(e)".contains("la_name"), "a number not in the list of councils asks for the name: \(e)")
        }
        XCTAssertThrowsError(try name(["la_code": "316"])) { e in XCTAssertTrue("\(e)".contains("--quarter"), "\(e)") }
    }

    func testTheWorkbookHasTheTemplatesTabsAndReadsBackAsTheSameReturn() throws {
        let spec = try LoadedSpecs.shared.spec("asglb", "2026-27")
        let (folder, _, _) = try ASGLBGeneratorTests.pair(children: 300, seed: 11)
        let result = try validateRun("asglb", "2026-27", files: [folder], parameters: ["quarter": "Q4"])
        let context = WorkbookExporter.Context(parameters: ["quarter": "Q4", "la_code": "316"], sources: [], mappings: [], degraded: false, draft: false)
        let data = try WorkbookExporter.render(result, spec: spec, context: context)
        let book = try XLSXReader(data: data, file: "a.xlsx", dateFormat: .dmy)
        XCTAssertEqual(book.sheets.map(\.name).prefix(4), ["Adoptions LA", "Adoptive families LA", "SGOs LAs", "About"])
        for table in spec.tables {
            var header: [String]?
            try book.rows(of: try XCTUnwrap(book.sheets.first { $0.name == table.sheet })).forEachRecord { if header == nil { header = $0.cells } }
            XCTAssertEqual(header, table.fields.map(\.title), "\(table.name) under the template's titles, in its order")
        }
        let file = try temporaryFolder().appendingPathComponent("316Newham_EDUCVA1_ALBQ4202627.xlsx")
        try data.write(to: file)
        let again = try validateRun("asglb", "2026-27", files: [file.path], parameters: ["quarter": "Q4"])
        XCTAssertEqual(again.findings.count, 0)
        for table in spec.tables {
            XCTAssertEqual(again.data[table.name]?.records, result.data[table.name]?.records, "\(table.name) read back as written")
        }
    }

    func testTheExportIsRefusedWhileErrorsRemainUnlessADraft() throws {
        let sample = Package.samples.appendingPathComponent("asglb")
        let out = try temporaryFolder()
        let args = ["export", "asglb", "--year", "2026-27", "--quarter", "Q4", "--la", "316", sample.appendingPathComponent("csv").path,
                    "--with-ssda903", sample.appendingPathComponent("ssda903-2026-27").path, "--out", out.path]
        let refused = try runProgram(args)
        XCTAssertEqual(refused.status, 1, refused.stderr)
        XCTAssertTrue(refused.stderr.contains("AS02") && refused.stderr.contains("--draft"), refused.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out.path), [], "nothing written")
        let draft = try runProgram(args + ["--draft"])
        XCTAssertEqual(draft.status, 0, draft.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out.path), ["316Newham_EDUCVA1_ALBQ4202627-DRAFT.xlsx"])
    }
}
