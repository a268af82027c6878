import XCTest
@testable import StatReturnKit

/// Keeps the generator and the validator honest with each other.
final class GeneratorTests: XCTestCase {
    private func council(_ children: Int, seed: UInt64, rate: Double) throws -> (SyntheticReturn, ValidationResult) {
        let spec = try Package.spec("ssda903", "2026-27")
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
        let (c, r) = try council(1500, seed: 21, rate: 0)
        XCTAssertEqual(c.injected, [])
        XCTAssertEqual(r.errorCount, 0, "\(RuleSummary.of(r.findings).map { "\($0.code) x\($0.findings)" })")
        XCTAssertEqual(r.failed, [])
        for table in ["Header", "Episodes", "Reviews", "Missing", "OC2", "AD1", "PlacedAdoption", "SWEpisodes", "UASC"] {
            XCTAssertGreaterThan(r.data[table]?.count ?? 0, 0, "\(table) is generated")
        }
    }

    /// Every injected error is reported under its code, for the child it was put into,
    /// and every kind of injection is exercised.
    func testEveryInjectedErrorIsCaught() throws {
        let (c, r) = try council(1500, seed: 22, rate: 0.3)
        let found = Set(r.findings.map { "\($0.code) \($0.child)" })
        for i in c.injected {
            XCTAssertTrue(found.contains("\(i.code) \(i.child)"), "injected \(i.code) into \(i.table).\(i.field) of \(i.child) was not reported")
        }
        let kinds = try ErrorInjector.kinds(for: c.spec, specs: Package.specs).map(\.code)
        XCTAssertEqual(Set(c.injected.map(\.code)), Set(kinds), "every kind is injected at least once")
    }
}
