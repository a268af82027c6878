import Foundation
import XCTest
@testable import StatReturnKit

/// Every rule's examples are a test of their own, as SwiftLint gives each rule its own test:
/// RuleTests.generated.swift has one method per return, year and rule (e.g.
/// `test_ssda903_2026_27_501`), so one failing rule is re-run by name with
/// `swift test --filter test_ssda903_2026_27_501`. XCTest on Linux cannot make test
/// cases at run time, hence the generated file; the test below keeps it in step with Specs/.
final class RuleExampleTests: XCTestCase {
    static let generatedFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("RuleTests.generated.swift")

    /// Tests per generated class: SwiftPM's test discovery lists each class's tests in one
    /// untyped array literal, whose type-checking grows steeply with its length (872 in one
    /// class took 97 s to compile; 80 take a fraction of a second).
    static let testsPerClass = 80

    /// The generated file as it must be for the rules in Specs/.
    static func generatedSource() throws -> String {
        let loader = SpecLoader(root: Package.specs)
        var classes: [String] = []
        for returnName in loader.returns {
            for year in loader.years(of: returnName) {
                // A return `annex-a`, a year `2026-27` or a version `1.0` as part of a Swift name.
                let id = String("\(returnName)_\(year)".map { $0.isLetter || $0.isNumber ? $0 : "_" })
                let methods = try loader.load(returnName: returnName, year: year).rules.map { rule in
                    "    func test_\(id)_\(rule.code)() { checkRule(\"\(returnName)\", \"\(year)\", \"\(rule.code)\") }\n"
                }
                for (part, start) in stride(from: 0, to: methods.count, by: testsPerClass).enumerated() {
                    classes.append("final class RuleTests_\(id)_part\(part + 1): RuleTestCase {\n"
                                   + methods[start..<min(start + testsPerClass, methods.count)].joined() + "}\n")
                }
            }
        }
        return """
            // Generated from Specs/ by RuleExampleTests.generatedSource(); do not edit.
            // After adding, renaming or retiring a rule: make rule-tests


            """ + classes.joined(separator: "\n")
    }

    func testGeneratedRuleTestsAreCurrent() throws {
        let expected = try Self.generatedSource()
        if ProcessInfo.processInfo.environment["STATRETURN_REGENERATE"] == "1" {
            try expected.write(to: Self.generatedFile, atomically: true, encoding: .utf8)
        }
        let actual = try String(contentsOf: Self.generatedFile, encoding: .utf8)
        XCTAssertTrue(actual == expected, "\(Self.generatedFile.lastPathComponent) is out of date with Specs/: run `make rule-tests` and commit it")
    }

    /// An example that does not behave as documented must be caught, or the tests prove nothing.
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

    /// A rule's examples with its SQL replaced; the problems found, by variant.
    private func problems(_ code: String, sql: String) throws -> [ExampleRunner.Variant: Int] {
        var spec = try Package.spec("ssda903", "2026-27")
        let i = try XCTUnwrap(spec.rules.firstIndex { $0.code == code })
        spec.rules[i].check = .sql(sql)
        let results = ExampleRunner(spec: spec).run(spec.rules[i])
        return Dictionary(grouping: results.filter { $0.problem != nil }, by: \.variant).mapValues(\.count)
    }

    /// A rule that reports a record by its position, not its content, is caught by the shuffle.
    func testARuleThatDependsOnRowOrderIsCaught() throws {
        let asWritten = """
            SELECT e._row FROM Episodes e JOIN Episodes p ON p.CHILD = e.CHILD AND p._row = e._row - 1
            WHERE e.DECOM < p.DEC
            """
        let found = try problems("501", sql: asWritten)
        XCTAssertNil(found[.asWritten], "the examples are in date order, so the rule passes them as written")
        XCTAssertGreaterThan(found[.shuffled] ?? 0, 0)
    }

    /// A rule that reports a child only when it is alone in the return is caught by the clean child.
    func testARuleThatDependsOnBeingAloneIsCaught() throws {
        let onlyAlone = """
            SELECT e._row FROM Episodes e
            WHERE (SELECT count(DISTINCT CHILD) FROM Episodes) = 1
              AND EXISTS (SELECT 1 FROM Episodes o WHERE o.CHILD = e.CHILD AND o._row <> e._row
                          AND o.DECOM < e.DECOM AND e.DECOM < o.DEC)
            """
        let found = try problems("501", sql: onlyAlone)
        XCTAssertNil(found[.asWritten], "the failing examples have one child")
        XCTAssertGreaterThan(found[.cleanChild] ?? 0, 0)
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

/// The base of the generated RuleTests: runs one rule's examples, as written and varied.
class RuleTestCase: XCTestCase {
    /// Each return and year is loaded once for all its rules' tests.
    private final class Specs: @unchecked Sendable {
        private var loaded: [String: ReturnSpec] = [:]
        private let lock = NSLock()
        func spec(_ name: String, _ year: String) throws -> ReturnSpec {
            lock.lock(); defer { lock.unlock() }
            if let s = loaded["\(name) \(year)"] { return s }
            let s = try Package.spec(name, year)
            loaded["\(name) \(year)"] = s
            return s
        }
    }
    private static let specs = Specs()

    func checkRule(_ returnName: String, _ year: String, _ code: String, file: StaticString = #filePath, line: UInt = #line) {
        do {
            let spec = try Self.specs.spec(returnName, year)
            guard let rule = spec.rules.first(where: { $0.code == code }) else {
                return XCTFail("\(returnName) \(year) has no rule \(code): run `make rule-tests`", file: file, line: line)
            }
            for r in ExampleRunner(spec: spec).run(rule) {
                if let problem = r.problem {
                    XCTFail("\(returnName) \(year) rule \(code), \(r.outcome.rawValue) example '\(r.example)' \(r.variant.rawValue): \(problem)",
                            file: file, line: line)
                }
            }
        } catch {
            XCTFail("\(returnName) \(year): \(error)", file: file, line: line)
        }
    }
}
