import Foundation
import XCTest
import ZIPFoundation
@testable import StatReturnKit

/// Paths into the package, found from this file.
enum Package {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let specs = root.appendingPathComponent("Specs")
    static let samples = root.appendingPathComponent("SampleReturns")

    static func spec(_ name: String, _ year: String) throws -> ReturnSpec {
        try SpecLoader(root: specs).load(returnName: name, year: year)
    }

    /// The built `statreturn` program, beside the test bundle.
    static var program: URL {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("statreturn")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir.deleteLastPathComponent()
        }
        return root.appendingPathComponent(".build/debug/statreturn")
    }
}

/// A scratch folder removed when the test ends.
func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("statreturn-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Validates CSV texts given by table name with the 903 spec.
func validate903(_ tables: [(String, String)], year: String = "2026-27") throws -> ValidationResult {
    let spec = try Package.spec("ssda903", year)
    let files = tables.map { InputFile(name: "\($0.0).csv", data: Data($0.1.utf8)) }
    return try Validator(spec: spec).validate(files)
}

struct ProgramRun { var status: Int32; var stdout: String; var stderr: String }

/// Runs the built `statreturn` program as a user would, in `folder`.
func runProgram(_ args: [String], in folder: URL = Package.root) throws -> ProgramRun {
    let p = Process()
    p.executableURL = Package.program
    p.arguments = args
    p.currentDirectoryURL = folder
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    try p.run()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return ProgramRun(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
}

/// A zip package of these parts (an Excel workbook when the parts make one).
func zipped(_ parts: [String: String]) throws -> Data {
    let archive = try Archive(data: Data(), accessMode: .create)
    for (path, text) in parts.sorted(by: { $0.key < $1.key }) {
        let data = Data(text.utf8)
        try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { at, size in
            data.subdata(in: Int(at)..<Int(at) + size)
        }
    }
    return try XCTUnwrap(archive.data)
}

/// A worksheet part whose cells are these rows of text.
func worksheet(_ rows: [[String]]) -> String {
    "<worksheet><sheetData>" + rows.enumerated().map { r, cells in
        "<row r=\"\(r + 1)\">" + cells.enumerated().map { c, v in
            "<c r=\"\(Character(UnicodeScalar(65 + c)!))\(r + 1)\" t=\"inlineStr\"><is><t>\(v)</t></is></c>"
        }.joined() + "</row>"
    }.joined() + "</sheetData></worksheet>"
}

/// A workbook of one sheet holding these rows of text.
func oneSheetWorkbook(_ rows: [[String]]) throws -> Data {
    try zipped([
        "xl/workbook.xml": "<workbook xmlns:r=\"r\"><sheets><sheet name=\"Sheet1\" r:id=\"rId1\"/></sheets></workbook>",
        "xl/_rels/workbook.xml.rels": "<Relationships><Relationship Id=\"rId1\" Target=\"worksheets/s1.xml\"/></Relationships>",
        "xl/worksheets/s1.xml": worksheet(rows),
        "xl/styles.xml": "<styleSheet><cellXfs><xf numFmtId=\"0\"/></cellXfs></styleSheet>",
    ])
}

/// Validates a return in-process as `statreturn validate` does: its files, the inputs given by
/// name (`ssda903`, `from_ssda903`, `ssd`, ...) and the parameters (`quarter`).
func validateRun(_ name: String, _ year: String, files: [String] = [], inputs: [(String, String)] = [],
                 parameters: [String: String] = [:], fix: Bool = false) throws -> ValidationResult {
    let spec = try LoadedSpecs.shared.spec(name, year)
    let run = RunInputs(files: files, named: inputs.map { (name: $0.0, path: $0.1) }, parameters: parameters)
    var validator = Validator(spec: spec)
    validator.requireTables = true
    validator.fix = fix
    validator.parameters = try run.checkedParameters(for: spec)
    return try validator.validate(run, specs: SpecLoader(root: Package.specs))
}

/// Specs loaded once for all the tests of a run (loading one with its companions takes a second).
final class LoadedSpecs: @unchecked Sendable {
    static let shared = LoadedSpecs()
    private var specs: [String: ReturnSpec] = [:]
    private let lock = NSLock()

    func spec(_ name: String, _ year: String) throws -> ReturnSpec {
        lock.lock()
        defer { lock.unlock() }
        if let s = specs["\(name) \(year)"] { return s }
        let s = try Package.spec(name, year)
        specs["\(name) \(year)"] = s
        return s
    }
}
