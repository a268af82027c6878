import Foundation
import GRDB

/// The nightly run's memory (an SQLite file, through GRDB): each run, and each finding by its
/// stable identity with when it was first and last seen, when it was resolved, and its owner at
/// every run. A run is recorded in one transaction, so a run killed at any point leaves the
/// history as it was. A file that is not a history of ours, or one a newer StatReturn wrote, is
/// refused and never touched.
public final class History {
    /// Ours, in `PRAGMA application_id` ('SRNH'), so another program's database is never taken for one.
    static let applicationID: Int32 = 0x5352_4E48
    static let version = 1

    let queue: DatabaseQueue
    public let file: URL

    public init(file: URL) throws {
        self.file = file
        let exists = FileManager.default.fileExists(atPath: file.path)
        if exists {
            let head = (try? FileHandle(forReadingFrom: file).read(upToCount: 16)) ?? Data()
            guard head.isEmpty || head == Data("SQLite format 3\0".utf8) else {
                throw InputError(file: file.path, problem: "is not a StatReturn history (not an SQLite file); it was left as it is. Give another file, or move this one away")
            }
        }
        do {
            queue = try DatabaseQueue(path: file.path)
            try queue.write { db in
                let id = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
                let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
                let tables = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") ?? 0
                if tables > 0 && id != Self.applicationID {
                    throw InputError(file: file.path, problem: "is an SQLite file of another program, not a StatReturn history; it was left as it is")
                }
                if version > Self.version {
                    throw InputError(file: file.path, problem: "was written by a newer StatReturn (history version \(version)); it was left as it is. Use that version, or another history file")
                }
                guard try String.fetchOne(db, sql: "PRAGMA quick_check") == "ok" else {
                    throw InputError(file: file.path, problem: "is damaged (SQLite's check failed); it was left as it is. Restore it from a backup, or start a new one")
                }
                if tables == 0 { try Self.create(db) }
            }
        } catch let e as DatabaseError {
            throw InputError(file: file.path, problem: "cannot be read as a history: \(e.message ?? "\(e)"); it was left as it is")
        }
    }

    private static func create(_ db: Database) throws {
        try db.execute(sql: """
            PRAGMA application_id = \(applicationID);
            PRAGMA user_version = \(version);
            CREATE TABLE runs (id INTEGER PRIMARY KEY, started_at TEXT NOT NULL, day TEXT NOT NULL, fingerprint TEXT NOT NULL,
                               inputs TEXT NOT NULL, rules_run INTEGER, rules_not_run INTEGER, rules_failed INTEGER,
                               errors INTEGER, queries INTEGER);
            CREATE TABLE findings (identity TEXT PRIMARY KEY, return TEXT, year TEXT, code TEXT, severity TEXT, tbl TEXT,
                                   record_key TEXT, child TEXT, message TEXT, record TEXT,
                                   first_seen INTEGER NOT NULL REFERENCES runs(id), last_seen INTEGER NOT NULL REFERENCES runs(id),
                                   resolved_at INTEGER REFERENCES runs(id), times_reopened INTEGER NOT NULL DEFAULT 0);
            CREATE TABLE sightings (run INTEGER NOT NULL REFERENCES runs(id), identity TEXT NOT NULL, team TEXT, worker TEXT,
                                    PRIMARY KEY (run, identity));
            """)
    }

    /// A finding's state in a run.
    public enum State: String, Sendable, CaseIterable { case new, persisting, reopened, resolved }

    /// One finding of a run with its state, or one resolved since the last run (then `finding`
    /// is as it was last seen).
    public struct Entry: Sendable {
        public var finding: Finding
        public var state: State
        public var firstSeen: SimpleDate
        /// Days from first seen to this run.
        public var daysOpen: Int
    }

    /// A recorded run, for the trend.
    public struct RunSummary: Sendable {
        public var id: Int64
        public var day: SimpleDate
        public var errors: Int
        public var queries: Int
    }

    /// One finding's life: each run it was seen in, with its owner then, and when it was resolved.
    public struct Life {
        public var identity: String
        public var code: String
        public var child: String
        public var record: String
        public var message: String
        public var sightings: [(day: SimpleDate, team: String, worker: String)]
        public var resolved: SimpleDate?
        public var timesReopened: Int
    }

    /// The lives of the findings whose key, identity or child is `key`.
    public func lives(matching key: String) throws -> [Life] {
        try queue.read { db in
            try Row.fetchAll(db, sql: """
                SELECT f.*, r.day AS resolved_day FROM findings f LEFT JOIN runs r ON r.id = f.resolved_at
                WHERE f.record_key = ? OR f.identity = ? OR f.child = ? ORDER BY f.identity
                """, arguments: [key, key, key]).map { row in
                let seen = try Row.fetchAll(db, sql: """
                    SELECT r.day, s.team, s.worker FROM sightings s JOIN runs r ON r.id = s.run WHERE s.identity = ? ORDER BY r.id
                    """, arguments: [row["identity"] as String]).compactMap { s in
                    SimpleDate(iso: s["day"] as String).map { (day: $0, team: (s["team"] as String?) ?? "", worker: (s["worker"] as String?) ?? "") }
                }
                return Life(identity: row["identity"], code: row["code"], child: row["child"], record: row["record"], message: row["message"],
                            sightings: seen, resolved: (row["resolved_day"] as String?).flatMap { SimpleDate(iso: $0) },
                            timesReopened: row["times_reopened"])
            }
        }
    }

