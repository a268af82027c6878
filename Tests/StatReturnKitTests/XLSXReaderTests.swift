import XCTest
import ZIPFoundation
@testable import StatReturnKit

/// Workbooks as Excel writes them: strings shared across the workbook, dates as numbers
/// in a date style, empty cells left out.
final class XLSXReaderTests: XCTestCase {
    private let workbookParts = [
        "xl/workbook.xml": #"<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr/><sheets><sheet name="List" sheetId="1" r:id="rId7"/><sheet name="Notes" sheetId="2" r:id="rId8"/></sheets></workbook>"#,
        "xl/_rels/workbook.xml.rels": #"<Relationships><Relationship Id="rId8" Target="worksheets/sheet2.xml"/><Relationship Id="rId7" Target="/xl/worksheets/sheet1.xml"/></Relationships>"#,
        "xl/sharedStrings.xml": #"<sst><si><t>URN</t></si><si><t>REG_DATE</t></si><si><r><t>SC</t></r><r><t>123456</t></r></si><si><t>K2</t><rPh><t>ignored</t></rPh></si></sst>"#,
        "xl/styles.xml": #"<styleSheet><numFmts><numFmt numFmtId="170" formatCode="[$-809]dd\ mmmm\ yyyy;@"/><numFmt numFmtId="171" formatCode="&quot;day &quot;0"/></numFmts><cellStyleXfs><xf numFmtId="14"/></cellStyleXfs><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="170"/><xf numFmtId="171"/></cellXfs></styleSheet>"#,
        "xl/worksheets/sheet1.xml": #"""
            <worksheet><sheetData>
            <row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c><c r="D1" t="inlineStr"><is><t>NOTE</t></is></c></row>
            <row r="3"><c r="A3" t="s"><v>2</v></c><c r="B3" t="s"><v>3</v></c><c r="C3" s="1"><v>45383</v></c><c r="D3" s="3"><v>7</v></c></row>
            <row r="4"><c r="A4"><v>1234567</v></c><c r="C4" s="2"><v>45747.5</v></c><c r="D4" t="str"><f>A4&amp;""</f><v>x</v></c></row>
            <row r="5"><c r="B5" s="1"/></row>
            </sheetData></worksheet>
            """#,
        "xl/worksheets/sheet2.xml": #"<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>not read</t></is></c></row></sheetData></worksheet>"#,
    ]

    func testFirstSheetIsReadWithSharedStringsDatesAndGaps() throws {
        let reader = try XLSXReader(data: try zipped(workbookParts), file: "list.xlsx", dateFormat: .dmy)
        XCTAssertEqual(reader.sheets.map(\.name), ["List", "Notes"])
        var records: [CSVReader.Record] = []
        try reader.rows(of: reader.sheets[0]).forEachRecord { records.append($0) }
        XCTAssertEqual(records.map(\.line), [1, 3, 4], "rows keep their sheet numbers; an empty row is skipped")
        XCTAssertEqual(records.map(\.cells), [
            ["URN", "", "REG_DATE", "NOTE"],
            ["SC123456", "K2", "01/04/2024", "7"],   // built-in date style; a number format that is not a date
            ["1234567", "", "31/03/2025", "x"],      // a custom date format with a locale; a time of day dropped
        ])
        let iso = try XLSXReader(data: try zipped(workbookParts), file: "list.xlsx", dateFormat: .iso)
        var first: [String] = []
        try iso.rows(of: iso.sheets[0]).forEachRecord { if $0.line == 3 { first = $0.cells } }
        XCTAssertEqual(first[2], "2024-04-01")
    }

    /// Every sheet that is a table is read, title rows above a header are skipped, an empty sheet
    /// is passed over and a sheet that is no table is named.
    func testEverySheetThatIsATableIsRead() throws {
        let names = ["Notes", "Header", "Empty", "Episodes"]
        var parts = [
            "xl/workbook.xml": "<workbook xmlns:r=\"r\"><sheets>" + names.enumerated().map { "<sheet name=\"\($1)\" r:id=\"rId\($0)\"/>" }.joined() + "</sheets></workbook>",
            "xl/_rels/workbook.xml.rels": "<Relationships>" + names.indices.map { "<Relationship Id=\"rId\($0)\" Target=\"worksheets/s\($0).xml\"/>" }.joined() + "</Relationships>",
            "xl/worksheets/s0.xml": worksheet([["Field", "Meaning"], ["CHILD", "the child's ID"]]),
            "xl/worksheets/s1.xml": worksheet([["Children looked after, Header"], ["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"], ["C1", "M", "23/08/2023", "WBRI", "UN1"]]),
            "xl/worksheets/s2.xml": worksheet([]),
            "xl/worksheets/s3.xml": worksheet([["CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC", "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN"],
                                           ["C1", "26/09/2025", "L", "C2", "N1", "U6", "PR1", "", "", "", "LS9 8", "WF10 4", "XXXXXXX"]]),
        ]
        parts["xl/styles.xml"] = "<styleSheet><cellXfs><xf numFmtId=\"0\"/></cellXfs></styleSheet>"
        let r = try Validator(spec: try Package.spec("ssda903", "2026-27")).validate([InputFile(name: "903.xlsx", data: try zipped(parts))])
        XCTAssertEqual(r.tables.map(\.name), ["Header", "Episodes"])
        XCTAssertEqual(r.tables.map(\.files), [["903.xlsx [Header]"], ["903.xlsx [Episodes]"]])
        XCTAssertEqual(r.data["Header"]?.records.first?.first, "C1")
        XCTAssertTrue(r.warnings.contains { $0.hasPrefix("903.xlsx [Notes]: not read: header row matches none") }, "\(r.warnings)")
        XCTAssertTrue(r.warnings.contains("903.xlsx [Header]:1: a title row above the header was skipped ('Children looked after, Header')"), "\(r.warnings)")
        XCTAssertFalse(r.warnings.contains { $0.contains("[Empty]") }, "an empty sheet is passed over")
    }

    func testABrokenWorkbookIsAnInputErrorNamingTheFile() throws {
        let spec = try Package.spec("ssda903", "2026-27")
        var bytes = Data([0x50, 0x4B, 0x03, 0x04])
        bytes.append(Data("not really a zip".utf8))
        XCTAssertThrowsError(try Validator(spec: spec).validate([InputFile(name: "providers.xlsx", data: bytes)])) { error in
            let e = error as? InputError
            XCTAssertEqual(e?.file, "providers.xlsx")
            XCTAssertTrue(e?.problem.contains("Excel") ?? false, "\(error)")
        }
    }
}
