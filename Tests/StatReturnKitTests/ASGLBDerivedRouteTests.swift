import XCTest
@testable import StatReturnKit

/// The ASGLB made from the council's own data: the Adoptions tab and SGO counts from the year's
/// 903 (`--from-ssda903`) or from an SSD extract (`--ssd`), the adopters' tab from an adopter
/// extract (`--adopters`). Each gives the children and dates the generated 903's stories give,
/// leaving blank only what its source cannot show.
final class ASGLBDerivedRouteTests: XCTestCase {
    let yearStart = SimpleDate(iso: "2026-04-01")!

    /// The generated ASGLB's child rows, by child.
    func generated(_ seed: UInt64) throws -> [String: [String: String]] {
        let asglb = try SyntheticCouncil.generate(try LoadedSpecs.shared.spec("asglb", "2026-27"), specs: Package.specs,
                                                  children: 150, seed: seed, errorRate: 0)
        return Dictionary(uniqueKeysWithValues: (asglb.rows["Adoptions"] ?? []).map { ($0["child_id"]!, $0) })
    }

    /// The rows a result holds for a table, by its first field, each as field name to value.
    func rows(_ result: ValidationResult, _ table: String) throws -> [String: [String: String]] {
        let spec = try LoadedSpecs.shared.spec("asglb", "2026-27")
        let fields = try XCTUnwrap(spec.table(table)).fields.map(\.name)
        let data = try XCTUnwrap(result.data[table], "\(table) made")
        return Dictionary(uniqueKeysWithValues: data.records.map { r in
            (r[0], Dictionary(uniqueKeysWithValues: fields.indices.map { (fields[$0], r[$0]) }))
        })
    }

    /// Each value made equals the story's, or is blank where the story's happened before the year
    /// (a one-year source does not show it) or is not in the source at all (`unshown`). A source
    /// whose history starts in the year (`truncated`: the generated SSD, written from the 903) may
    /// give a later day for what happened before it.
    func assertAgree(_ made: [String: [String: String]], _ told: [String: [String: String]], unshown: Set<String>,
                     truncated: Bool = false, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(Set(made.keys), Set(told.keys), "the same children", file: file, line: line)
        var compared = 0
        for (child, row) in made {
            for (field, value) in told[child] ?? [:] where !unshown.contains(field) {
                let made = row[field] ?? ""
                if made.isEmpty || truncated, let d = SimpleDate(dmy: value), d < yearStart { continue }
                XCTAssertEqual(made, value, "\(child) \(field)", file: file, line: line)
                compared += 1
            }
        }
        XCTAssertGreaterThan(compared, 50, file: file, line: line)
    }

    func testMadeFromThe903ItGivesItsChildrenAndTheDatesItShows() throws {
        let folder = try temporaryFolder()
        let the903 = try SyntheticCouncil.generate(try LoadedSpecs.shared.spec("ssda903", "2026-27"), specs: Package.specs,
                                                   children: 150, seed: 11, errorRate: 0).write(to: folder).path
        let result = try validateRun("asglb", "2026-27", inputs: [("from_ssda903", the903), ("ssda903", the903)], parameters: ["quarter": "Q4"])
        let told = try generated(11)
        // The 903 holds no disability, early permanence, siblings, family finding; the match only of the adopted.
        assertAgree(try rows(result, "Adoptions"), told, unshown: ["disability", "sibling_group", "family_finding", "matched_date"])
        for (child, row) in try rows(result, "Adoptions") where !(row["matched_date"] ?? "").isEmpty {
            XCTAssertEqual(row["matched_date"], told[child]?["matched_date"])
        }
        // What it cannot show is reported, never made up: a blank required value (AS01) or a date
        // the 903 shows an order or placement for (XR06, XR08), on children in care before the year.
        let asglb = result.findings.filter { $0.returnName == "asglb" }
        XCTAssertEqual(Set(asglb.map(\.code)).subtracting(["AS01", "AS21", "AS22", "XR06", "XR08"]), [], asglb.map(\.code).description)
        XCTAssertTrue(asglb.filter { $0.code == "AS01" }.allSatisfy { ["disability", "entered_care_date"].contains($0.fields.first!) })
        let sgos = try XCTUnwrap(result.data["SGOs"]).records.map { $0.joined(separator: " ") }
        let generatedSGOs = try SyntheticCouncil.generate(try LoadedSpecs.shared.spec("asglb", "2026-27"), specs: Package.specs,
                                                          children: 150, seed: 11, errorRate: 0).rows["SGOs"]!
            .filter { $0["measure"] != "SG3" }.map { "\($0["quarter"]!) \($0["measure"]!) \($0["count"]!)" }
        XCTAssertEqual(sgos, generatedSGOs, "SG1 and SG2 as the 903's endings give them")
    }