    /// The fingerprint of the last run recorded, to skip a night whose inputs did not change.
    public func lastFingerprint() throws -> String? {
        try queue.read { db in try String.fetchOne(db, sql: "SELECT fingerprint FROM runs ORDER BY id DESC LIMIT 1") }
    }

    public func runs() throws -> [RunSummary] { try queue.read(Self.runs) }

    private static func runs(_ db: Database) throws -> [RunSummary] {
        try Row.fetchAll(db, sql: "SELECT id, day, errors, queries FROM runs ORDER BY id").compactMap { row in
            SimpleDate(iso: row["day"] as String).map { RunSummary(id: row["id"], day: $0, errors: row["errors"], queries: row["queries"]) }
        }
    }

    public struct RunRecord: Sendable {
        public var startedAt: Date
        public var day: SimpleDate
        public var fingerprint: String
        /// What was read, for the record (JSON text).
        public var inputs: String
        public var rulesRun: Int
        public var rulesNotRun: Int
        public var rulesFailed: Int
    }

    /// Records a run and gives each finding its state, and the findings resolved since the last
    /// run, all in one transaction. `beforeCommit` is given the entries and every run's counts
    /// (this one's included) inside it (the reports are written there): if it throws, nothing of
    /// the run is kept.
    @discardableResult
    public func record(_ run: RunRecord, findings: [Finding], keepDays: Int,
                       beforeCommit: ([Entry], [RunSummary]) throws -> Void = { _, _ in }) throws -> [Entry] {
        try queue.write { db in
            let errors = findings.filter { $0.severity == .error }.count
            try db.execute(sql: """
                INSERT INTO runs (started_at, day, fingerprint, inputs, rules_run, rules_not_run, rules_failed, errors, queries)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [ISO8601DateFormatter().string(from: run.startedAt), run.day.iso, run.fingerprint, run.inputs,
                                 run.rulesRun, run.rulesNotRun, run.rulesFailed, errors, findings.count - errors])
            let id = db.lastInsertedRowID
            var entries: [Entry] = []
            var seen = Set<String>()
            for f in findings where seen.insert(f.identity).inserted {
                let known = try Row.fetchOne(db, sql: """
                    SELECT f.resolved_at, r.day FROM findings f JOIN runs r ON r.id = f.first_seen WHERE f.identity = ?
                    """, arguments: [f.identity])
                let state: State
                var first = run.day
                if let known {
                    first = SimpleDate(iso: known["day"] as String) ?? run.day
                    state = (known["resolved_at"] as Int64?) == nil ? .persisting : .reopened
                    try db.execute(sql: """
                        UPDATE findings SET last_seen = ?, resolved_at = NULL, times_reopened = times_reopened + ?,
                               severity = ?, message = ?, record = ?, child = ? WHERE identity = ?
                        """, arguments: [id, state == .reopened ? 1 : 0, f.severity.rawValue, f.message, f.record, f.child, f.identity])
                } else {
                    state = .new
                    try db.execute(sql: """
                        INSERT INTO findings (identity, return, year, code, severity, tbl, record_key, child, message, record, first_seen, last_seen)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """, arguments: [f.identity, f.returnName, f.year, f.code, f.severity.rawValue, f.table, f.key, f.child,
                                         f.message, f.record, id, id])
                }
                try db.execute(sql: "INSERT INTO sightings (run, identity, team, worker) VALUES (?, ?, ?, ?)",
                               arguments: [id, f.identity, f.team, f.worker])
                entries.append(Entry(finding: f, state: state, firstSeen: first, daysOpen: run.day.dayNumber - first.dayNumber))
            }
            // Open before this run and not seen in it: resolved now, shown with their last owner.
            let resolved = try Row.fetchAll(db, sql: """
                SELECT f.*, r.day AS first_day, s.team, s.worker FROM findings f
                JOIN runs r ON r.id = f.first_seen
                LEFT JOIN sightings s ON s.run = f.last_seen AND s.identity = f.identity
                WHERE f.resolved_at IS NULL AND f.last_seen <> ?
                """, arguments: [id])
            for row in resolved {
                try db.execute(sql: "UPDATE findings SET resolved_at = ? WHERE identity = ?", arguments: [id, row["identity"] as String])
                var f = Finding(returnName: row["return"], year: row["year"], code: row["code"],
                                severity: Severity(rawValue: row["severity"]) ?? .error, table: row["tbl"], row: nil, file: "",
                                child: row["child"], fields: [], values: [], message: row["message"],
                                team: row["team"] ?? "", worker: row["worker"] ?? "", related: [])
                f.key = row["record_key"]
                f.record = row["record"]
                let first = SimpleDate(iso: row["first_day"] as String) ?? run.day
                entries.append(Entry(finding: f, state: .resolved, firstSeen: first, daysOpen: run.day.dayNumber - first.dayNumber))
            }
            try forget(db, before: run.day.adding(days: -keepDays))
            try beforeCommit(entries, try Self.runs(db))
            return entries
        }
    }

    /// Runs older than the retention period, their sightings, and findings resolved before it.
    private func forget(_ db: Database, before cutoff: SimpleDate) throws {
        let old = "SELECT id FROM runs WHERE day < '\(cutoff.iso)'"
        try db.execute(sql: "DELETE FROM sightings WHERE run IN (\(old))")
        try db.execute(sql: "DELETE FROM findings WHERE resolved_at IN (\(old))")
        // A finding still open keeps its first sighting's run, however old, so its age stays true.
        try db.execute(sql: "DELETE FROM runs WHERE id IN (\(old)) AND id NOT IN (SELECT first_seen FROM findings) AND id NOT IN (SELECT last_seen FROM findings)")
    }
}
