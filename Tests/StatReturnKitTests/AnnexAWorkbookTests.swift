import XCTest
import ZIPFoundation
@testable import StatReturnKit

/// The Annex A workbook made from an SSD for an inspection date: a sheet per list with Ofsted's
/// headers, dates as dates, drop-downs of the allowed labels and an About sheet; the pooled copy
/// as regions share it.
final class AnnexAWorkbookTests: XCTestCase {
    func make(_ extra: [String]) throws -> (XLSXReader, Data) {
        let folder = try temporaryFolder()
        XCTAssertEqual(try runProgram(["generate", "ssd", "--year", "2025-26", "--children", "150", "--seed", "2",
                                       "--out", folder.appendingPathComponent("gen").path]).status, 0)
        let out = folder.appendingPathComponent("annex-a.xlsx")
        let r = try runProgram(["annex-a", "--inspection-date", "01/10/2025", "--ssd", folder.appendingPathComponent("gen/ssd-1.0").path,
                                "--out", out.path] + extra)
        XCTAssertEqual(r.status, 0, r.stderr)
        let file = folder.appendingPathComponent(extra.contains("--draft") ? "annex-a-DRAFT.xlsx" : "annex-a.xlsx")
        let data = try Data(contentsOf: file)
        return (try XLSXReader(data: data, file: file.path, dateFormat: .dmy), data)
    }

    func rows(_ book: XLSXReader, _ sheet: String) throws -> [[String]] {
        var rows: [[String]] = []
        try book.rows(of: try XCTUnwrap(book.sheets.first { $0.name == sheet }, sheet)).forEachRecord { rows.append($0.cells) }
        return rows
    }

    func testTheWorkbookHasEachListUnderOfstedsHeadersAndSaysWhatItHolds() throws {
        let (book, data) = try make(["--draft"])
        let spec = try Package.spec("annex-a", "2025")
        // (Then the hidden sheet holding the drop-downs too long to give inline.)
        XCTAssertEqual(Array(book.sheets.map(\.name).prefix(12)), (1...11).map { "List \($0)" } + ["About"])
        for table in spec.tables {
            XCTAssertEqual(try rows(book, table.sheet!).first, table.fields.map(\.title), "\(table.sheet!) headers")
        }
        let list8 = try rows(book, "List 8")
        XCTAssertGreaterThan(list8.count, 10, "children in care are on List 8")
        let dob = try XCTUnwrap(spec.table("List8")?.fields.firstIndex { $0.type == .date })
        XCTAssertNotNil(SimpleDate(dmy: list8[1][dob]), "a date-formatted cell, read back as a date: \(list8[1][dob])")
        let about = try rows(book, "About").map { $0.joined(separator: " ") }.joined(separator: "\n")
        XCTAssertTrue(about.contains("01/10/2025") && about.contains("List 11") && about.contains("not filled"), about)
        // Drop-down lists of the allowed labels on the coded columns.
        let archive = try Archive(data: data, accessMode: .read)
        var sheetXML = Data()
        _ = try archive.extract(try XCTUnwrap(archive["xl/worksheets/sheet8.xml"])) { sheetXML.append($0) }
        XCTAssertTrue(String(decoding: sheetXML, as: UTF8.self).contains("<dataValidation"), "drop-downs on List 8")
    }

    func testThePooledCopyLeavesOutWhatRegionsMustNotSee() throws {
        let (book, _) = try make(["--draft", "--degrade", "--la", "316"])
        XCTAssertFalse(book.sheets.contains { $0.name == "List 10" || $0.name == "List 11" })
        let spec = try Package.spec("annex-a", "2025")
        let table = try XCTUnwrap(spec.table("List8"))
        let list8 = try rows(book, "List 8")
        XCTAssertEqual(list8.first, table.fields.filter { $0.degrade != .drop }.map(\.title), "worker columns left out")
        let id = try XCTUnwrap(list8.first?.firstIndex(of: table.fields.first { $0.degrade == .suffixLA }!.title))
        let dob = try XCTUnwrap(list8.first?.firstIndex(of: table.fields.first { $0.degrade == .monthStart }!.title))
        for row in list8.dropFirst() {
            XCTAssertTrue(row[id].hasSuffix("-316"), row[id])
            XCTAssertTrue(row[dob].isEmpty || row[dob].hasPrefix("01/"), row[dob])
        }
    }

    func testAPooledCopyWithoutTheLACodeIsRefused() throws {
        let folder = try temporaryFolder()
        let r = try runProgram(["annex-a", "--inspection-date", "01/10/2025", "--ssd", Package.root.appendingPathComponent("Tests/Fixtures/ssd-extract").path,
                                "--out", folder.appendingPathComponent("a.xlsx").path, "--draft", "--degrade"])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains("--la"), r.stderr)
    }

    func testADatesMonthAndAPostcodesSector() {
        XCTAssertEqual(WorkbookExporter.degraded("23/08/2019", .monthStart, la: "", format: .dmy), "01/08/2019")
        XCTAssertEqual(WorkbookExporter.degraded("ls9 8ab", .postcodeSector, la: "", format: .dmy), "LS9 8")
        XCTAssertEqual(WorkbookExporter.degraded("C1", .suffixLA, la: "316", format: .dmy), "C1-316")
    }
}
