import GRDB

extension MeasureResult {
    /// Runs a measure's SQL over the cohort and makes its figure: the `aggregate` of the values
    /// of the children counted, overall and for each of `years`. A child whose row gives a reason
    /// not to count it, or no value, is listed and not counted, never dropped.
    static func make(_ measure: ScorecardSpec.Measure, cohort: ScorecardSpec.Cohort, in db: ScorecardDatabase, years: [String]) throws -> MeasureResult {
        let (names, rows) = try db.select(measure.sql)
        let at = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let labels = Dictionary(cohort.columns.map { ($0.name, $0.label) }, uniquingKeysWith: { a, _ in a }).merging(measure.labels ?? [:]) { _, b in b }
        let shown = names.filter { $0 != reasonColumn }
        var children: [ChildRow] = [], values: [(year: String, value: Double)] = []
        for row in rows {
            let value = Double.fromDatabaseValue(row[at["value"]!])
            let reason = at[reasonColumn].flatMap { String.fromDatabaseValue(row[$0]) } ?? (value == nil ? "no value" : nil)
            let child = ChildRow(child: text(row[at["child"]!]), year: text(row[at["year"]!]), notCounted: reason,
                                 cells: shown.map { cell(row[at[$0]!]) })
            if reason == nil, let value { values.append((child.year, value)) }
            children.append(child)
        }
        let figure = aggregate(values.map(\.value), measure.aggregate)
        let status: Status
        switch (figure, measure.threshold, measure.better) {
        case (nil, _, _): status = .noChildren
        case (let f?, let t?, .higher?): status = f >= t ? .met : .missed
        case (let f?, let t?, _): status = f <= t ? .met : .missed
        default: status = .noThreshold
        }
        return MeasureResult(
            measure: measure, figure: figure, counted: values.count, notCounted: children.count - values.count,
            byYear: years.map { y in
                let of = values.filter { $0.year == y }.map(\.value)
                return YearFigure(year: y, figure: aggregate(of, measure.aggregate), counted: of.count)
            },
            status: status, columns: shown.map { Column(name: $0, label: labels[$0] ?? $0) }, rows: children)
    }

    /// Rounded to the whole day or percent; nil for no values.
    private static func aggregate(_ values: [Double], _ kind: ScorecardSpec.Measure.Aggregate) -> Double? {
        guard !values.isEmpty else { return nil }
        switch kind {
        case .mean: return (values.reduce(0, +) / Double(values.count)).rounded()
        case .percent: return (100 * Double(values.filter { $0 != 0 }.count) / Double(values.count)).rounded()
        }
    }

    static func text(_ v: DatabaseValue) -> String {
        switch v.storage {
        case .null: return ""
        case .int64(let i): return String(i)
        case .double(let d): return d == d.rounded() ? String(format: "%.0f", d) : String(d)
        case .string(let s): return s
        case .blob: return ""
        }
    }

    /// A value as reports show it: an ISO date as a date, a number as a number.
    private static func cell(_ v: DatabaseValue) -> Workbook.Cell {
        switch v.storage {
        case .null, .blob: return .empty
        case .int64(let i): return .number(Double(i))
        case .double(let d): return .number(d)
        case .string(let s): return SimpleDate(iso: s).map(Workbook.Cell.date) ?? (s.isEmpty ? .empty : .text(s))
        }
    }
}
