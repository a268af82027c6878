import Foundation
import GRDB

/// Works out a scorecard from returns of several years: each year's files are read by the
/// usual loading (the Validator, with the spec of that year, or the nearest there is) into its
/// own database; the source's tables of every year are put together, the source's SQL makes
/// the cohort, and each measure's SQL gives its children and figure.
public struct ScorecardRun: Sendable {
    public let spec: ScorecardSpec
    public let specs: SpecLoader
    /// Read text that is not UTF-8 as Windows-1252 (`--encoding windows-1252`).
    public var legacyEncoding = false

    public init(spec: ScorecardSpec, specs: SpecLoader) { self.spec = spec; self.specs = specs }

    /// The return specs a run reads its years with, each loaded once.
    private final class ReturnSpecs: @unchecked Sendable {
        var byYear: [String: ReturnSpec] = [:]
    }
    private let returnSpecs = ReturnSpecs()

    /// One year's return, given as `--input NAME=PATH`: NAME is the source's return
    /// (`ssda903`, the year told from the return's dates) or the return and its year
    /// (`ssda903-2025-26`).
    struct Given {
        var source: ScorecardSpec.Source
        var year: String?
        var path: String
    }

    /// A year's return, read.
    struct LoadedYear {
        var year: String
        var period: CollectionPeriod
        var spec: ReturnSpec
        var loaded: LoadedReturn
        var read: ScorecardResult.ReturnRead
        var notes: [String]
    }

    public func run(_ named: [(name: String, path: String)]) throws -> ScorecardResult {
        let given = try named.map(parse)
        guard let first = given.first else {
            throw InputError(file: "the command line", problem: "give each year's return as --input \(spec.sources[0].returnName)=PATH (\(Self.sourceList(spec)))")
        }
        if let other = given.first(where: { $0.source.returnName != first.source.returnName }) {
            throw InputError(file: other.path, problem: "is given as \(other.source.returnName), and \(first.path) as \(first.source.returnName): "
                             + "the scorecard is made from one kind of return at a time")
        }
        var paths: [String: String] = [:]
        for g in given {
            if let earlier = paths.updateValue(g.path, forKey: OutputTarget.canonical(g.path)) {
                throw InputError(file: g.path, problem: "is given twice (also as \(earlier))")
            }
        }
        var years: [LoadedYear] = []
        for g in given {
            let files = try RunInputs(files: [g.path], legacyEncoding: legacyEncoding).inputFiles(for: try returnSpec(g.source, g.year ?? spec.year))
            let y = try load(files, source: g.source, stated: g.year, label: g.path, requireTables: true)
            if let twin = years.first(where: { $0.year == y.year }) {
                throw InputError(file: g.path, problem: "is the \(y.year) return (\(y.read.yearFrom)), and so is \(twin.read.path): give one return a year")
            }
            if y.year > spec.year {
                throw InputError(file: g.path, problem: "is the \(y.year) return (\(y.read.yearFrom)), after the scorecard's year \(spec.year)"
                                 + (g.year == nil ? "; if that date is a mistake, say the year: --input \(g.source.returnName)-\(spec.year)=\(g.path)" : ""))
            }
            years.append(y)
        }
        guard years.contains(where: { spec.window.contains($0.year) }) else {
            throw InputError(file: ScorecardResult.list(years.map(\.read.path)), problem: "none is of the scorecard's years (\(ScorecardResult.list(spec.window))): they are of "
                             + ScorecardResult.list(years.map(\.year).sorted()))
        }
        var result = try work(first.source, years.sorted { $0.year < $1.year })
        result.notes = years.sorted { $0.year < $1.year }.flatMap(\.notes)
        return result
    }

    /// The cohort and the measures, from the years read. Years before the scorecard's are read
    /// for children's earlier records; the cohort is the children of the scorecard's years.
    func work(_ source: ScorecardSpec.Source, _ years: [LoadedYear]) throws -> ScorecardResult {
        let covered = years.filter { spec.window.contains($0.year) }
        let db = try cohort(source, years)
        let measures = try spec.measures.map { m in
            do { return try MeasureResult.make(m, cohort: spec.cohort, in: db, years: covered.map(\.year)) } catch {
                throw ScorecardFailure(description: "\(spec.file): measures.\(m.name): failed: \(ScorecardDatabase.reason(error))")
            }
        }
        return ScorecardResult(spec: spec, source: source.returnName, covered: covered.map(\.year),
                               history: years.filter { !spec.window.contains($0.year) }.map(\.year),
                               returns: years.map(\.read), notes: [], measures: measures,
                               end: Self.period(of: spec.year, try returnSpec(source, spec.year)).end)
    }

