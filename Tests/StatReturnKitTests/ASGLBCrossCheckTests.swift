import XCTest
@testable import StatReturnKit

/// The Q4 cross-check with the 903, given as `--input ssda903=PATH` (or the older
/// `--with-ssda903`): on a generated pair that agrees, each kind of disagreement put in is
/// reported under its own XR code, for that child only.
final class ASGLBCrossCheckTests: XCTestCase {
    func testTheOlderOptionIsTheGenericInput() {
        XCTAssertEqual(OptionAliases.rewrite(["validate", "asglb", "--year", "2026-27", "a.xlsx", "--with-ssda903", "903/"], specs: Package.specs),
                       ["validate", "asglb", "--year", "2026-27", "a.xlsx", "--input", "ssda903=903/"])
    }

    /// The generated pair (the 903 written once, for every case of the class).
    nonisolated(unsafe) static let pair: Result<(asglb: SyntheticReturn, the903: String), Error> = Result {
        let asglb = try SyntheticCouncil.generate(try LoadedSpecs.shared.spec("asglb", "2026-27"), specs: Package.specs,
                                                  children: 400, seed: 11, errorRate: 0)
        let the903 = try SyntheticCouncil.generate(try LoadedSpecs.shared.spec("ssda903", "2026-27"), specs: Package.specs,
                                                   children: 400, seed: 11, errorRate: 0)
        return (asglb, try the903.write(to: try temporaryFolder()).path)
    }

    /// The generated pair, with the ASGLB's rows changed by `change`; the findings by code and child.
    func findings(_ change: (inout [String: [[String: String]]]) throws -> Void) throws -> [String] {
        var (asglb, the903) = try Self.pair.get()
        try change(&asglb.rows)
        let result = try validateRun("asglb", "2026-27", files: [try asglb.write(to: try temporaryFolder()).path],
                                     inputs: [("ssda903", the903)], parameters: ["quarter": "Q4"])
        return result.findings.map { "\($0.code) \($0.child)" }.sorted()
    }

    /// The first child's row (by its index) for which `when` holds.
    func first(_ rows: [[String: String]], _ when: ([String: String]) -> Bool) throws -> Int {
        try XCTUnwrap(rows.firstIndex(where: when), "a generated child of that kind")
    }

    func testAChildInThe903AndNotInTheReturnIsReportedByWhatThe903Shows() throws {
        var child = ""
        let found = try findings { rows in
            let i = try first(rows["Adoptions"]!) { $0["permanence_order_type"] == "ADO" && $0["placed_date"].flatMap(SimpleDate.init(dmy:))! > SimpleDate(iso: "2026-04-01")! }
            child = rows["Adoptions"]!.remove(at: i)["child_id"]!
        }
        XCTAssertEqual(found, ["XR01 \(child)", "XR02 \(child)", "XR03 \(child)"], "adopted, placed and decided in the 903")
        var waiting = ""
        let found2 = try findings { rows in
            let i = try first(rows["Adoptions"]!) { $0["placed_date"] == nil }
            waiting = rows["Adoptions"]!.remove(at: i)["child_id"]!
        }
        XCTAssertEqual(found2, ["XR03 \(waiting)"], "a decision only")
    }

    func testEachDateOrItemThatDisagreesIsItsOwnCode() throws {
        let year = SimpleDate(iso: "2026-04-01")!
        func later(_ v: String?) -> String { SimpleDate(dmy: v!)!.adding(days: 1).dmy }
        func inYear(_ v: String?) -> Bool { v.flatMap(SimpleDate.init(dmy:)).map { $0 > year } ?? false }
        let cases: [(code: String, field: String, when: ([String: String]) -> Bool, value: ([String: String]) -> String)] = [
            ("XR04", "adm_decision_date", { _ in true }, { later($0["adm_decision_date"]) }),
            ("XR05", "matched_date", { $0["permanence_order_type"] == "ADO" }, { later($0["matched_date"]) }),
            ("XR06", "placement_order_date", { inYear($0["entered_care_date"]) }, { later($0["placement_order_date"]) }),
            ("XR07", "permanence_order_date", { $0["permanence_order_type"] == "ADO" }, { later($0["permanence_order_date"]) }),
            ("XR08", "placed_date", { inYear($0["placed_date"]) && inYear($0["entered_care_date"]) }, { later($0["placed_date"]) }),
            ("XR11", "date_of_birth", { _ in true }, { later($0["date_of_birth"]) }),
            ("XR13", "entered_care_date", { inYear($0["entered_care_date"]) }, { later($0["entered_care_date"]) }),
            ("XR15", "foster_carer_placed_date", { $0["permanence_order_type"] == "ADO" }, { $0["placed_date"]! }),
            ("XR16", "sex", { _ in true }, { $0["sex"] == "M" ? "F" : "M" }),
            ("XR17", "ethnicity", { $0["ethnicity"] != "WOTH" }, { _ in "WOTH" }),
        ]
        for c in cases {
            var child = ""
            let found = try findings { rows in
                let i = try first(rows["Adoptions"]!, c.when)
                rows["Adoptions"]![i][c.field] = c.value(rows["Adoptions"]![i])
                child = rows["Adoptions"]![i]["child_id"]!
            }
            XCTAssertEqual(found, ["\(c.code) \(child)"], "\(c.field) changed")
        }
    }

    func testAnSGOCountThatDisagreesIsReported() throws {
        let found = try findings { rows in
            let i = try first(rows["SGOs"]!) { $0["measure"] == "SG1" && $0["quarter"] == "Q3" }
            rows["SGOs"]![i]["count"] = String(Int(rows["SGOs"]![i]["count"]!)! + 1)
        }
        XCTAssertEqual(found, ["XR09 "])
    }
}
