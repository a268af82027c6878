import XCTest
@testable import StatReturnKit

/// The 903 XML form and the CSV tables are two routes to the same data.
final class XMLRouteTests: XCTestCase {
    private let sample = Package.samples.appendingPathComponent("ssda903/2026-27")

    private func validate(_ files: [InputFile]) throws -> ValidationResult {
        var v = Validator(spec: try Package.spec("ssda903", "2026-27"))
        v.fix = true
        return try v.validate(files)
    }

    /// What a finding says, without where it is (a row in a CSV, a line in the XML).
    private func gist(_ r: ValidationResult) -> [String] {
        r.findings.map { "\($0.code) \($0.table) \($0.child) \($0.fields) \($0.values) \($0.related.map(\.values))" }.sorted()
    }

    /// A table's records in the DfE's CSV layout (the columns both forms carry), sorted.
    private func rows(_ r: ValidationResult, _ table: String) -> [[String]] {
        guard let raw = r.data[table] else { return [] }
        return raw.records.map { rec in raw.spec.layoutColumns.map { rec[$0] } }.sorted { $0.lexicographicallyPrecedes($1) }
    }

    func testCSVAndXMLOfTheSameDataGiveTheSameTablesAndFindings() throws {
        let spec = try Package.spec("ssda903", "2026-27")
        let fromCSV = try validate(try InputFile.collect(paths: [sample.path]))
        let (xml, unplaced) = try XMLExporter.render(fromCSV, spec: spec)
        XCTAssertEqual(unplaced, ["Reviews": 1, "DoLo": fromCSV.data["DoLo"]!.count],
                       "the review of C999999, who has no Header row, and the DoLo table, which the XML form has no elements for")
        let fromXML = try validate([InputFile(name: "sample.xml", data: xml)])

        // The same data as CSV: written from what the XML route read.
        let out = try temporaryFolder()
        try CSVExporter.write(fromXML, spec: spec, to: OutputTarget(path: out.path, inputs: []), draft: true)
        let fromCSVAgain = try validate(try InputFile.collect(paths: [out.path]))
        XCTAssertEqual(gist(fromXML), gist(fromCSVAgain))
        for t in ["Header", "Episodes", "Reviews"] { XCTAssertEqual(rows(fromXML, t), rows(fromCSVAgain, t), t) }
        XCTAssertTrue(fromXML.findings.contains { $0.code == "501" && $0.file == "sample.xml" && $0.row! > 1 }, "XML rows are lines")

        // Against the original CSV: identical but for what the XML form cannot say.
        XCTAssertEqual(rows(fromXML, "Header"), rows(fromCSV, "Header"))
        XCTAssertEqual(rows(fromXML, "Episodes"), rows(fromCSV, "Episodes"))
        // The XML's UASC flag says what a row in the CSV's UASC table says.
        let uascChildren = Set(fromCSV.data["UASC"]!.records.map { $0[0] })
        XCTAssertFalse(uascChildren.isEmpty)
        let flag = spec.table("Header")!.fieldNames.firstIndex(of: "UASC")!
        for h in fromXML.data["Header"]!.records { XCTAssertEqual(h[flag], uascChildren.contains(h[0]) ? "1" : "0", h[0]) }
        let header = try XCTUnwrap(spec.table("Reviews"))
        let dob = header.fieldNames.firstIndex(of: "DOB")!
        let headerDOB = Dictionary(fromCSV.data["Header"]!.records.map { ($0[0], $0[2]) }, uniquingKeysWith: { a, _ in a })
        let expected = rows(fromCSV, "Reviews").filter { headerDOB[$0[0]] != nil }.map { r -> [String] in
            var r = r; r[dob] = headerDOB[r[0]]!; return r   // the XML carries DOB once, in the Header
        }.sorted { $0.lexicographicallyPrecedes($1) }
        XCTAssertEqual(rows(fromXML, "Reviews"), expected)
    }

    func testNotWellFormedXMLNamesTheLine() throws {
        let xml = "<?xml version=\"1.0\"?>\n<EXPSSDA903>\n<CHILD>\n<HEADER><CHILDID>1</CHILDID>\n</CHILD>\n"
        XCTAssertThrowsError(try validate([InputFile(name: "bad.xml", data: Data(xml.utf8))])) { error in
            let e = error as? InputError
            XCTAssertEqual(e?.file, "bad.xml")
            XCTAssertNotNil(e?.line)
        }
    }

    func testWrongRootIsRefused() throws {
        XCTAssertThrowsError(try validate([InputFile(name: "x.xml", data: Data("<Message/>".utf8))])) { error in
            XCTAssertTrue("\(error)".contains("EXPSSDA903"), "\(error)")
        }
    }

    func testUnknownElementsAreReportedNotDropped() throws {
        let xml = "<EXPSSDA903><CHILD><HEADER><CHILDID>1</CHILDID><SEX>M</SEX><NICKNAME>x</NICKNAME></HEADER></CHILD></EXPSSDA903>"
        let r = try validate([InputFile(name: "x.xml", data: Data(xml.utf8))])
        XCTAssertTrue(r.warnings.contains { $0.contains("CHILD/HEADER/NICKNAME") }, "\(r.warnings)")
        XCTAssertEqual(r.data["Header"]?.count, 1)
    }
}
