import XCTest
@testable import StatReturnKit

/// `generate asglb` tells the adoption stories of the 903 generated with the same seed: the same
/// children with the same dates, so the pair passes every check and the Q4 cross-check; its
/// errors (`--error-rate`) are caught under their codes, for the children given them.
final class ASGLBGeneratorTests: XCTestCase {
    /// The ASGLB and the 903 for one seed, written to a folder: (asglb folder, 903 folder, the ASGLB).
    static func pair(children: Int, seed: UInt64, errorRate: Double = 0) throws -> (String, String, SyntheticReturn) {
        let folder = try temporaryFolder()
        let asglb = try SyntheticCouncil.generate(try LoadedSpecs.shared.spec("asglb", "2026-27"), specs: Package.specs,
                                                  children: children, seed: seed, errorRate: errorRate)
        let the903 = try SyntheticCouncil.generate(try LoadedSpecs.shared.spec("ssda903", "2026-27"), specs: Package.specs,
                                                   children: children, seed: seed, errorRate: 0)
        return (try asglb.write(to: folder).path, try the903.write(to: folder).path, asglb)
    }

    func testAGeneratedPairPassesEveryCheckAndTheQ4CrossCheck() throws {
        let (asglb, the903, generated) = try Self.pair(children: 400, seed: 11)
        XCTAssertGreaterThan(generated.rows["Adoptions"]?.count ?? 0, 15)
        XCTAssertGreaterThan(generated.rows["AdoptiveFamilies"]?.count ?? 0, 15)
        let result = try validateRun("asglb", "2026-27", files: [asglb], inputs: [("ssda903", the903)], parameters: ["quarter": "Q4"])
        XCTAssertEqual(result.findings.map { "\($0.code) \($0.child)" }, [])
        XCTAssertEqual(result.notRun.map(\.code), [], "every check ran, the cross-check too")
    }

    func testTheChildrenAndTheirDatesAreThe903s() throws {
        let spec = try LoadedSpecs.shared.spec("ssda903", "2026-27")
        let the903 = try SyntheticCouncil.generate(spec, specs: Package.specs, children: 400, seed: 11, errorRate: 0)
        let asglb = try SyntheticCouncil.generate(try LoadedSpecs.shared.spec("asglb", "2026-27"), specs: Package.specs,
                                                  children: 400, seed: 11, errorRate: 0)
        let rows = Dictionary(uniqueKeysWithValues: (asglb.rows["Adoptions"] ?? []).map { ($0["child_id"]!, $0) })
        let decided = the903.rows["PlacedAdoption"] ?? []
        XCTAssertEqual(Set(rows.keys), Set(decided.map { $0["CHILD"]! }), "the children with a decision to place for adoption")
        for d in decided { XCTAssertEqual(rows[d["CHILD"]!]?["adm_decision_date"], d["DATE_PLACED"]) }
        let adopted = the903.rows["AD1"] ?? []
        XCTAssertFalse(adopted.isEmpty)
        for a in adopted { XCTAssertEqual(rows[a["CHILD"]!]?["matched_date"], a["DATE_MATCH"]) }
        for e in the903.rows["Episodes"] ?? [] where e["REC"] == "E11" {
            XCTAssertEqual(rows[e["CHILD"]!]?["permanence_order_date"], e["DEC"])
            XCTAssertEqual(rows[e["CHILD"]!]?["permanence_order_type"], "ADO")
        }
        for e in the903.rows["Episodes"] ?? [] where e["PLACE"] == "A6" && e["RNE"] == "P" {
            XCTAssertEqual(rows[e["CHILD"]!]?["placed_date"], e["DECOM"])
        }
        for h in the903.rows["Header"] ?? [] where rows[h["CHILD"]!] != nil {
            XCTAssertEqual(rows[h["CHILD"]!]?["date_of_birth"], h["DOB"])
        }
    }

    func testTheSameSeedGivesTheSameReturn() throws {
        let spec = try LoadedSpecs.shared.spec("asglb", "2026-27")
        let a = try SyntheticCouncil.generate(spec, specs: Package.specs, children: 200, seed: 4, errorRate: 0.3)
        let b = try SyntheticCouncil.generate(spec, specs: Package.specs, children: 200, seed: 4, errorRate: 0.3)
        XCTAssertEqual(a.rows, b.rows)
        XCTAssertEqual(a.injected, b.injected)
    }

    func testEachInjectedErrorIsCaughtUnderItsCodeForItsChild() throws {
        let (asglb, _, generated) = try Self.pair(children: 2000, seed: 5, errorRate: 0.5)
        let injected = Set(generated.injected.map { "\($0.code) \($0.child)" })
        let kinds = try ErrorInjector.kinds(for: generated.spec, specs: Package.specs)
        XCTAssertEqual(Set(generated.injected.map(\.code)), Set(kinds.map(\.code)), "every kind of inject.yml put in")
        let result = try validateRun("asglb", "2026-27", files: [asglb], parameters: ["quarter": "Q4"])
        let found = Set(result.findings.map { "\($0.code) \($0.child)" })
        XCTAssertEqual(injected.subtracting(found), [], "each error caught under its code")
        XCTAssertEqual(Set(result.findings.map(\.child)).subtracting(generated.injected.map(\.child)), [],
                       "findings only for the children given an error")
    }
}
