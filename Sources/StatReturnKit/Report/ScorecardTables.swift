/// A scorecard as tables of cells, which the CSV files, the workbook and the page each lay out:
/// the summary (a row per measure) and, per measure, its children (who waited longest first).
enum ScorecardTables {
    static func summaryHeader(_ r: ScorecardResult) -> [(header: String, kind: Workbook.Column.Kind)] {
        [("Measure", .text), ("What it measures", .text), ("Figure", .number), ("Unit", .text), ("Threshold", .number),
         ("Against the threshold", .text), ("Children counted", .integer), ("Children not counted", .integer)]
            + r.covered.flatMap { [("Figure \($0)", Workbook.Column.Kind.number), ("Counted \($0)", .integer)] }
            + [("Years covered", .text), ("Definition", .text), ("Threshold's source", .text)]
    }

    static func summary(_ r: ScorecardResult) -> [[Workbook.Cell]] {
        r.measures.map { m in
            [.text(m.measure.name), .text(m.measure.label), number(m.figure), .text(m.measure.unit.rawValue), number(m.measure.threshold),
             .text(m.status.rawValue), .number(Double(m.counted)), .number(Double(m.notCounted))]
                + m.byYear.flatMap { [number($0.figure), .number(Double($0.counted))] }
                + [.text(r.coverage), .text(m.measure.source), m.measure.thresholdSource.map(Workbook.Cell.text) ?? .empty]
        }
    }

    static func childHeader(_ m: MeasureResult) -> [(header: String, kind: Workbook.Column.Kind)] {
        m.columns.map { c in (c.label, kind(of: c, in: m)) } + [("Not counted because", .text)]
    }

    static func children(_ m: MeasureResult) -> [[Workbook.Cell]] {
        m.rows.map { $0.cells + [$0.notCounted.map(Workbook.Cell.text) ?? .empty] }
    }

    /// A column is a date or a number when its values are.
    private static func kind(of column: MeasureResult.Column, in m: MeasureResult) -> Workbook.Column.Kind {
        let i = m.columns.firstIndex { $0.name == column.name }!
        let cells = m.rows.map { $0.cells[i] }.filter { $0 != .empty }
        if !cells.isEmpty && cells.allSatisfy({ if case .date = $0 { return true } else { return false } }) { return .date }
        if !cells.isEmpty && cells.allSatisfy({ if case .number = $0 { return true } else { return false } }) { return .number }
        return .text
    }

    private static func number(_ v: Double?) -> Workbook.Cell { v.map(Workbook.Cell.number) ?? .empty }

    /// A cell as CSV text: dates as dd/mm/yyyy, whole numbers without a point.
    static func text(_ cell: Workbook.Cell) -> String {
        switch cell {
        case .empty: return ""
        case .text(let s): return s
        case .date(let d): return d.dmy
        case .number(let n): return n == n.rounded() ? String(format: "%.0f", n) : String(n)
        }
    }
}
