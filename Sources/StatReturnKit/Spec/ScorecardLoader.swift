import Foundation

/// Reads `Specs/scorecards/<name>/<year>/scorecard.yml` strictly (an unknown key is an error,
/// as in every spec file) and refuses one that does not hang together: a source that is no
/// return or names a table it lacks, SQL that does not compile or gives other columns than it
/// must, a measure or source without examples, a definition or threshold not said to be
/// confirmed or inferred.
public struct ScorecardLoader: Sendable {
    public let specs: SpecLoader

    public init(specs: SpecLoader) { self.specs = specs }

    static let folder = "scorecards"

    private var root: URL { specs.root.appendingPathComponent(Self.folder) }

    /// The scorecards there are, by name.
    public var names: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []).filter { !years(of: $0).isEmpty }.sorted()
    }

    func years(of name: String) -> [String] {
        let dir = root.appendingPathComponent(name)
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter {
            FileManager.default.fileExists(atPath: dir.appendingPathComponent($0).appendingPathComponent("scorecard.yml").path)
        }.sorted()
    }

    /// The scorecard to 31 March of `year` (`2026-27`, `2026/27` or `2026-2027`), with the
    /// definitions of the latest year folder at or before it: they stand until a year changes them.
    public func load(name: String, year typed: String) throws -> ScorecardSpec {
        let known = names
        guard known.contains(name) else {
            throw SpecError(file: "Specs/\(Self.folder)", entry: name,
                            problem: "no such scorecard (there \(known.count == 1 ? "is" : "are"): \(known.isEmpty ? "none" : known.joined(separator: ", ")))")
        }
        guard let year = ReturnCatalog.collectionYear(typed) else {
            throw SpecError(file: "Specs/\(Self.folder)/\(name)", entry: "year \(typed)", problem: "not a collection year (write it 2026-27)")
        }
        let available = years(of: name)
        guard let folder = available.last(where: { $0 <= year }) else {
            throw SpecError(file: "Specs/\(Self.folder)/\(name)", entry: "year \(year)",
                            problem: "the scorecard's definitions start in \(available[0])")
        }
        let url = root.appendingPathComponent(name).appendingPathComponent(folder).appendingPathComponent("scorecard.yml")
        let path = specs.relative(url)
        let file = try decodeYAML(ScorecardFile.self, try String(contentsOf: url, encoding: .utf8), file: path)
        guard file.scorecard == name else { throw SpecError(file: path, entry: "scorecard", problem: "says \(file.scorecard) but the folder is \(name)") }
        guard file.year == folder else { throw SpecError(file: path, entry: "year", problem: "says \(file.year) but the folder is \(folder)") }
        let spec = ScorecardSpec(name: name, year: year, definitionsYear: folder, title: file.title, years: file.years,
                                 cohort: file.cohort, sources: file.sources, measures: file.measures, file: path)
        try check(spec)
        return spec
    }

    func check(_ spec: ScorecardSpec) throws {
        let file = spec.file
        guard spec.years >= 1 else { throw SpecError(file: file, entry: "years", problem: "must be at least 1") }
        let cohortColumns = spec.cohort.columns.map(\.name)
        for required in ["child", "year"] where !cohortColumns.contains(required) {
            throw SpecError(file: file, entry: "cohort.columns", problem: "needs a column '\(required)'")
        }
        for s in spec.sources {
            let entry = "sources.\(s.returnName)"
            guard specs.returns.contains(s.returnName) else {
                throw SpecError(file: file, entry: entry, problem: "no such return (the returns are \(specs.returns.joined(separator: ", ")))")
            }
            let returnSpec = try specs.load(returnName: s.returnName, year: specs.nearestYear(of: s.returnName, to: spec.year)!)
            var tables: [(name: String, fields: [FieldSpec])] = []
            for t in s.tables {
                guard let table = returnSpec.table(t) else { throw SpecError(file: file, entry: entry, problem: "\(returnSpec.title) has no table \(t)") }
                tables.append((t, table.fields))
            }
            let db = try ScorecardDatabase(spec: spec, tables: tables)
            try expectColumns(db, s.recogniseYear, count: 1, file: file, entry: "\(entry).recognise_year")
            let given = try compile(db, s.sql, file: file, entry: "\(entry).sql")
            guard Set(given) == Set(cohortColumns), given.count == cohortColumns.count else {
                throw SpecError(file: file, entry: "\(entry).sql", problem: "gives the columns \(given.joined(separator: ", ")); "
                                + "the cohort \(spec.cohort.name) has \(cohortColumns.joined(separator: ", "))")
            }
            try checkExamples(s.examples, allowed: s.tables + [spec.cohort.name], required: spec.cohort.name, expectsFigure: false,
                              file: file, entry: entry)
        }
        guard !spec.sources.isEmpty else { throw SpecError(file: file, entry: "sources", problem: "name at least one return the cohort is made from") }
        let db = try ScorecardDatabase(spec: spec)
        for m in spec.measures {
            let entry = "measures.\(m.name)"
            for (what, text) in [("source", m.source), ("threshold_source", m.thresholdSource)] {
                guard let text else { continue }
                guard text.hasPrefix("confirmed:") || text.hasPrefix("inferred:") else {
                    throw SpecError(file: file, entry: "\(entry).\(what)", problem: "must start 'confirmed:' (with the source) or 'inferred:' (with why)")
                }
            }
            if m.threshold != nil && (m.better == nil || m.thresholdSource == nil) {
                throw SpecError(file: file, entry: entry, problem: "a threshold needs 'better' (lower or higher) and 'threshold_source'")
            }
            if m.threshold == nil && (m.better != nil || m.thresholdSource != nil) {
                throw SpecError(file: file, entry: entry, problem: "'better' and 'threshold_source' go with a threshold, which it has not")
            }
            let given = try compile(db, m.sql, file: file, entry: "\(entry).sql")
            for required in ["child", "year", "value"] where !given.contains(required) {
                throw SpecError(file: file, entry: "\(entry).sql", problem: "must give a column '\(required)'")
            }
            let labels = m.labels ?? [:]
            for c in given where !["child", "year", MeasureResult.reasonColumn].contains(c) && !cohortColumns.contains(c) && labels[c] == nil {
                throw SpecError(file: file, entry: "\(entry).labels", problem: "give the column \(c) a label (it is not a column of the cohort)")
            }
            if let extra = labels.keys.sorted().first(where: { !given.contains($0) }) {
                throw SpecError(file: file, entry: "\(entry).labels", problem: "\(extra) is not a column the SQL gives")
            }
            try checkExamples(m.examples, allowed: [spec.cohort.name], required: spec.cohort.name, expectsFigure: true, file: file, entry: entry)
        }
        let names = spec.measures.map(\.name)
        if let dup = names.first(where: { n in names.filter { $0 == n }.count > 1 }) {
            throw SpecError(file: file, entry: "measures.\(dup)", problem: "listed twice")
        }
    }

    private func compile(_ db: ScorecardDatabase, _ sql: String, file: String, entry: String) throws -> [String] {
        do { return try db.columns(of: sql) } catch {
            throw SpecError(file: file, entry: entry, problem: "bad SQL: \(ScorecardDatabase.reason(error))")
        }
    }

    private func expectColumns(_ db: ScorecardDatabase, _ sql: String, count: Int, file: String, entry: String) throws {
        let given = try compile(db, sql, file: file, entry: entry)
        guard given.count == count else { throw SpecError(file: file, entry: entry, problem: "must give \(count) column, not \(given.count)") }
    }

    private func checkExamples(_ examples: [ScorecardSpec.Example], allowed: [String], required: String, expectsFigure: Bool,
                               file: String, entry: String) throws {
        guard !examples.isEmpty else { throw SpecError(file: file, entry: entry, problem: "has no examples") }
        for e in examples {
            let at = "\(entry).examples '\(e.name)'"
            if let t = e.tables.map(\.name).first(where: { !allowed.contains($0) }) {
                let hint = closest(to: t, in: allowed).map { " (did you mean '\($0)'?)" } ?? ""
                throw SpecError(file: file, entry: at, problem: "unknown key '\(t)': give \(allowed.joined(separator: ", "))\(hint)")
            }
            guard e.tables.contains(where: { $0.name == required }) else {
                throw SpecError(file: file, entry: at, problem: "give the \(required) rows " + (expectsFigure ? "the figure is made from" : "it must make"))
            }
            if expectsFigure {
                guard e.figure != nil || e.counted == 0 else {
                    throw SpecError(file: file, entry: at, problem: "give the figure it must make (or counted: 0 for none)")
                }
            } else if e.figure != nil || e.counted != nil || e.notCounted != nil {
                throw SpecError(file: file, entry: at, problem: "a source's example gives the \(required) rows it makes, not a figure")
            }
        }
    }
}

extension SpecLoader {
    /// The year of a return's spec to read a year's files with: that year's own, else the
    /// nearest there is (the earliest for a year before them all).
    func nearestYear(of returnName: String, to year: String) -> String? {
        let known = years(of: returnName)
        return known.contains(year) ? year : (known.last { $0 < year } ?? known.first)
    }
}
