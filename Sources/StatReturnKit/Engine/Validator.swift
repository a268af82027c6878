import Foundation

/// Validates a return: ingest, then the rules, then findings.
public struct Validator: Sendable {
    /// (A run may swap in the spec with its companions read for the run's year: `companionsFor`.)
    public var spec: ReturnSpec
    public var workers: Int
    /// Overrides the spec's collection period (rule examples written for an earlier year).
    public var period: CollectionPeriod
    /// Apply the safe normalisations of `Cleanser` before the rules run (`--fix`).
    public var fix = false
    /// Refuse a run whose files lack a table the spec says the return cannot do without (a user's
    /// run, not a rule example, which gives only the tables it is about).
    public var requireTables = false
    /// Where to keep the loaded tables as an SQLite file (`--keep-db`), if anywhere.
    public var keepDatabase: URL?
    /// Optional parameters given for this run (e.g. `la_code`).
    public var parameters: [String: String] = [:]
    /// A mapping that makes the return's own tables from its companions' (`companions:` in a
    /// `from-<name>.yml`), run once the companions are loaded; with the name its rows go by.
    public var fromCompanions: (mapping: SourceMapping, label: String)?

    public init(spec: ReturnSpec, workers: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.spec = spec
        self.workers = max(1, workers)
        self.period = spec.period
    }

    public func validate(_ files: [InputFile], feeds: [TableFeed] = [], owners: Owners = Owners(), only codes: Set<String>? = nil) throws -> ValidationResult {
        try check(try load(files, feeds: feeds), owners: owners, only: codes)
    }

    /// Reads the files into a loaded return, which any number of checks (and, later, lists and
    /// exports) can then use without reading them again.
    public func load(_ files: [InputFile], feeds: [TableFeed] = []) throws -> LoadedReturn {
        var clock = PhaseClock()
        let database = try ReturnDatabase(spec: spec)
        let ingestor = try Ingestor(spec: spec, database: database, fix: fix)
        var companions: [String: Ingestor] = [:]
        var notes: [String] = []
        // A list that keeps only what the return looks up (keep_only) is read after everything else.
        let readInPart = { (f: InputFile) in
            f.notRead == nil && f.companion == nil && !f.previousYear && (f.mustBe ?? f.table).flatMap(spec.table)?.keepOnly != nil
        }
        for file in files.filter({ !readInPart($0) }) {
            if let reason = file.notRead { notes.append("\(file.name): not read: \(reason)"); continue }
            if let name = file.companion {
                guard let c = spec.companions[name] else {
                    throw InputError(file: file.name, problem: "\(spec.title) \(spec.year) is not checked against \(name)")
                }
                // With --fix, values are compared (and lists made) as the companion's own check reads them.
                if companions[name] == nil { companions[name] = try Ingestor(spec: c, database: database, fix: fix, companionOf: true) }
                try InputRoute.load(file, into: companions[name]!, spec: c)
            } else {
                try InputRoute.load(file, into: ingestor, spec: spec)
            }
        }
        var feeds = feeds
        if let made = fromCompanions {
            clock.lap("read the files")
            // Indexed first: the queries join the companions' tables child by child.
            try database.indexTables()
            feeds += try database.queue.read { db in
                try MappingQuery.feeds(made.mapping, for: spec, in: db, values: ruleValues, label: made.label)
            }
            clock.lap("make the tables from \(made.mapping.file)")
        }
        for feed in feeds {
            guard let table = spec.table(feed.table) else {
                throw InputError(file: feed.label, problem: "\(spec.title) \(spec.year) has no table \(feed.table)")
            }
            try ingestor.load(rows: feed, table: table, file: feed.label, previousYear: false, exact: true)
        }
        for file in files.filter(readInPart) { try InputRoute.load(file, into: ingestor, spec: spec) }
        clock.lap("read and load the files")
        if requireTables, let missing = spec.requiredTables.first(where: { ingestor.tables[$0] == nil }) {
            let given = files.filter { $0.notRead == nil && $0.companion == nil && !$0.previousYear }.map(\.name) + feeds.map(\.label)
            throw InputError(file: given.prefix(3).joined(separator: ", ") + (given.count > 3 ? ", ..." : ""),
                             problem: "none of the files is the \(missing) table, without which \(spec.title) cannot be checked"
                                + (spec.table(missing)?.description.map { " (\($0))" } ?? ""))
        }
        notes += ingestor.tables.values.sorted { $0.name < $1.name }.compactMap(\.severalFilesNote)
        if fix { try ingestor.mend(with: spec.rules, period: spec.period(for: parameters, from: period), parameters: parameters) }
        try database.finishLoading(parameters: spec.period(for: parameters, from: period).parameters)
        clock.lap("index the tables, work out the derived ones")
        if let keepDatabase { try database.keep(at: keepDatabase) }
        return LoadedReturn(database: database, ingestor: ingestor, companions: companions, notes: notes, clock: clock)
    }

