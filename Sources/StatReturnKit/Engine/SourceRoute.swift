import Foundation
import GRDB

/// A return made from a dataset the council keeps (its Standard Safeguarding Dataset): the
/// dataset is read (a folder of its tables, an SQLite file or a PostgreSQL database) and checked
/// by its own spec, then each return table is selected from it by the return's mapping
/// (`from-<source>.yml`) and handed on as feeds, which the return then reads like any file.
public struct SourceRoute: Sendable {
    public let mapping: SourceMapping
    /// The dataset's own spec (`Specs/<source>/<version>/`).
    public let datasetSpec: ReturnSpec
    private let spec: ReturnSpec

    public init(spec: ReturnSpec, source: String, loader: SpecLoader) throws {
        guard let mapping = spec.sources[source], let version = mapping.version else {
            throw InputError(file: "--input \(source)", problem: "\(spec.title) \(spec.year) is not made from \(source)")
        }
        self.spec = spec
        self.mapping = mapping
        datasetSpec = try loader.load(returnName: mapping.source, year: version)
    }

    /// What a dataset gave: its own check, and the return's tables derived from it.
    public struct Derived: Sendable {
        public var checked: ValidationResult
        public var feeds: [TableFeed]
        /// The owners the dataset's allocations name, when the mapping says how to find them.
        public var owners: Owners?
    }

    /// Reads and checks the dataset at `path` (a folder or file of its tables, an SQLite file or
    /// a `postgres://` URL) and derives the return's tables. `parameters` are the run's; the
    /// dataset takes those it declares (e.g. the extract date).
    /// The dataset's findings are owned by `owners`, or else by the allocations it names.
    public func derive(from path: String, parameters: [String: String], owners given: Owners = Owners(),
                       fix: Bool = false, legacyEncoding: Bool = false) throws -> Derived {
        var validator = Validator(spec: datasetSpec)
        validator.fix = fix
        validator.requireTables = true
        validator.parameters = try RunInputs(files: [], parameters: parameters.filter { p in datasetSpec.parameters.contains { $0.name == p.key } })
            .checkedParameters(for: datasetSpec)
        let loaded: LoadedReturn
        var notes: [String] = []
        if DatabaseSource.isDatabase(path) {
            let read = try DatabaseSource.feeds(path, spec: datasetSpec)
            notes = read.notes
            loaded = try validator.load([], feeds: read.feeds)
        } else {
            var files = try InputFile.collect(paths: [path])
            if legacyEncoding { files = files.map { var f = $0; f.legacyEncoding = true; return f } }
            loaded = try validator.load(files)
        }
        let allocated = try owners(from: loaded, label: path, parameters: parameters)
        var checked = try validator.check(loaded, owners: given.isEmpty ? allocated ?? given : given)
        checked.warnings = notes + checked.warnings
        return Derived(checked: checkedOnItsOwnFor(checked), feeds: try feeds(from: loaded, label: path, parameters: parameters), owners: allocated)
    }

    /// A dataset that is itself a return (the 903 the ASGLB is made from) may take inputs of its
    /// own (last year's return, reference lists) that a return made from it is not given: its
    /// rules that need them are said to be for a check of that return on its own, naming no
    /// option the command does not take. The values it shares with the return keep theirs.
    private func checkedOnItsOwnFor(_ checked: ValidationResult) -> ValidationResult {
        let byInput = Set(checked.notRun.flatMap(\.needs).filter { need in
            !datasetSpec.parameters.contains { $0.name == need } && datasetSpec.supplier(of: need) != nil
        })
        guard !byInput.isEmpty else { return checked }
        let options = Set(byInput.compactMap { datasetSpec.supplier(of: $0)?.option })
        let own = "statreturn validate \(datasetSpec.returnName) --year \(datasetSpec.year)"
        var r = checked
        r.notRun = r.notRun.map { s in
            guard s.needs.contains(where: byInput.contains) else { return s }
            var s = s
            s.reason = "needs " + s.needs.map { datasetSpec.supplier(of: $0)?.what ?? "the \($0) table" }.joined(separator: ", ")
                + " of \(datasetSpec.title), made only when it is checked on its own (\(own))"
            return s
        }
        let theirs = r.wanted.filter { $0.option.map(options.contains) ?? false }
        let rules = Array(Set(theirs.flatMap(\.rules))).sorted { $0.localizedStandardCompare($1) == .orderedAscending }
        r.wanted = (r.wanted.filter { !($0.option.map(options.contains) ?? false) }
            + [.init(what: "what \(datasetSpec.title) is checked with on its own (\(own))", option: nil, rules: rules)])
            .sorted(by: ValidationResult.Wanted.mostWanted)
        return r
    }

    /// The mapping's owners query, run like a table's, read as an owners list.
    private func owners(from loaded: LoadedReturn, label: String, parameters: [String: String]) throws -> Owners? {
        guard let sql = mapping.owners else { return nil }
        let feed = try loaded.database.queue.read { db in
            try MappingQuery.feed(sql, table: "owners", entry: "owners", of: mapping, for: spec, columns: ["child", "team", "worker"],
                                  dates: [], in: db, values: values(parameters), label: DatabaseSource.shown(label))
        }
        return try Owners(rows: feed, file: "\(feed.label) (the allocations \(mapping.file) names)")
    }

    private func feeds(from loaded: LoadedReturn, label: String, parameters: [String: String]) throws -> [TableFeed] {
        try loaded.database.queue.read { db in
            try MappingQuery.feeds(mapping, for: spec, in: db, values: values(parameters), label: DatabaseSource.shown(label))
        }
    }

    /// As for rules: the run's values and the return's collection dates.
    private func values(_ parameters: [String: String]) -> [String: String] {
        parameters.merging(spec.period(for: parameters).parameters) { a, _ in a }
    }
}
