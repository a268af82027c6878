import Foundation
import ZIPFoundation

/// One scheduled run: every check the config names, the findings given their state against the
/// history (new, persisting, reopened, resolved), the reports written to a dated folder and
/// `latest/` moved to it. Nothing is kept of a run that fails: the history is written in one
/// transaction that commits only once the reports are written, and `latest/` moves last.
public struct NightlyRun {
    public let config: NightlyConfig
    public let specs: SpecLoader

    public init(config: NightlyConfig, specs: SpecLoader) {
        self.config = config
        self.specs = specs
    }

    public enum Outcome: Sendable {
        /// The inputs are as at the last run: nothing was done.
        case unchanged(since: String)
        case ran(folder: URL, entries: [History.Entry], failed: Int, errors: Int)
    }

    /// `beforeCommit` runs inside the history's transaction, after the reports are written (a
    /// test stops the run there).
    public func run(force: Bool = false, now: Date = Date(), beforeCommit: () -> Void = {}) throws -> Outcome {
        let lock = try HistoryLock(for: config.history)
        defer { withExtendedLifetime(lock) {} }
        let history = try History(file: config.history)
        let fingerprint = try self.fingerprint()
        if !force, fingerprint.changes, let last = try history.lastFingerprint(), last == fingerprint.value {
            return .unchanged(since: try history.runs().last.map { $0.day.dmy } ?? "the last run")
        }
        let shared = try config.owners.map { try Owners(file: InputFile.read($0)) } ?? Owners()
        var results: [(spec: ReturnSpec, result: ValidationResult)] = []
        for check in config.checks {
            let catalog = try ReturnCatalog(specs)
            let (name, year) = try catalog.resolve(returnName: check.returnName, year: check.year)
            let spec = try specs.load(returnName: name, year: year)
            let run = RunInputs(files: check.files ?? [], named: (check.inputs ?? [:]).sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
                                parameters: check.params ?? [:])
            var validator = Validator(spec: spec)
            validator.requireTables = true
            validator.parameters = try run.checkedParameters(for: spec)
            let owners = try check.owners.map { try Owners(file: InputFile.read($0)) } ?? shared
            results.append((spec, try validator.validate(run, specs: specs, owners: owners)))
        }
        let findings = results.flatMap(\.result.findings)
        let day = SimpleDate.on(now)
        let folderName = Self.folderName(now)
        let folder = config.out.appendingPathComponent(folderName)
        let record = History.RunRecord(
            startedAt: now, day: day, fingerprint: fingerprint.value, inputs: fingerprint.described,
            rulesRun: results.map(\.result.rulesRun).reduce(0, +), rulesNotRun: results.map(\.result.notRun.count).reduce(0, +),
            rulesFailed: results.map(\.result.failed.count).reduce(0, +))
        let entries = try history.record(record, findings: findings, keepDays: config.keepDays) { entries, trend in
            let files = try NightlyReports.files(entries: entries, results: results.map(\.result), trend: trend, day: day)
            let target = try OutputTarget(path: folder.path, inputs: config.checks.flatMap { ($0.files ?? []) + ($0.inputs ?? [:]).values + [config.history.path] })
            try target.writeFolder(files)
            beforeCommit()
        }
        try Self.point(latest: config.out.appendingPathComponent("latest"), at: folderName)
        return .ran(folder: folder, entries: entries, failed: results.map(\.result.failed.count).reduce(0, +),
                    errors: findings.filter { $0.severity == .error }.count)
    }

    /// A folder per run, by its time: several runs a day each keep their own.
    static func folderName(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_GB_POSIX")
        f.timeZone = TimeZone(identifier: "Europe/London")
        f.dateFormat = "yyyy-MM-dd'T'HHmmss"
        return f.string(from: date)
    }

    /// `latest` is a link to the newest folder, replaced in one step (a new link renamed over the
    /// old), so it never points at a folder half-written or at nothing.
    static func point(latest: URL, at folder: String) throws {
        let fm = FileManager.default
        let temporary = latest.deletingLastPathComponent().appendingPathComponent(".latest-\(UUID().uuidString)")
        do {
            try fm.createSymbolicLink(atPath: temporary.path, withDestinationPath: folder)
            guard rename(temporary.path, latest.path) == 0 else {
                let reason = String(cString: strerror(errno))
                try? fm.removeItem(at: temporary)
                throw InputError(file: latest.path, problem: "cannot be moved to the new reports (\(reason)); they are in \(folder)")
            }
        } catch let e as InputError { throw e } catch {
            throw InputError(file: latest.path, problem: "cannot be made (\(error.localizedDescription)); the reports are in \(folder)")
        }
    }

    /// What was read, as one value: the config and every input file's size and CRC-32. A
    /// database cannot be fingerprinted cheaply, so a run with one always runs (`changes` false).
    struct Fingerprint { var value: String; var described: String; var changes: Bool }

    func fingerprint() throws -> Fingerprint {
        var parts: [String] = [], canTell = true
        let text = (try? Data(contentsOf: URL(fileURLWithPath: config.file))) ?? Data()
        parts.append("\(config.file) \(text.count) \(text.crc32(checksum: 0))")
        for check in config.checks {
            for path in (check.files ?? []) + (check.inputs ?? [:]).values.sorted() + [check.owners, config.owners].compactMap({ $0 }) {
                // Recorded without its password.
                if DatabaseSource.isPostgres(path) { canTell = false; parts.append(DatabaseSource.shown(path)); continue }
                for file in try InputFile.collect(paths: [path]) where file.notRead == nil {
                    parts.append("\(file.name) \(file.data.count) \(file.data.crc32(checksum: 0))")
                }
            }
        }
        let joined = parts.joined(separator: "\n")
        return Fingerprint(value: String(Data(joined.utf8).crc32(checksum: 0), radix: 16) + "-\(joined.utf8.count)",
                           described: joined, changes: canTell)
    }
}