    /// Runs the rules over a loaded return and dresses what they find as findings.
    public func check(_ loadedReturn: LoadedReturn, owners: Owners = Owners(), only codes: Set<String>? = nil) throws -> ValidationResult {
        let (database, ingestor, notes) = (loadedReturn.database, loadedReturn.ingestor, loadedReturn.notes)
        var clock = loadedReturn.clock
        let loaded = loadedReturn.tables
        let given = Set(loaded.keys)
        let rules = spec.rules.filter { codes?.contains($0.code) ?? true }
        var notRun: [ValidationResult.RuleStatus] = []
        var runnable: [RuleSpec] = []
        for rule in rules {
            // A field check runs on whichever of its tables were given; a query needs them all; the
            // schema check runs when a file in the XML form was read, even one with no records at all.
            let absent = (rule.tables + rule.needs).filter { !given.contains($0) && parameters[$0] == nil }
            switch rule.check {
            case .schema where !ingestor.schemaChecked:
                notRun.append(.init(code: rule.code, reason: "checks the XML form, and the return was not given as XML"))
            case .schema: runnable.append(rule)
            case .field where !rule.tables.contains(where: given.contains), .sql where !absent.isEmpty:
                notRun.append(.init(code: rule.code, reason: reason(absent), needs: absent))
            default: runnable.append(rule)
            }
        }
        let sqlRules = runnable.filter { if case .sql = $0.check { return true } else { return false } }
        let dbs = try database.copies(min(workers, max(sqlRules.count, 1)))
        clock.lap("copy the database for \(dbs.count) workers")
        let outcomes = RuleRunner(rules: sqlRules, period: spec.period(for: parameters, from: period), extra: ruleValues).run(on: dbs)
        clock.lap("run \(sqlRules.count) rules")

        // Values are checked as they are read, so a rule that fields name reports on them even
        // when its query could not run (e.g. a malformed URN, without the provider list).
        let selected = Set(rules.map(\.code))
        var hits = ingestor.hits.filter { selected.contains($0.code) }
        hits += outcomes.flatMap(\.hits).filter { !readsMalformedAsBlank($0, ingestor.malformed) }
        let failed = outcomes.compactMap { o in o.failure.map { ValidationResult.RuleStatus(code: o.code, reason: $0) } }

        let builder = FindingBuilder(spec: spec, tables: loaded, owners: owners)
        let byCode = Dictionary(spec.rules.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        var seen = Set<RuleHit>()
        let findings = Self.linkCauses(hits.filter { seen.insert($0).inserted }
            .map { builder.finding(for: $0, rule: byCode[$0.code]!) }, rules: byCode)
            .sorted(by: Self.reportOrder)

        clock.lap("build \(findings.count) findings")
        let tables = ReturnDatabase.tableNames(spec).compactMap { _, name in
            loaded[name].map { ValidationResult.LoadedTable(name: name, files: $0.files, rows: $0.count) }
        }
        var result = ValidationResult(
            returnName: spec.returnName, year: spec.year, title: spec.title, findings: findings,
            notRun: notRun, failed: failed, rulesRun: runnable.count - failed.count, tables: tables,
            warnings: notes + ingestor.warnings, fixes: ingestor.fixes,
            ruleSeconds: Dictionary(outcomes.map { ($0.code, $0.seconds) }, uniquingKeysWith: max), data: ingestor.tables)
        result.phaseSeconds = clock.laps
        result.fieldLabels = spec.fieldLabels
        result.wanted = wanted(notRun)
        result.fixableErrors = hits.filter { h in
            if h.fix != nil { return true }
            guard let t = h.table, let r = h.row, let f = h.fields?.first else { return false }
            return ingestor.fixable.contains(MalformedValue(table: t, row: r, field: f))
        }.count
        if !owners.file.isEmpty {
            result.owners = OwnerMatch(findings: findings, owners: owners)
            result.warnings += owners.warnings
        }
        return result
    }

    /// The values rules and mappings are given besides the collection dates: the run's
    /// parameters and the companions' collection dates.
    private var ruleValues: [String: String] {
        parameters.merging(spec.period(for: parameters, from: period).parameters) { a, _ in a }
            .merging(spec.companionParameters) { a, _ in a }
    }

    /// Root causes first: where a value is malformed or off its list (a field check), the other
    /// rules on the same record that read that field follow from it (565 and 566 from a missing
    /// type that is no code, 1006), so a manager fixes the one value, not three findings.
    static func linkCauses(_ findings: [Finding], rules: [String: RuleSpec]) -> [Finding] {
        var roots: [String: Finding] = [:]
        for f in findings where rules[f.code]?.check == .field && f.row != nil {
            for field in f.fields { roots["\(f.table)|\(f.row!)|\(field)"] = roots["\(f.table)|\(f.row!)|\(field)"] ?? f }
        }
        guard !roots.isEmpty else { return findings }
        return findings.map { f in
            guard rules[f.code]?.check != .field, let row = f.row,
                  let root = f.fields.lazy.compactMap({ roots["\(f.table)|\(row)|\($0)"] }).first else { return f }
            var linked = f
            linked.causedBy = "\(root.code) \(root.fields.joined(separator: ","))"
            return linked
        }
    }

    /// A malformed value is reported under its field's `invalid` code only: a finding under the
    /// code the field names as `missing`, on a record whose value there was malformed (and so
    /// stored as NULL), would report the same slip again as a blank.
    private func readsMalformedAsBlank(_ hit: RuleHit, _ malformed: Set<MalformedValue>) -> Bool {
        guard let row = hit.row, let table = hit.table, !malformed.isEmpty,
              let t = spec.table(table) else { return false }
        return t.fields.contains { $0.missing == hit.code && malformed.contains(MalformedValue(table: table, row: row, field: $0.name)) }
    }

    /// Why a rule did not run, naming the option that would give what it needs.
    private func reason(_ absent: [String]) -> String {
        // Grouped by the option that gives them: "last year's Header table, last year's UASC table (--previous)".
        var parts: [String] = [], byOption: [String: Int] = [:]
        for a in absent {
            guard let (what, option) = spec.supplier(of: a) else { parts.append("the \(a) table"); continue }
            if let i = byOption[option] { parts[i] = parts[i].replacingOccurrences(of: " (\(option))", with: ", \(what) (\(option))") }
            else { byOption[option] = parts.count; parts.append("\(what) (\(option))") }
        }
        return "needs " + parts.joined(separator: ", ") + ", not given"
    }

    /// Each thing not given, with the rules that wanted it, most wanted first.
    private func wanted(_ notRun: [ValidationResult.RuleStatus]) -> [ValidationResult.Wanted] {
        var rulesByNeed: [String: [String]] = [:], byReason: [String: [String]] = [:]
        for status in notRun {
            if status.needs.isEmpty { byReason[status.reason, default: []].append(status.code) }
            for need in status.needs { rulesByNeed[need, default: []].append(status.code) }
        }
        return (byReason.map { ValidationResult.Wanted(what: $0, option: nil, rules: $1) } + rulesByNeed.map { need, rules in
            let supplier = spec.supplier(of: need)
            return ValidationResult.Wanted(what: supplier?.what ?? "the \(need) table", option: supplier?.option, rules: rules)
        }).sorted(by: ValidationResult.Wanted.mostWanted)
    }

    /// Wall time of each phase of a run.
    struct PhaseClock {
        var laps: [(phase: String, seconds: Double)] = []
        private var last = DispatchTime.now().uptimeNanoseconds
        mutating func lap(_ phase: String) {
            let now = DispatchTime.now().uptimeNanoseconds
            laps.append((phase, Double(now - last) / 1e9))
            last = now
        }
    }

    /// Return-level findings first, then by file and row, then by rule code.
    static func reportOrder(_ a: Finding, _ b: Finding) -> Bool {
        if (a.row == nil) != (b.row == nil) { return a.row == nil }
        if a.file != b.file { return a.file < b.file }
        if a.row != b.row { return (a.row ?? 0) < (b.row ?? 0) }
        return a.code.localizedStandardCompare(b.code) == .orderedAscending
    }
}
