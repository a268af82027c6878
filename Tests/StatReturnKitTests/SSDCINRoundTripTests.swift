import XCTest
@testable import StatReturnKit

/// The CIN census made from a synthetic SSD extract (Specs/cin/2025-26/from-ssd.yml) is the
/// census the CIN generator made for the same seed, and is checked as that census would be.
final class SSDCINRoundTripTests: XCTestCase {
    private let loader = SpecLoader(root: Package.specs)

    /// The generated census and the SSD extract made from it, for 200 children.
    private func generated() throws -> (spec: ReturnSpec, cin: SyntheticReturn, ssd: SyntheticReturn) {
        let spec = try loader.load(returnName: "cin", year: "2025-26")
        let cin = try SyntheticCouncil.generate(spec, specs: Package.specs, children: 200, seed: 7, errorRate: 0)
        let ssd = try XCTUnwrap(try SyntheticCouncil.dataset("ssd", year: "2025-26", loader: loader, children: 200, seed: 7, errorRate: 0))
        return (spec, cin, ssd)
    }

    private func derive(_ spec: ReturnSpec, from ssd: SyntheticReturn) throws -> ValidationResult {
        let folder = try ssd.write(to: try temporaryFolder())
        return try Validator(spec: spec).validate(RunInputs(files: [], named: [("ssd", folder.path)]), specs: loader)
    }

    private func validateDirectly(_ spec: ReturnSpec, _ cin: SyntheticReturn) throws -> ValidationResult {
        let folder = try cin.write(to: try temporaryFolder())
        return try Validator(spec: spec).validate(try InputFile.collect(paths: [folder.path]))
    }

    /// A table's rows as a multiset, each in the spec's field order.
    private func counted(_ rows: [[String]]) -> [[String]: Int] { rows.reduce(into: [:]) { $0[$1, default: 0] += 1 } }

    private func census(_ findings: [Finding]) -> [String] {
        findings.filter { $0.returnName == "cin" }.map { "\($0.code) \($0.child) \($0.key)" }.sorted()
    }

    func testTheCensusMadeFromTheSSDIsTheGeneratedCensus() throws {
        let (spec, cin, ssd) = try generated()
        let derived = try derive(spec, from: ssd)
        let mapped = try XCTUnwrap(spec.sources["ssd"]).tables.map(\.table)
        XCTAssertEqual(Set(mapped), Set(spec.tables.map(\.name)).subtracting(["Header"]), "every census table but the header is mapped")
        for name in mapped {
            let table = try XCTUnwrap(spec.table(name))
            let want = (cin.rows[name] ?? []).map { row in table.fieldNames.map { row[$0] ?? "" } }
            let got = try XCTUnwrap(derived.data[name], "\(name) is derived").records
            XCTAssertGreaterThan(want.count, 0, "\(name) is generated")
            XCTAssertEqual(counted(got), counted(want), name)
        }
        XCTAssertEqual(derived.failed, [])
        XCTAssertEqual(derived.findings.filter { $0.returnName == "ssd" }.map(\.code), [], "the generated SSD is clean")
        XCTAssertEqual(census(derived.findings), census(try validateDirectly(spec, cin).findings))
    }

