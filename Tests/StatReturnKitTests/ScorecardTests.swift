import Foundation
import XCTest
@testable import StatReturnKit

/// Every scorecard's examples, for every year folder: each measure's figure from its cohort
/// rows, and each source's cohort from its tables.
final class ScorecardExampleTests: XCTestCase {
    func testEveryScorecardExample() throws {
        let specs = SpecLoader(root: Package.specs)
        let loader = ScorecardLoader(specs: specs)
        XCTAssertFalse(loader.names.isEmpty)
        for name in loader.names {
            for year in loader.years(of: name) {
                let spec = try loader.load(name: name, year: year)
                let results = ScorecardExamples(spec: spec, specs: specs).runAll()
                XCTAssertEqual(results.count, spec.sources.map(\.examples.count).reduce(0, +) + spec.measures.map(\.examples.count).reduce(0, +))
                for r in results where r.problem != nil {
                    XCTFail("\(name) \(year) \(r.subject) example '\(r.example)': \(r.problem!)")
                }
            }
        }
    }
}

extension ScorecardExampleTests {
    /// An example that does not behave as documented must be caught, or the test proves nothing.
    func testAWrongExampleIsCaught() throws {
        let specs = SpecLoader(root: Package.specs)
        var spec = try ScorecardLoader(specs: specs).load(name: "adoption", year: "2026-27")
        spec.measures[0].examples[0].figure! += 1
        let i = try XCTUnwrap(spec.sources[0].examples[0].tables.firstIndex { $0.name == "Adopted" })
        spec.sources[0].examples[0].tables[i].csv = spec.sources[0].examples[0].tables[i].csv.replacingOccurrences(of: "10/01/2026", with: "11/01/2026")
        let problems = ScorecardExamples(spec: spec, specs: specs).runAll().filter { $0.problem != nil }
        XCTAssertEqual(problems.map(\.subject), ["source ssda903", "measure A1"], "\(problems)")
        XCTAssertTrue(problems[0].problem!.contains("C1,2026-27,2026-06-30,2025-05-01,2025-09-01,2025-12-01,2026-01-10,0,"), problems[0].problem!)
    }
}
