import XCTest
@testable import StatReturnKit

/// Runs every example of every rule of every return and year in Specs/, as SwiftLint
/// runs each rule's triggering and non-triggering examples.
final class RuleExampleTests: XCTestCase {
    func testEveryExampleOfEveryRuleOfEveryYear() throws {
        let loader = SpecLoader(root: Package.specs)
        var years = 0, examples = 0
        for returnName in loader.returns {
            for year in loader.years(of: returnName) {
                let spec = try loader.load(returnName: returnName, year: year)
                years += 1
                for r in ExampleRunner(spec: spec).runAll() {
                    examples += 1
                    if let problem = r.problem {
                        XCTFail("\(returnName) \(year) rule \(r.code), \(r.outcome.rawValue) example '\(r.example)': \(problem)")
                    }
                }
                for rule in spec.rules {
                    XCTAssertTrue(rule.examples.contains { $0.outcome == .fail }, "\(rule.code) has no failing example")
                    XCTAssertTrue(rule.examples.contains { $0.outcome == .pass }, "\(rule.code) has no passing example")
                }
            }
        }
        XCTAssertGreaterThanOrEqual(years, 2)
        XCTAssertGreaterThan(examples, 0)
    }

    /// An example that does not behave as documented must be caught, or the test above proves nothing.
    func testAWrongExampleIsCaught() throws {
        var spec = try Package.spec("ssda903", "2026-27")
        var rule = try XCTUnwrap(spec.rule("501"))
        rule.examples = [RuleExample(outcome: .fail, name: "does not overlap", tables: [
            (name: "Episodes", csv: "CHILD,DECOM,DEC\n1,01/04/2025,10/05/2025\n1,10/05/2025,\n")], rows: nil, rowsTable: nil),
                         RuleExample(outcome: .pass, name: "overlaps", tables: [
            (name: "Episodes", csv: "CHILD,DECOM,DEC\n1,01/04/2025,10/05/2025\n1,09/05/2025,\n")], rows: nil, rowsTable: nil)]
        spec.rules = [rule]
        let results = ExampleRunner(spec: spec).run(rule)
        XCTAssertEqual(results.filter { $0.problem != nil }.count, 2)
    }

    /// The 2026-27 spec inherits 2025-26 and applies only its changes.
    func testLaterYearAppliesItsChanges() throws {
        let old = try Package.spec("ssda903", "2025-26")
        let new = try Package.spec("ssda903", "2026-27")
        XCTAssertNil(old.table("DoLo"))
        XCTAssertNotNil(new.table("DoLo"))
        XCTAssertTrue(new.codeLists["placement-type"]!.contains("Z11"))  // inherited from 2025-26
        XCTAssertEqual(new.period.start, SimpleDate(year: 2026, month: 4, day: 1))
        XCTAssertTrue(Set(old.rules.map(\.code)).isSubset(of: Set(new.rules.map(\.code))))
        XCTAssertEqual(new.codeLists["ethnicity"]?.codes.first, "WBRI")
    }
}
