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
        guard let mapping = spec.sources[source] else {
            throw InputError(file: "--input \(source)", problem: "\(spec.title) \(spec.year) is not made from \(source)")
        }
        self.spec = spec
        self.mapping = mapping
        datasetSpec = try loader.load(returnName: mapping.source, year: mapping.version)
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
        let feed = try run(SourceMapping.Query(table: "owners", sql: sql), columns: ["child", "team", "worker"], dates: [],
                           on: loaded, label: label, parameters: parameters)
        return try Owners(rows: feed, file: "\(feed.label) (the allocations \(mapping.file) names)")
    }

    /// Each of the mapping's queries, run over the loaded dataset. A query must give exactly its
    /// table's columns (besides `_source`); dates come out in the return's own format.
    private func feeds(from loaded: LoadedReturn, label: String, parameters: [String: String]) throws -> [TableFeed] {
        try mapping.tables.map { query in
            let table = spec.table(query.table)!
            return try run(query, columns: table.fields.filter { !$0.extra }.map(\.name), optional: table.fields.filter(\.extra).map(\.name),
                           dates: Set(table.fields.filter { $0.type == .date }.map(\.name)), on: loaded, label: label, parameters: parameters)
        }
    }

    private func run(_ query: SourceMapping.Query, columns wanted: [String], optional: [String] = [], dates: Set<String>,
                     on loaded: LoadedReturn, label: String, parameters: [String: String]) throws -> TableFeed {
        let shown = DatabaseSource.shown(label)
        let entry = query.table == "owners" ? "owners" : "tables.\(query.table)"
        let fail = { (problem: String) in SpecError(file: mapping.file, entry: entry, problem: problem) }
        return try loaded.database.queue.read { db in
            SQLFunctions.registerMapping(in: db, codeLists: spec.codeLists)
            let statement: Statement
            do { statement = try db.makeStatement(sql: query.sql) } catch let e as DatabaseError {
                throw fail("the SQL does not compile: \(e.message ?? "\(e)")")
            }
            let columns = statement.columnNames
            let missing = wanted.filter { !columns.contains($0) }
            let unknown = columns.filter { !wanted.contains($0) && !optional.contains($0) && $0 != "_source" }
            if !missing.isEmpty || !unknown.isEmpty {
                throw fail("the SELECT must give the columns " + wanted.joined(separator: ", ")
                           + (missing.isEmpty ? "" : "; it lacks \(missing.joined(separator: ", "))")
                           + (unknown.isEmpty ? "" : "; it gives \(unknown.joined(separator: ", ")), which are not among them"))
            }
            // As for rules: every value is offered, a query binds those it names.
            statement.setUncheckedArguments(StatementArguments(parameters.merging(spec.period(for: parameters).parameters) { a, _ in a }))
            let header = columns.filter { $0 != "_source" }
            let source = columns.firstIndex(of: "_source")
            let dateColumns = Set(header.indices.filter { dates.contains(header[$0]) })
            var rows: [[String]] = [], origins: [String] = []
            do {
                let cursor = try Row.fetchCursor(statement)
                while let row = try cursor.next() {
                    var cells: [String] = []
                    cells.reserveCapacity(header.count)
                    for i in 0..<row.count where i != source {
                        let text = SQLiteReader.text(row[i] as DatabaseValue)
                        cells.append(dateColumns.contains(cells.count) ? spec.dateFormat.write(isoOrAsIs: text) : text)
                    }
                    rows.append(cells)
                    origins.append(source.map { SQLiteReader.text(row[$0] as DatabaseValue) } ?? "")
                }
            } catch let e as DatabaseError {
                throw fail("the SQL failed: \(e.message ?? "\(e)")")
            }
            return TableFeed(table: query.table, label: "\(shown) as \(query.table)", header: header, rows: rows,
                             origins: source == nil ? nil : origins)
        }
    }
}

extension ReturnSpec.DateFormat {
    /// An ISO date written in this format; any other text as it is (ingest then reports it).
    func write(isoOrAsIs text: String) -> String {
        guard self == .dmy, let d = SimpleDate(iso: text) else { return text }
        return d.dmy
    }
}
