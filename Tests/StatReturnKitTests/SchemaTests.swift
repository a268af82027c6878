import XCTest
@testable import StatReturnKit

final class SchemaTests: XCTestCase {
    /// The schema kept beside each spec is exactly what the spec generates.
    func testKeptSchemasMatchTheirSpecs() throws {
        let loader = SpecLoader(root: Package.specs)
        var checked = 0
        for r in loader.returns {
            for y in loader.years(of: r) {
                let spec = try loader.load(returnName: r, year: y)
                guard let file = spec.schemaFile else { continue }
                XCTAssertEqual(try String(contentsOf: file, encoding: .utf8), SchemaGenerator.xsd(for: spec),
                               "\(file.path) is stale: run statreturn schema \(r) --year \(y) > \(file.path)")
                checked += 1
            }
        }
        XCTAssertGreaterThanOrEqual(checked, 2)
    }

    /// Structure problems are findings naming the child, the element path and the line;
    /// a malformed value is left to its field's rule, so it is not reported twice.
    func testSchemaProblemsAreFindingsWithChildPathAndLine() throws {
        let xml = """
        <Message>
        <Header><CollectionDetails><Collection>CIN</Collection><Year>2026</Year><ReferenceDate>2026-03-31</ReferenceDate></CollectionDetails>
        <Source><SourceLevel>L</SourceLevel><LEA>999</LEA></Source></Header>
        <Children><Child>
        <ChildIdentifiers><LAchildID>C7</LAchildID><Sex>X</Sex></ChildIdentifiers>
        <ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>
        <CINdetails><ReferralSource>1A</ReferralSource><CINreferralDate>2025-06-01</CINreferralDate><ReferralNFA>0</ReferralNFA></CINdetails>
        </Child></Children>
        </Message>
        """
        let spec = try Package.spec("cin", "2025-26")
        let r = try Validator(spec: spec).validate([InputFile(name: "c.xml", data: Data(xml.utf8))])
        let schema = r.findings.filter { $0.code == "SR04" }
        XCTAssertEqual(schema.count, 1, "\(schema)")
        XCTAssertEqual(schema.first?.child, "C7")
        XCTAssertEqual(schema.first?.row, 7)
        XCTAssertTrue(schema.first?.values.first?.hasPrefix("Children/Child/CINdetails") ?? false, "\(schema)")
        XCTAssertEqual(r.findings.filter { $0.code == "4180" }.count, 1, "the bad Sex code is reported once, by its own rule")
    }
}
