import XCTest
@testable import StatReturnKit

final class ExportTests: XCTestCase {
    private let sample = Package.samples.appendingPathComponent("ssda903/2026-27")

    private func exportDraft(_ inputs: [String], to out: URL) throws -> ValidationResult {
        let spec = try Package.spec("ssda903", "2026-27")
        var v = Validator(spec: spec)
        v.fix = true
        let result = try v.validate(try InputFile.collect(paths: inputs))
        try CSVExporter.write(result, spec: spec, to: OutputTarget(path: out.path, inputs: []), draft: true)
        return result
    }

    private func records(_ url: URL) throws -> [[String]] {
        var rows: [[String]] = []
        try CSVReader(data: try Data(contentsOf: url)).forEachRecord { rows.append($0.cells) }
        return rows
    }

    /// Export gives back the input, cell for cell, except exactly the listed fixes; and
    /// exporting the export changes nothing.
    func testRoundTripReproducesTheCleanedInput() throws {
        let first = try temporaryFolder(), second = try temporaryFolder()
        let result = try exportDraft([sample.path], to: first)
        let fixed = Dictionary(uniqueKeysWithValues: result.fixes.map { ("\(($0.file as NSString).lastPathComponent) \($0.row) \($0.field)", $0.after) })
        XCTAssertEqual(fixed.count, 1, "the sample has one value --fix normalises: SEX 1 for child C1005")

        for name in ["header", "episodes", "reviews"] {
            let input = try records(sample.appendingPathComponent("\(name).csv"))
            let output = try records(first.appendingPathComponent("\(name)-DRAFT.csv"))
            XCTAssertEqual(input.count, output.count, name)
            XCTAssertEqual(input.first, output.first, "\(name): columns in the DfE's order")
            for (i, (a, b)) in zip(input, output).enumerated().dropFirst() {
                for (j, column) in input[0].enumerated() {
                    let expected = fixed["\(name).csv \(i) \(column)"] ?? a[j]
                    XCTAssertEqual(b[j], expected, "\(name) row \(i) \(column)")
                }
            }
        }
        let again = try exportDraft([first.path], to: second)
        XCTAssertEqual(again.fixes, [])
        for name in ["header", "episodes", "reviews"] {
            XCTAssertEqual(try Data(contentsOf: first.appendingPathComponent("\(name)-DRAFT.csv")),
                           try Data(contentsOf: second.appendingPathComponent("\(name)-DRAFT.csv")))
        }
        XCTAssertEqual(Set(again.findings.map(\.code)), Set(result.findings.map(\.code)))
    }

    func testRefusesWhileErrorsRemain() throws {
        let spec = try Package.spec("ssda903", "2026-27")
        let result = try Validator(spec: spec).validate(try InputFile.collect(paths: [sample.path]))
        XCTAssertThrowsError(try CSVExporter.write(result, spec: spec, to: OutputTarget(path: try temporaryFolder().path, inputs: []), draft: false)) { error in
            XCTAssertEqual((error as? ExportRefused)?.errors, result.errorCount)
        }
    }
}
