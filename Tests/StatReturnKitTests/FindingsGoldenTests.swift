import XCTest
@testable import StatReturnKit

/// The findings on fixed synthetic councils, as a file: work that makes the rules or the
/// loading faster must leave every finding as it was. When a rule's meaning changes on
/// purpose, `STATRETURN_REGENERATE=1 swift test --filter FindingsGoldenTests` rewrites the
/// files, and the diff shows what changed.
final class FindingsGoldenTests: XCTestCase {
    private static let folder = Package.root.appendingPathComponent("Tests/Fixtures/golden")

    private func check(_ ret: String, _ year: String, previous: String?, children: Int, seed: UInt64, errorRate: Double) throws {
        let spec = try Package.spec(ret, year)
        let out = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        func council(_ spec: ReturnSpec, _ name: String) throws -> URL {
            let c = try SyntheticCouncil.generate(spec, specs: Package.specs, children: children, seed: seed, errorRate: errorRate)
            return try c.write(to: out.appendingPathComponent(name))
        }
        var files = try InputFile.collect(paths: [try council(spec, "this").path])
        if let previous {
            files += try InputFile.collect(paths: [try council(try Package.spec(ret, previous), "last").path], previousYear: true)
        }
        let result = try Validator(spec: spec).validate(files)
        XCTAssertGreaterThan(result.findings.count, 50, "the council should have findings to compare")
        let text = FindingsCSV.render(result.findings).replacingOccurrences(of: out.path + "/", with: "")
        let golden = Self.folder.appendingPathComponent("\(ret)-\(year).csv")
        if ProcessInfo.processInfo.environment["STATRETURN_REGENERATE"] != nil {
            try text.write(to: golden, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        guard text != expected else { return }
        let got = text.split(separator: "\n"), want = expected.split(separator: "\n")
        let first = zip(got, want).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(got.count, want.count)
        XCTFail("\(ret) \(year): findings differ from \(golden.lastPathComponent) (\(got.count) lines, expected \(want.count)); first difference at line \(first + 1):\n got:  \(first < got.count ? String(got[first]) : "(none)")\n want: \(first < want.count ? String(want[first]) : "(none)")")
    }

    func testTheLookedAfterChildrenCouncilGivesTheSameFindings() throws {
        try check("ssda903", "2026-27", previous: "2025-26", children: 250, seed: 5, errorRate: 0.05)
    }

    func testTheChildrenInNeedCouncilGivesTheSameFindings() throws {
        try check("cin", "2025-26", previous: nil, children: 250, seed: 5, errorRate: 0.3)
    }
}
