import Foundation

/// `nightly.yml`: what a scheduled run checks and where it keeps what it learns. Paths are
/// relative to the file's own folder, so a config and its data can move together.
///
/// ```yaml
/// history: history.sqlite      # the findings of every run, by their stable keys
/// out: reports                 # each run's reports in a dated folder, and latest/
/// keep_days: 365               # runs older than this are forgotten
/// owners: owners.csv           # optional, for every check; a check may name its own (owners:);
///                              # without one, a return made from an SSD takes its allocations
/// checks:
///   - return: ssda903
///     year: 2026-27
///     files: [extract/903]
///     inputs: { previous: extract/903-last-year }
///     params: { la_code: "316" }
/// ```
public struct NightlyConfig: Sendable {
    public struct Check: Decodable, Sendable {
        public var returnName: String
        public var year: String
        public var files: [String]?
        /// Declared inputs by name (`previous`, `ssd`, ...), as `--input NAME=PATH` gives them.
        public var inputs: [String: String]?
        public var params: [String: String]?
        /// This return's owners list, where it is not the config's.
        public var owners: String?
        enum CodingKeys: String, CodingKey { case returnName = "return", year, files, inputs, params, owners }
    }

    struct File: Decodable {
        var history: String
        var out: String
        var keepDays: Int?
        var owners: String?
        var checks: [Check]
        enum CodingKeys: String, CodingKey { case history, out, keepDays = "keep_days", owners, checks }
    }

    public var file: String
    public var history: URL
    public var out: URL
    public var keepDays: Int
    public var owners: String?
    /// Each check with its paths made absolute.
    public var checks: [Check]

    public init(file: String) throws {
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
            throw InputError(file: file, problem: FileManager.default.fileExists(atPath: file) ? "the file cannot be read" : "no such file")
        }
        let base = URL(fileURLWithPath: file).deletingLastPathComponent()
        func resolve(_ path: String) -> String {
            // A database URL is not a path.
            path.contains("://") || path.hasPrefix("/") ? path : base.appendingPathComponent(path).standardizedFileURL.path
        }
        let f: File
        do { f = try decodeYAML(File.self, text, file: file) } catch let e as SpecError {
            throw InputError(file: file, problem: "\(e.entry): \(e.problem)")
        }
        guard !f.checks.isEmpty else { throw InputError(file: file, field: "checks", problem: "names no return to check") }
        self.file = file
        history = URL(fileURLWithPath: resolve(f.history))
        out = URL(fileURLWithPath: resolve(f.out))
        keepDays = f.keepDays ?? 365
        owners = f.owners.map(resolve)
        checks = f.checks.map { c in
            var c = c
            c.files = c.files?.map(resolve)
            c.inputs = c.inputs?.mapValues(resolve)
            c.owners = c.owners.map(resolve)
            return c
        }
    }
}