    /// What the census takes from an extract: the episodes open in the year and what was
    /// open in them; what happened after the year is not yet known at the reference date.
    func testTheCensusTakesTheYearAsTheDfEDefinesIt() throws {
        var ssd = SyntheticReturn(spec: try loader.load(returnName: "ssd", year: "1.0"))
        func add(_ table: String, _ header: String, _ rows: [String]...) {
            let names = header.split(separator: " ").map(String.init)
            for row in rows { ssd.add(table, Dictionary(uniqueKeysWithValues: zip(names, row))) }
        }
        add("ssd_person", "pers_person_id pers_sex pers_dob", ["C1", "", "2015-01-10"], ["C2", "F", "2014-02-02"])
        add("ssd_linked_identifiers", "link_table_id link_person_id link_identifier_type link_identifier_value link_valid_from_date link_valid_to_date",
            ["L1", "C1", "Unique Pupil Number", "OLDUPN", "", "2024-08-31"], ["L2", "C1", "Unique Pupil Number", "NEWUPN", "2024-09-01", ""],
            ["L3", "C1", "NHS Number", "9990001112", "", ""])
        add("ssd_disability", "disa_person_id disa_table_id disa_disability_code", ["C1", "D1", "AUT"], ["C1", "D2", "AUT"], ["C2", "D3", "NONE"])
        // C2's only episode closed before the year; C1's closes after it.
        add("ssd_cin_episodes", "cine_referral_id cine_person_id cine_referral_date cine_referral_source_code cine_referral_nfa cine_close_reason cine_close_date",
            ["E1", "C1", "2025-05-01", "1A", "N", "RC7", "2026-05-01"], ["E2", "C2", "2024-01-01", "1A", "N", "RC8", "2025-02-01"])
        // A2 names no referral: it is found as C1's episode referred before it started.
        add("ssd_cin_assessments", "cina_assessment_id cina_person_id cina_referral_id cina_assessment_start_date cina_assessment_auth_date",
            ["A1", "C1", "E1", "2026-03-20", "2026-04-10"], ["A2", "C1", "", "2025-05-02", "2025-05-20"], ["A3", "C2", "E2", "2024-01-03", "2024-02-01"])
        add("ssd_assessment_factors", "cinf_table_id cinf_assessment_id cinf_assessment_factors_json",
            ["F1", "A1", #"["1A"]"#], ["F2", "A2", #"{"3B": "Yes", "4B": "No"}"#], ["F3", "A3", #"["2B"]"#])
        add("ssd_s47_enquiry", "s47e_s47_enquiry_id s47e_referral_id s47e_person_id s47e_s47_start_date s47e_s47_nfa", ["S1", "E1", "C1", "2025-05-20", "Y"])
        // A conference with no enquiry before it (a transfer-in), which led to plan P1.
        add("ssd_initial_cp_conference", "icpc_icpc_id icpc_referral_id icpc_person_id icpc_icpc_date", ["I1", "E1", "C1", "2025-06-02"])
        // P0 is another council's, so not in the census but one of C1's previous plans.
        add("ssd_cp_plans", "cppl_cp_plan_id cppl_referral_id cppl_icpc_id cppl_person_id cppl_cp_plan_start_date cppl_cp_plan_end_date cppl_cp_plan_initial_category cppl_cp_plan_ola cppl_cp_plan_latest_category",
            ["P0", "", "", "C1", "2023-01-01", "2023-06-01", "Neglect", "Y", "Neglect"],
            ["P1", "E1", "I1", "C1", "2025-06-02", "", "Neglect", "N", "Multiple: Neglect, Emotional abuse"])
        // R3 has no date: it has not been held.
        add("ssd_cp_reviews", "cppr_cp_review_id cppr_person_id cppr_cp_plan_id cppr_cp_review_date",
            ["R1", "C1", "P1", "2025-08-26"], ["R2", "C1", "P1", "2026-04-15"], ["R3", "C1", "P1", ""])
        let folder = try ssd.write(to: try temporaryFolder())
        let spec = try loader.load(returnName: "cin", year: "2025-26")
        let data = try Validator(spec: spec).validate(RunInputs(files: [], named: [("ssd", folder.path)]), specs: loader).data
        let records = { (table: String) in data[table]?.records ?? [] }
        XCTAssertEqual(records("ChildIdentifiers"), [["C1", "NEWUPN", "OLDUPN", "", "2015-01-10", "", "U", ""]])
        XCTAssertEqual(records("ChildCharacteristics"), [["C1", ""]])
        XCTAssertEqual(records("Disabilities"), [["C1", "AUT"]])
        XCTAssertEqual(records("CINdetails"), [["C1", "2025-05-01", "1A", "", "", "", "2025-06-02", "0"]])
        XCTAssertEqual(records("Assessments"), [["C1", "2025-05-01", "2025-05-02", "", "2025-05-20"], ["C1", "2025-05-01", "2026-03-20", "", ""]])
        XCTAssertEqual(records("AssessmentFactors"), [["C1", "2025-05-01", "2025-05-02", "3B"]])
        XCTAssertEqual(records("Section47"), [["C1", "2025-05-01", "2025-05-20", "", "", "1"]])
        XCTAssertEqual(records("ChildProtectionPlans"), [["C1", "2025-05-01", "2025-06-02", "", "NEG", "MUL", "1"]])
        XCTAssertEqual(records("CPPreviews"), [["C1", "2025-05-01", "2025-06-02", "2025-08-26"]])
    }

    /// The same mistakes made in the generated census and in the SSD it was written to (a
    /// referral source the DfE does not know, a category of abuse the census has no code for)
    /// give the same findings, each naming the SSD record it came from and the child's team.
    func testAMistakeInTheSSDIsFoundInTheCensusWithItsSourceAndOwner() throws {
        let g = try generated()
        let spec = g.spec
        var cin = g.cin, ssd = g.ssd
        for n in [3, 40, 77] {
            cin.rows["CINdetails"]![n]["ReferralSource"] = "9Z"
            let child = cin.rows["CINdetails"]![n]["LAchildID"]
            let i = try XCTUnwrap(ssd.rows["ssd_cin_episodes"]!.firstIndex { $0["cine_person_id"] == child })
            ssd.rows["ssd_cin_episodes"]![i]["cine_referral_source_code"] = "9Z"
        }
        cin.rows["ChildProtectionPlans"]![0]["InitialCategoryOfAbuse"] = "Bullying"
        ssd.rows["ssd_cp_plans"]![0]["cppl_cp_plan_initial_category"] = "Bullying"

        let derived = try derive(spec, from: ssd)
        let expected = census(try validateDirectly(spec, cin).findings)
        XCTAssertEqual(census(derived.findings), expected)
        XCTAssertTrue(expected.contains { $0.hasPrefix("8866 ") } && expected.contains { $0.hasPrefix("8905 ") }, "\(expected)")

        let referral = try XCTUnwrap(derived.findings.first { $0.code == "8866" })
        let episode = try XCTUnwrap(ssd.rows["ssd_cin_episodes"]!.first { $0["cine_person_id"] == referral.child })
        XCTAssertEqual(referral.source, "ssd_cin_episodes cine_referral_id=\(episode["cine_referral_id"]!)")
        let plan = try XCTUnwrap(derived.findings.first { $0.code == "8905" })
        XCTAssertEqual(plan.source, "ssd_cp_plans cppl_cp_plan_id=\(ssd.rows["ssd_cp_plans"]![0]["cppl_cp_plan_id"]!)")

        // Every child with a census finding is owned by the team of their allocated worker.
        // (The 903's children's social worker episodes are involvements too, in another role.)
        let allocations = ssd.rows["ssd_involvements"]!.filter { $0["invo_professional_role_id"] == "Allocated Case Worker" }
        let teams = Dictionary(uniqueKeysWithValues: allocations.map { ($0["invo_person_id"]!, $0["invo_professional_team"]!) })
        let owners = try XCTUnwrap(derived.owners)
        XCTAssertEqual(owners.unmatched, [])
        XCTAssertEqual(owners.matched, owners.childrenWithFindings)
        for f in derived.findings where f.returnName == "cin" {
            XCTAssertEqual(f.team, teams[f.child], "\(f.code) \(f.child)")
            XCTAssertFalse(f.worker.isEmpty, "\(f.code) \(f.child)")
        }
    }
}
