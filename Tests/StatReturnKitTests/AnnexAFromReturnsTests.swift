import XCTest
@testable import StatReturnKit

/// Annex A made from the returns a council sends the DfE (Specs/annex-a/2025/from-returns.yml):
/// the CIN census and SSDA903 read for the inspection date's collection year, checked as
/// themselves, and Lists 3 to 10 made from them; and a council's own lists checked against the
/// returns (the XA rules).
final class AnnexAFromReturnsTests: XCTestCase {
    private static let loader = SpecLoader(root: Package.specs)
    /// Inside the 2025-26 collection year the synthetic council's returns are made for.
    private static let inspection = "2026-01-31"

    /// A synthetic council's SSD extract and the CIN census (XML) and SSDA903 (CSV tables) made
    /// from it by their own from-ssd.yml, written once for all the tests.
    private struct Council: Sendable { var ssd: URL; var cin: URL; var ssda903: URL }

    private static let council = Result<Council, any Error> {
        let folder = try temporaryFolder()
        let ssd = try XCTUnwrap(try SyntheticCouncil.dataset("ssd", year: "2025-26", loader: loader, children: 100, seed: 5, errorRate: 0))
            .write(to: folder.appendingPathComponent("ssd"))
        // Each return's tables as its from-ssd.yml makes them (their rules are other tests' business).
        func made(_ name: String) throws -> (ReturnSpec, ValidationResult) {
            let spec = try loader.load(returnName: name, year: "2025-26")
            let feeds = try SourceRoute(spec: spec, source: "ssd", loader: loader).derive(from: ssd.path, parameters: [:]).feeds
            return (spec, try Validator(spec: spec).validate([], feeds: feeds, only: []))
        }
        let (cinSpec, cin) = try made("cin")
        let cinFile = folder.appendingPathComponent("cin.xml")
        try XMLExporter.render(cin, spec: cinSpec, returnLevel: try HeaderValues.fill(cinSpec, parameters: ["lea": "999"], serial: "001"))
            .xml.write(to: cinFile)
        let (spec903, ssda903) = try made("ssda903")
        let folder903 = folder.appendingPathComponent("903")
        _ = try CSVExporter.write(ssda903, spec: spec903, to: try OutputTarget(path: folder903.path, inputs: []), draft: false)
        return Council(ssd: ssd, cin: cinFile, ssda903: folder903)
    }

    private static let spec = Result<ReturnSpec, any Error> { try loader.load(returnName: "annex-a", year: "2025") }
    private func annexA() throws -> ReturnSpec { try Self.spec.get() }

    /// The lists made from what is named (`ssd`, or `cin` and `ssda903`), checked.
    private func lists(_ named: [(String, String)], parameters: [String: String] = ["inspection_date": inspection]) throws -> ValidationResult {
        let spec = try annexA()
        let run = RunInputs(files: [], named: named, parameters: parameters)
        var validator = Validator(spec: spec)
        validator.parameters = try run.checkedParameters(for: spec)
        return try validator.validate(run, specs: Self.loader)
    }

    private func fromReturns(parameters: [String: String] = ["inspection_date": inspection]) throws -> ValidationResult {
        let c = try Self.council.get()
        return try lists([("cin", c.cin.path), ("ssda903", c.ssda903.path)], parameters: parameters)
    }

    /// A table's rows as a multiset.
    private func counted(_ rows: [[String]]) -> [[String]: Int] { rows.reduce(into: [:]) { $0[$1, default: 0] += 1 } }

    // MARK: - Agreement with the lists made from the SSD

    /// Columns both routes fill, but with different things: not compared.
    private static let different = [
        "List8": ["allocated_worker": "from the SSD the allocated case worker by name; from the 903 the social worker by Social Work England number"],
    ]
    /// Columns the 903 fills from facts the synthetic SSD does not record (its permanence records
    /// hold no placement order, and the placement for adoption only for children adopted):
    /// compared only where the SSD's list has a value.
    private static let onlyTheReturnsHold = [
        "List10": ["placement_order_date", "placed_for_adoption_date", "placed_ffa_date"],
    ]

    /// Lists 3 to 10 made from an SSD and from the census and 903 made from that SSD hold the same
    /// records (by each list's key) with the same values in every column both fill. The synthetic
    /// SSD holds one year's story, so here even the 12-month counts agree; with real data those
    /// count only what the year's returns hold (from-returns.yml's `partial`).
    func testListsFromTheSSDAndFromItsReturnsAgreeOnWhatBothFill() throws {
        let c = try Self.council.get()
        let spec = try annexA()
        let ssd = try lists([("ssd", c.ssd.path)]), returns = try fromReturns()
        let bySSD = try XCTUnwrap(spec.sources["ssd"]), byReturns = try XCTUnwrap(spec.sources["returns"])
        for n in 3...10 {
            let name = "List\(n)"
            let table = try XCTUnwrap(spec.table(name))
            let blank = Set([bySSD, byReturns].flatMap { m in m.tables.first { $0.table == name }?.unavailable?.keys.map { $0 } ?? [] })
                .union(Self.different[name]?.keys.map { $0 } ?? [])
            let key = table.key.map { k in table.fields.firstIndex { $0.name == k }! }
            func byKey(_ r: ValidationResult) -> [[String]: [String]] {
                Dictionary((r.data[name]?.records ?? []).map { row in (key.map { row[$0] }, row) }, uniquingKeysWith: { a, _ in a })
            }
            let (a, b) = (byKey(ssd), byKey(returns))
            XCTAssertEqual(a.count, ssd.data[name]?.count, "\(name): one row per key")
            XCTAssertGreaterThan(a.count, 3, "\(name) has rows to compare")
            XCTAssertEqual(Set(a.keys), Set(b.keys), "\(name): the same records")
            var compared = 0
            for (k, row) in a {
                guard let other = b[k] else { continue }
                for (i, f) in table.fields.enumerated() where !blank.contains(f.name) {
                    if Self.onlyTheReturnsHold[name]?.contains(f.name) == true && row[i].isEmpty { continue }
                    XCTAssertEqual(other[i], row[i], "\(name) \(k) \(f.name)")
                    compared += 1
                }
            }
            XCTAssertGreaterThan(compared, a.count * 5, "\(name): values compared")
        }
    }
}
