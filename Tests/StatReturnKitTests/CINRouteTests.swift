import XCTest
@testable import StatReturnKit

/// The CIN census read as XML or as one CSV per table; written back as XML.
final class CINRouteTests: XCTestCase {
    private func validate(_ spec: ReturnSpec, _ files: [InputFile]) throws -> ValidationResult {
        var v = Validator(spec: spec)
        v.fix = true
        return try v.validate(files)
    }

    private func rows(_ r: ValidationResult, _ table: String) -> [[String]] {
        (r.data[table]?.records ?? []).sorted { $0.lexicographicallyPrecedes($1) }
    }

    private func gist(_ r: ValidationResult) -> [String] {
        r.findings.map { "\($0.code) \($0.table) \($0.child) \($0.fields) \($0.values)" }.sorted()
    }

    func testXMLAndCSVFormsGiveTheSameTablesAndFindingsAndTheExportIsValid() throws {
        for year in ["2025-26", "2026-27"] {
            let spec = try Package.spec("cin", year)
            let csvFolder = Package.samples.appendingPathComponent("cin/\(year)/csv")
            let fromCSV = try validate(spec, try InputFile.collect(paths: [csvFolder.path]))
            XCTAssertGreaterThan(fromCSV.data["ChildIdentifiers"]?.count ?? 0, 10, year)

            let header = try HeaderValues.fill(spec, parameters: ["lea": "999"], serial: "001", now: Date(timeIntervalSince1970: 0))
            let (xml, unplaced) = try XMLExporter.render(fromCSV, spec: spec, returnLevel: header)
            XCTAssertEqual(unplaced, [:], year)
            let fromXML = try validate(spec, [InputFile(name: "cin.xml", data: xml)])
            for table in spec.tables.map(\.name) where table != "Header" {
                XCTAssertEqual(rows(fromXML, table), rows(fromCSV, table), "\(year) \(table)")
            }
            XCTAssertEqual(gist(fromXML), gist(fromCSV), year)
            XCTAssertEqual(fromXML.findings.filter { $0.code == "SR04" }, [], "\(year): the export follows the schema")
        }
    }

    func testExportOfCleanDataValidatesAgainstTheSchema() throws {
        let spec = try Package.spec("cin", "2025-26")
        let clean = """
        LAchildID,UPN,FormerUPN,UPNunknown,PersonBirthDate,ExpectedPersonBirthDate,Sex,PersonDeathDate
        C1,,,UN1,2015-02-28,,F,
        """
        let details = "LAchildID,CINreferralDate,ReferralSource,PrimaryNeedCode,CINclosureDate,ReasonForClosure,DateOfInitialCPC,ReferralNFA\nC1,2025-06-02,1A,N1,,,,0\n"
        let r = try validate(spec, [InputFile(name: "ci.csv", data: Data(clean.utf8)), InputFile(name: "d.csv", data: Data(details.utf8)),
                                    InputFile(name: "cc.csv", data: Data("LAchildID,Ethnicity\nC1,WBRI\n".utf8))])
        let header = try HeaderValues.fill(spec, parameters: ["lea": "999"], serial: "001")
        let (xml, _) = try XMLExporter.render(r, spec: spec, returnLevel: header)
        XCTAssertEqual(try SchemaCheck.problems(in: xml, schema: try XCTUnwrap(spec.schemaFile)), [])
        let text = String(decoding: xml, as: UTF8.self)
        XCTAssertTrue(text.contains("<LEA>999</LEA>") && text.contains("<ReferenceDate>2026-03-31</ReferenceDate>"), text)
        XCTAssertTrue(text.range(of: "<LAchildID>")!.lowerBound < text.range(of: "<Sex>")!.lowerBound, "schema order")
    }

    func testExportNeedsTheLANumber() throws {
        let spec = try Package.spec("cin", "2025-26")
        XCTAssertThrowsError(try HeaderValues.fill(spec, parameters: [:], serial: "001"))
    }
}