    /// The source's tables of every year read, and the cohort made from them.
    func cohort(_ source: ScorecardSpec.Source, _ years: [LoadedYear]) throws -> ScorecardDatabase {
        let covered = years.filter { spec.window.contains($0.year) }
        var fields: [String: [FieldSpec]] = [:]
        for y in years {
            for t in source.tables {
                for f in y.spec.table(t)?.fields ?? [] where !(fields[t] ?? []).contains(where: { $0.name == f.name }) { fields[t, default: []].append(f) }
            }
        }
        let db = try ScorecardDatabase(spec: spec, tables: source.tables.map { ($0, fields[$0] ?? []) }, years: covered.map { ($0.year, $0.period) })
        for y in years {
            for t in source.tables { if let table = y.spec.table(t) { try db.add(table, from: y.loaded, year: y.year) } }
        }
        do {
            try db.makeCohort(source)
        } catch {
            throw ScorecardFailure(description: "\(spec.file): sources.\(source.returnName).sql: failed: \(ScorecardDatabase.reason(error))")
        }
        return db
    }

    /// Reads a year's files; their year is the one stated, else the year of the latest date in
    /// them (the source's `recognise_year`), and they are read again with that year's spec when
    /// it is another.
    func load(_ files: [InputFile], source: ScorecardSpec.Source, stated: String?, label: String, requireTables: Bool) throws -> LoadedYear {
        var year = stated ?? spec.year
        var (returnSpec, loaded) = try read(files, source, year, requireTables)
        let latest = try loaded.database.queue.read { db in
            try String.fetchOne(db, sql: source.recogniseYear).flatMap { SimpleDate(iso: $0) }
        }
        let told = latest.map { CollectionYear.containing($0, periodStart: returnSpec.period.start) }
        var notes: [String] = []
        let yearFrom: String
        if let stated {
            yearFrom = "as given"
            if let told, let latest, told != stated {
                notes.append("\(label): given as the \(stated) return, but its latest date, \(latest.dmy), is in \(told)")
            }
        } else {
            guard let told, let latest else {
                throw InputError(file: label, problem: "has no date to tell its year by; say which year it is: --input \(source.returnName)-\(spec.year)=\(label)")
            }
            year = told
            yearFrom = "its latest date, \(latest.dmy)"
            // Read again only for another spec: the period a load is given shapes only the
            // return's derived tables, which no scorecard reads.
            if specs.nearestYear(of: source.returnName, to: year) != returnSpec.year {
                (returnSpec, loaded) = try read(files, source, year, requireTables)
            }
        }
        if returnSpec.year != year {
            notes.append("\(label): the \(year) return was read with the \(returnSpec.year) spec, the nearest StatReturn has")
        }
        let unread = loaded.ingestor.malformed.filter { source.tables.contains($0.table) }.count
        if unread > 0 {
            notes.append("\(label): \(unread) value\(unread == 1 ? "" : "s") in \(ScorecardResult.list(source.tables)) could not be read (malformed, or not in their lists) "
                         + "and count as blank; `statreturn validate \(source.returnName) --year \(year)` lists them")
        }
        return LoadedYear(year: year, period: Self.period(of: year, returnSpec), spec: returnSpec, loaded: loaded,
                          read: .init(year: year, path: label, specYear: returnSpec.year, yearFrom: yearFrom), notes: notes)
    }

    private func read(_ files: [InputFile], _ source: ScorecardSpec.Source, _ year: String, _ requireTables: Bool) throws -> (ReturnSpec, LoadedReturn) {
        let returnSpec = try self.returnSpec(source, year)
        var validator = Validator(spec: returnSpec, workers: 1)
        validator.period = Self.period(of: year, returnSpec)
        validator.requireTables = requireTables
        return (returnSpec, try validator.load(files))
    }

    /// A year's collection period: the spec's, moved to that year.
    private static func period(of year: String, _ spec: ReturnSpec) -> CollectionPeriod {
        spec.period.shifted(years: (CollectionYear.first(of: year) ?? 0) - (CollectionYear.first(of: spec.year) ?? 0))
    }

    private func returnSpec(_ source: ScorecardSpec.Source, _ year: String) throws -> ReturnSpec {
        let specYear = specs.nearestYear(of: source.returnName, to: year)!
        let key = "\(source.returnName) \(specYear)"
        if let known = returnSpecs.byYear[key] { return known }
        let spec = try specs.load(returnName: source.returnName, year: specYear)
        returnSpecs.byYear[key] = spec
        return spec
    }

    private func parse(_ item: (name: String, path: String)) throws -> Given {
        for s in spec.sources {
            if item.name == s.returnName { return Given(source: s, year: nil, path: item.path) }
            guard item.name.hasPrefix(s.returnName + "-") else { continue }
            let typed = String(item.name.dropFirst(s.returnName.count + 1))
            guard let year = ReturnCatalog.collectionYear(typed) else {
                throw InputError(file: "--input \(item.name)", problem: "'\(typed)' is not a collection year (write it \(s.returnName)-\(spec.year))")
            }
            return Given(source: s, year: year, path: item.path)
        }
        throw InputError(file: "--input \(item.name)", problem: "the \(spec.title.lowercased()) is made from \(Self.sourceList(spec))")
    }

    private static func sourceList(_ spec: ScorecardSpec) -> String {
        ScorecardResult.list(spec.sources.map { "\($0.returnName) (or \($0.returnName)-\(spec.year) to say the year)" })
    }
}

/// A scorecard's SQL that failed as it ran: an error of the spec, not of the data.
public struct ScorecardFailure: Error, CustomStringConvertible {
    public let description: String
}
