import Foundation
import GRDB

/// Runs a scorecard's examples, as its documentation and its test. A measure's example gives
/// cohort rows and the figure they must make (and, if it says, how many children are counted
/// and not). A source's example gives its tables, each row with the `_year` of the return it is
/// in, and the cohort rows they must make, whatever the order of the rows; each year's rows are
/// read as that year's return, as a run reads them, and the years of the scorecard among them
/// are its years.
public struct ScorecardExamples: Sendable {
    public struct Result: Sendable {
        /// `measure A1` or `source ssda903`.
        public var subject: String
        public var example: String
        /// Why the example did not behave as documented; nil when it did.
        public var problem: String?
    }

    public let spec: ScorecardSpec
    public let specs: SpecLoader

    public init(spec: ScorecardSpec, specs: SpecLoader) { self.spec = spec; self.specs = specs }

    public func runAll() -> [Result] {
        spec.sources.flatMap { s in s.examples.map { e in result("source \(s.returnName)", e) { try check(e, of: s) } } }
            + spec.measures.flatMap { m in m.examples.map { e in result("measure \(m.name)", e) { try check(e, of: m) } } }
    }

    private func result(_ subject: String, _ e: ScorecardSpec.Example, _ check: () throws -> String?) -> Result {
        do { return Result(subject: subject, example: e.name, problem: try check()) } catch {
            return Result(subject: subject, example: e.name, problem: "\(error)")
        }
    }

    private func check(_ e: ScorecardSpec.Example, of m: ScorecardSpec.Measure) throws -> String? {
        let db = try ScorecardDatabase(spec: spec)
        let rows = try cohortRows(e)
        try db.insertCohort(rows)
        let years = Array(Set(rows.compactMap { $0["year"] })).sorted()
        let got = try MeasureResult.make(m, cohort: spec.cohort, in: db, years: years)
        var problems: [String] = []
        if got.figure != e.figure {
            problems.append("figure \(e.figure.map { MeasureResult.shown($0, m.unit) } ?? "none") expected, got \(got.figure.map { MeasureResult.shown($0, m.unit) } ?? "none")")
        }
        if let n = e.counted, n != got.counted { problems.append("\(n) counted expected, got \(got.counted)") }
        if let n = e.notCounted, n != got.notCounted { problems.append("\(n) not counted expected, got \(got.notCounted)") }
        return problems.isEmpty ? nil : problems.joined(separator: "; ")
    }

    /// As written, then with every table's rows in reverse order: the cohort must not depend on
    /// the order of records in a file.
    private func check(_ e: ScorecardSpec.Example, of source: ScorecardSpec.Source) throws -> String? {
        let expected = try cohortRows(e)
        let columns = spec.cohort.columns.map(\.name).filter { c in expected.contains { $0[c] != nil } }
        let want = expected.map { row in columns.map { row[$0] ?? "" }.joined(separator: ",") }.sorted()
        for reversed in [false, true] {
            let got = try cohort(e, of: source, reversed: reversed, columns: columns)
            guard got != want else { continue }
            return "expected the \(spec.cohort.name) rows (\(columns.joined(separator: ",")))\(reversed ? " with the rows of each table in reverse order" : ""):\n  "
                + (want.isEmpty ? "none" : want.joined(separator: "\n  ")) + "\ngot:\n  " + (got.isEmpty ? "none" : got.joined(separator: "\n  "))
        }
        return nil
    }

    /// The cohort an example's tables make, each row as its `columns` joined, sorted.
    private func cohort(_ e: ScorecardSpec.Example, of source: ScorecardSpec.Source, reversed: Bool, columns: [String]) throws -> [String] {
        let run = ScorecardRun(spec: spec, specs: specs)
        var byYear: [String: [InputFile]] = [:]
        for t in e.tables where t.name != spec.cohort.name {
            let (header, rows) = try Self.parse(t.csv)
            guard let y = header.firstIndex(of: ScorecardDatabase.yearColumn) else {
                throw ScorecardFailure(description: "the \(t.name) rows need a \(ScorecardDatabase.yearColumn) column: the year of the return each is in")
            }
            let kept = header.indices.filter { $0 != y }
            for (year, group) in Dictionary(grouping: reversed ? rows.reversed() : rows, by: { $0.indices.contains(y) ? $0[y] : "" }) {
                guard ReturnCatalog.collectionYear(year) == year else {
                    throw ScorecardFailure(description: "\(t.name): '\(year)' is not a year (write it 2026-27)")
                }
                let csv = ([header] + group).map { row in csvLine(kept.map { row.indices.contains($0) ? row[$0] : "" }) }.joined()
                byYear[year, default: []].append(InputFile(name: "\(source.returnName) example '\(e.name)' \(t.name) \(year)", data: Data(csv.utf8), table: t.name))
            }
        }
        let years = try byYear.keys.sorted().map { y in
            try run.load(byYear[y]!, source: source, stated: y, label: "\(source.returnName) \(y)", requireTables: false)
        }
        let made = try run.cohort(source, years).select("SELECT * FROM \(spec.cohort.name.quotedDatabaseIdentifier)")
        return made.rows.map { row in columns.map { c in made.columns.firstIndex(of: c).map { MeasureResult.text(row[$0]) } ?? "" }.joined(separator: ",") }.sorted()
    }

    /// The example's cohort rows by column, dates as ISO (an example may write them dd/mm/yyyy).
    private func cohortRows(_ e: ScorecardSpec.Example) throws -> [[String: String]] {
        let csv = e.tables.first { $0.name == spec.cohort.name }!.csv
        let (header, rows) = try Self.parse(csv)
        let columns = Dictionary(spec.cohort.columns.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        if let unknown = header.first(where: { columns[$0] == nil }) {
            throw ScorecardFailure(description: "\(spec.cohort.name) has no column \(unknown)")
        }
        return rows.map { row in
            Dictionary(header.indices.map { i in
                let value = row.indices.contains(i) ? row[i] : ""
                return (header[i], columns[header[i]]!.type == .date ? SimpleDate(dmy: value)?.iso ?? value : value)
            }, uniquingKeysWith: { a, _ in a })
        }
    }

    private static func parse(_ csv: String) throws -> (header: [String], rows: [[String]]) {
        var records: [[String]] = []
        try CSVReader(text: csv).forEachRecord { records.append($0.cells) }
        return (records.first ?? [], Array(records.dropFirst()))
    }
}