    func testMadeFromTheSSDItGivesTheSameChildrenAndDates() throws {
        let folder = try temporaryFolder()
        let ssd = try XCTUnwrap(SyntheticCouncil.dataset("ssd", year: "2026-27", loader: SpecLoader(root: Package.specs),
                                                         children: 150, seed: 11, errorRate: 0)).write(to: folder).path
        let result = try validateRun("asglb", "2026-27", inputs: [("ssd", ssd)], parameters: ["quarter": "Q4", "extract_date": "30/06/2027"])
        XCTAssertEqual(result.findings.filter { $0.returnName == "ssd" }.count, 0, "a clean extract")
        // As the 903 it was written from, the generated SSD has the match only of the adopted.
        let told = try generated(11)
        assertAgree(try rows(result, "Adoptions"), told, unshown: ["disability", "sibling_group", "family_finding", "matched_date"], truncated: true)
        for (child, row) in try rows(result, "Adoptions") where !(row["matched_date"] ?? "").isEmpty {
            XCTAssertEqual(row["matched_date"], told[child]?["matched_date"])
        }
    }

    func testAQuarterTakesOnlyWhatHappenedByItsEnd() throws {
        let folder = try temporaryFolder()
        let the903 = try SyntheticCouncil.generate(try LoadedSpecs.shared.spec("ssda903", "2026-27"), specs: Package.specs,
                                                   children: 150, seed: 11, errorRate: 0).write(to: folder).path
        let result = try validateRun("asglb", "2026-27", inputs: [("from_ssda903", the903), ("ssda903", the903)], parameters: ["quarter": "Q2"])
        let spec = try LoadedSpecs.shared.spec("asglb", "2026-27")
        let dates = try XCTUnwrap(spec.table("Adoptions")).fields.indices.filter { spec.table("Adoptions")!.fields[$0].type == .date }
        let latest = try XCTUnwrap(result.data["Adoptions"]).records.flatMap { r in dates.compactMap { SimpleDate(dmy: r[$0]) } }.max()
        XCTAssertLessThanOrEqual(try XCTUnwrap(latest), SimpleDate(iso: "2026-09-30")!)
        XCTAssertEqual(result.findings.filter { $0.code == "AS40" || $0.code == "XR01" || $0.code == "XR03" }.count, 0)
        XCTAssertEqual(try XCTUnwrap(result.data["SGOs"]).records.map { $0[0] }, ["Q1", "Q1", "Q2", "Q2"])
    }

    func testTheAdoptersTabIsMadeFromTheExtract() throws {
        let folder = try temporaryFolder()
        let file = folder.appendingPathComponent("adopters.csv")
        try """
        adop_adopter_id,adop_family_id,adop_sex,adop_ethnicity,adop_disability,adop_ffa_approved,adop_agency_urn,adop_placement_provider,adop_enquiry_date,adop_stage1_start_date,adop_stage1_end_date,adop_stage2_start_date,adop_stage2_end_date,adop_application_date,adop_approved_date,adop_matched_date,adop_placed_date,adop_children_placed,adop_adoption_order_date,adop_left_date,adop_left_reason
        A1,F1,F,WBRI,N,N,,pr1,2025-09-01,2025-10-01,2025-12-01,2025-12-10,2026-03-20,2025-12-05,2026-04-20,2026-06-01,2026-06-15,1,2026-12-01,,
        A2,F2,M,BAFR,N,Y,,,2026-05-01,2026-05-20,,,,,,,,,,2026-08-01,Withdrew
        A3,F3,F,WBRI,N,N,,,2025-01-01,2025-02-01,,,,,,,,,,2026-01-10,on hold
        """.write(to: file, atomically: true, encoding: .utf8)
        let result = try validateRun("asglb", "2026-27", inputs: [("adopters", file.path)], parameters: ["quarter": "Q2"])
        let made = try rows(result, "AdoptiveFamilies")
        XCTAssertEqual(Set(made.keys), ["A1", "A2"], "an adopter gone before the year is left out")
        XCTAssertEqual(made["A1"]?["placement_provider"], "PR1")
        XCTAssertEqual(made["A1"]?["approved_date"], "20/04/2026")
        XCTAssertEqual(made["A1"]?["adoption_order_date"], "", "December is after Q2")
        XCTAssertEqual(made["A2"]?["left_reason"], "LR1", "the case system's words as the ASGLB's code")
        XCTAssertEqual(result.findings.map(\.code), [])
    }

    func testA903MadeFromNamesNoOptionTheASGLBDoesNotTake() throws {
        let the903 = Package.samples.appendingPathComponent("asglb/ssda903-2026-27").path
        let result = try validateRun("asglb", "2026-27", inputs: [("from_ssda903", the903)], parameters: ["quarter": "Q4"])
        let spec = try LoadedSpecs.shared.spec("asglb", "2026-27")
        let options = spec.inputs.map { "--input \($0.name)=..." + ($0.alias.map { ", or \($0)" } ?? "") }
            + spec.parameters.map { "--param \($0.name)=..." + ($0.alias.map { ", or \($0)" } ?? "") }
        XCTAssertEqual(result.wanted.compactMap(\.option).filter { !options.contains($0) }, [])
        XCTAssertTrue(result.wanted.contains { $0.what.contains("statreturn validate ssda903 --year 2026-27") }, "\(result.wanted.map(\.what))")
    }
}
