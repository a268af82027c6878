/// `scorecard.xlsx`: the measures on the first sheet (a figure that does not meet its threshold
/// in red), a sheet per measure with its children, longest waits first, and "About": the years
/// covered, the returns read, and where each definition comes from.
enum ScorecardWorkbook {
    static func make(_ r: ScorecardResult) -> Workbook {
        let long: Set<String> = ["What it measures", "Years covered", "Definition", "Threshold's source"]
        var summary = Workbook.Sheet(name: "Scorecard", columns: ScorecardTables.summaryHeader(r).map {
            Workbook.Column($0.header, $0.kind, width: long.contains($0.header) ? 50 : nil, wrap: long.contains($0.header))
        })
        summary.rows = zip(r.measures, ScorecardTables.summary(r)).map { m, cells in
            Workbook.Row(cells, style: m.status == .missed ? .error : nil)
        }
        let measures = r.measures.map { m in
            Workbook.Sheet(name: m.measure.name, columns: ScorecardTables.childHeader(m).map { Workbook.Column($0.header, $0.kind) },
                           rows: ScorecardTables.children(m).map { Workbook.Row($0) })
        }
        var about = Workbook.Sheet(name: "About", columns: [Workbook.Column("Item"), Workbook.Column("Value", width: 100, wrap: true)])
        about.autofilter = false
        func line(_ item: String, _ value: String) { about.rows.append(Workbook.Row([.text(item), .text(value)])) }
        line("Scorecard", "\(r.spec.title) to \(r.end.long)")
        line("Years covered", r.coverage)
        for y in r.returns {
            line("Return \(y.year)", "\(r.source) \(y.path) (\(y.yearFrom)" + (r.covered.contains(y.year) ? "" : ", read for earlier records only") + ")")
        }
        for n in r.notes { line("Note", n) }
        for m in r.measures {
            line(m.measure.name, m.measure.label)
            line("\(m.measure.name) definition", m.measure.source)
            if let t = m.measure.thresholdSource { line("\(m.measure.name) threshold", "\(m.thresholdShown!) (\(m.measure.better!.rawValue) is better); \(t)") }
        }
        line("Definitions", "\(r.spec.file) (of \(r.spec.definitionsYear))")
        return Workbook(sheets: [summary] + measures + [about])
    }
}
