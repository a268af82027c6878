import Foundation
import XCTest

/// Runs every malformed or hostile input of Tests/Corpus (made by its make-corpus.py) through the
/// program: each must end with its documented exit code and message, in one stderr line when it
/// cannot run, without changing any input or writing anywhere but its output folder.
final class CorpusTests: XCTestCase {
    struct Case { var name: String; var exit: Int32; var expect: String; var arguments: [String] }

    static let corpus = Package.root.appendingPathComponent("Tests/Corpus")

    static func cases() throws -> [Case] {
        try String(contentsOf: corpus.appendingPathComponent("cases.tsv"), encoding: .utf8)
            .split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
                let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
                return Case(name: f[0], exit: Int32(f[1])!, expect: f[2], arguments: f[3].split(separator: " ").map(String.init))
            }
    }

    /// Every file under the corpus, with its bytes: compared before and after the runs.
    func snapshot() throws -> [String: Data] {
        var files: [String: Data] = [:]
        let root = Self.corpus.appendingPathComponent("cases")
        let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])!
        for case let url as URL in walker where (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
            files[url.path] = try Data(contentsOf: url)
        }
        return files
    }

    func testEveryCorpusInputEndsAsDocumented() throws {
        let cases = try Self.cases()
        XCTAssertGreaterThanOrEqual(cases.count, 150)
        let before = try snapshot()
        let scratch = try temporaryFolder()
        let problems = Problems()
        // Two at a time: each run is a separate process, and the machine has two cores.
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = 2
        for c in cases {
            queue.addOperation {
                if let p = Self.check(c, out: scratch.appendingPathComponent(c.name).path) { problems.add("\(c.name): \(p)") }
            }
        }
        queue.waitUntilAllOperationsAreFinished()
        for p in problems.all.sorted() { XCTFail(p) }
        let after = try snapshot()
        XCTAssertEqual(Set(after.keys), Set(before.keys), "files appeared or vanished among the inputs")
        for (path, data) in before where after[path] != data { XCTFail("\(path) was changed") }
    }

    /// What is wrong with one case's run, or nil.
    static func check(_ c: Case, out: String) -> String? {
        let folder = Self.corpus.appendingPathComponent("cases").appendingPathComponent(c.name)
        guard let r = try? runProgram(c.arguments.map { $0 == "OUT" ? out : $0 }, in: folder) else { return "could not start" }
        let lines = r.stderr.split(separator: "\n")
        if r.status != c.exit { return "exit \(r.status), expected \(c.exit); stderr: \(r.stderr.prefix(300))" }
        if c.exit == 2 {
            guard lines.count == 1 else { return "\(lines.count) stderr lines: \(r.stderr.prefix(500))" }
            guard lines[0].hasPrefix("statreturn: " + c.expect) else { return "message \(lines[0]); expected it to start \(c.expect)" }
            if FileManager.default.fileExists(atPath: out) { return "wrote \(out) though it could not run" }
        } else {
            guard r.stdout.contains(c.expect) else { return "stdout lacks '\(c.expect)': \(r.stdout.prefix(300))" }
            if c.arguments.contains("OUT"), !FileManager.default.fileExists(atPath: out + "/findings.csv") { return "no findings.csv" }
        }
        if r.stderr.unicodeScalars.contains(where: { $0.value == 0x1B }) { return "a raw escape character reached the terminal" }
        if let leftover = try? FileManager.default.contentsOfDirectory(atPath: out).first(where: { $0.contains(".partial-") }) {
            return "left a half-written \(leftover)"
        }
        return nil
    }

    /// A child ID that is a formula stays text in findings.csv, and a Windows-1252 value read with
    /// --encoding is listed as a fix.
    func testFormulaCellsAreInertAndRecodedValuesListed() throws {
        let scratch = try temporaryFolder()
        let formula = try XCTUnwrap(try Self.cases().first { $0.name == "csv-formula-child-id" })
        XCTAssertNil(Self.check(formula, out: scratch.appendingPathComponent("f").path))
        let csv = try String(contentsOf: scratch.appendingPathComponent("f/findings.csv"), encoding: .utf8)
        XCTAssertTrue(csv.contains("\"'=HYPERLINK("), csv)
        XCTAssertFalse(csv.contains(",=HYPERLINK(") || csv.contains("\"=HYPERLINK("), csv)

        let recoded = try XCTUnwrap(try Self.cases().first { $0.name == "csv-windows-1252-with-option" })
        XCTAssertNil(Self.check(recoded, out: scratch.appendingPathComponent("r").path))
        let fixes = try String(contentsOf: scratch.appendingPathComponent("r/fixes.csv"), encoding: .utf8)
        XCTAssertTrue(fixes.contains("CHILD,(not UTF-8),C\u{e9}2,read as Windows-1252"), fixes)
    }

    final class Problems: @unchecked Sendable {
        private let lock = NSLock()
        private var found: [String] = []
        func add(_ p: String) { lock.lock(); found.append(p); lock.unlock() }
        var all: [String] { lock.lock(); defer { lock.unlock() }; return found }
    }
}
