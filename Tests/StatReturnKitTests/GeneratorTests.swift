import XCTest
@testable import StatReturnKit

/// Keeps the generator and the validator honest with each other.
final class GeneratorTests: XCTestCase {
    private static let tables = [
        "ssda903": ["Header", "Episodes", "Reviews", "Missing", "OC2", "OC3", "AD1", "PlacedAdoption", "PrevPerm", "SWEpisodes", "UASC", "DoLo"],
        "cin": ["Header", "ChildIdentifiers", "ChildCharacteristics", "Disabilities", "CINdetails", "Assessments",
                "AssessmentFactors", "CINPlanDates", "Section47", "ChildProtectionPlans", "CPPreviews"],
    ]

    private func council(_ ret: String = "ssda903", _ children: Int, seed: UInt64, rate: Double,
                         year: String = "2026-27") throws -> (SyntheticReturn, ValidationResult) {
        let spec = try Package.spec(ret, year)
        let c = try SyntheticCouncil.generate(spec, specs: Package.specs, children: children, seed: seed, errorRate: rate)
        let folder = try c.write(to: try temporaryFolder())
        return (c, try Validator(spec: spec).validate(try InputFile.collect(paths: [folder.path])))
    }

    func testTheSameSeedGivesTheSameCouncil() throws {
        let spec = try Package.spec("ssda903", "2026-27")
        let a = try SyntheticCouncil.generate(spec, specs: Package.specs, children: 300, seed: 9, errorRate: 0.1)
        let b = try SyntheticCouncil.generate(spec, specs: Package.specs, children: 300, seed: 9, errorRate: 0.1)
        let c = try SyntheticCouncil.generate(spec, specs: Package.specs, children: 300, seed: 10, errorRate: 0.1)
        XCTAssertEqual(a.rows, b.rows)
        XCTAssertEqual(a.injected, b.injected)
        XCTAssertNotEqual(a.rows, c.rows)
    }

    func testACleanCouncilHasNoErrorsAndCoversTheTables() throws {
        for (ret, year) in [("ssda903", "2026-27"), ("cin", "2025-26"), ("cin", "2026-27")] {
            let (c, r) = try council(ret, 1500, seed: 21, rate: 0, year: year)
            XCTAssertEqual(c.injected, [])
            XCTAssertEqual(r.errorCount, 0, "\(ret) \(year): \(RuleSummary.of(r.findings).map { "\($0.code) x\($0.findings)" })")
            XCTAssertEqual(r.failed, [])
            for table in Self.tables[ret]! {
                XCTAssertGreaterThan(r.data[table]?.count ?? 0, 0, "\(ret): \(table) is generated")
            }
        }
    }

    /// Every injected error is reported under its code, for the child it was put into,
    /// and every kind of injection is exercised.
    func testEveryInjectedErrorIsCaught() throws {
        for ret in ["ssda903", "cin"] {
            let (c, r) = try council(ret, 1500, seed: 22, rate: 0.3)
            let found = Set(r.findings.map { "\($0.code) \($0.child)" })
            for i in c.injected {
                XCTAssertTrue(found.contains("\(i.code) \(i.child)"), "\(ret): injected \(i.code) into \(i.table).\(i.field) of \(i.child) was not reported")
            }
            let kinds = try ErrorInjector.kinds(for: c.spec, specs: Package.specs).map(\.code)
            XCTAssertEqual(Set(c.injected.map(\.code)), Set(kinds), "\(ret): every kind is injected at least once")
        }
    }

    /// Errors put into a synthetic SSD are caught in the extract under their codes, and the
    /// returns made from it report errors only for the children that were given one.
    func testEveryErrorInjectedIntoAnSSDIsCaughtAndTheReturnsErrOnlyWhereItWasPut() throws {
        let loader = SpecLoader(root: Package.specs)
        let ssd = try XCTUnwrap(try SyntheticCouncil.dataset("ssd", year: "2025-26", loader: loader, children: 400, seed: 23, errorRate: 0.3))
        let folder = try ssd.write(to: try temporaryFolder())
        XCTAssertEqual(Set(ssd.injected.map { "\($0.code) \($0.table).\($0.field)" }).count,
                       try ErrorInjector.kinds(for: ssd.spec, specs: Package.specs).count, "every kind is injected at least once")
        let injected = Set(ssd.injected.map(\.child))
        for ret in ["ssda903", "cin"] {
            var v = Validator(spec: try Package.spec(ret, "2025-26"))
            v.parameters = ["extract_date": "2026-06-30"]
            let r = try v.validate(RunInputs(files: [], named: [("ssd", folder.path)], parameters: ["extract_date": "2026-06-30"]), specs: loader)
            let found = Set(r.findings.filter { $0.returnName == "ssd" }.map { "\($0.code) \($0.child)" })
            for i in ssd.injected where !(ret == "ssda903" && i.table.hasPrefix("ssd_cin")) && !(ret == "cin" && i.table.hasPrefix("ssd_cla")) {
                // A blank referral ID names no person in the record (SSD01 has the row); the others name the child.
                XCTAssertTrue(i.field == "cine_referral_id" || found.contains("\(i.code) \(i.child)"), "\(ret): \(i.code) in \(i.table).\(i.field) of \(i.child) not reported")
            }
            let erring = Set(r.findings.filter { $0.returnName == ret && $0.severity == .error && !$0.child.isEmpty }.map(\.child))
            XCTAssertFalse(erring.isEmpty, "\(ret): the injected errors reach the return")
            XCTAssertEqual(erring.subtracting(injected), [], "\(ret): errors only for children given one")
        }
    }

    /// A clean synthetic SSD passes its own checks and has the casework Ofsted's lists read.
    func testACleanSSDPassesItsOwnChecksAndHasItsCasework() throws {
        let ssd = try XCTUnwrap(try SyntheticCouncil.dataset("ssd", year: "2025-26", loader: SpecLoader(root: Package.specs),
                                                             children: 300, seed: 24, errorRate: 0))
        for table in ["ssd_contacts", "ssd_early_help_episodes", "ssd_cin_visits", "ssd_cp_visits", "ssd_cla_visits", "ssd_involvements"] {
            XCTAssertGreaterThan(ssd.rows[table]?.count ?? 0, 0, "\(table) is generated")
        }
        var v = Validator(spec: ssd.spec)
        v.parameters = ["extract_date": "2026-06-30"]
        let r = try v.validate(try InputFile.collect(paths: [try ssd.write(to: try temporaryFolder()).path]))
        XCTAssertEqual(r.errorCount, 0, "\(RuleSummary.of(r.findings).map { "\($0.code) x\($0.findings)" })")
        XCTAssertEqual(r.failed, [])
    }
}
