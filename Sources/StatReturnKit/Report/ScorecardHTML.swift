import Foundation

/// `scorecard.html`: one self-contained page in the validation report's styles: the measures
/// against their thresholds, then each measure's children, longest waits first, with why any
/// child is not counted; where each definition comes from and what was read at the foot.
enum ScorecardHTML {
    static func render(_ r: ScorecardResult, marking: String = HTMLReport.defaultMarking) -> String {
        func esc(_ s: String) -> String { HTMLReport.esc(s) }
        let heading = "\(r.spec.title) to \(r.end.long)"
        var h = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(esc(heading))</title>
        <style>\(HTMLReport.style)
        td.n{text-align:right}tr.missed td:first-child{border-left:4px solid #c0392b}tr.met td:first-child{border-left:4px solid #2e7d32}
        tr.out{color:#666}</style></head><body>
        \(HTMLReport.markingLine(marking))
        <h1>\(esc(heading))</h1>
        """
        h += r.missing.isEmpty ? "<p class=\"totals\">Over \(esc(r.coverage)).</p>"
            : "<div class=\"warnings\"><p><b>The figures cover \(esc(r.coverage)).</b></p></div>"
        if !r.notes.isEmpty { h += "<div class=\"warnings\"><b>Read with notes</b><ul>" + r.notes.map { "<li>\(esc($0))</li>" }.joined() + "</ul></div>" }
        h += "<table class=\"teams\"><tr><th>Measure</th><th>What it measures</th><th>Figure</th><th>Threshold</th><th>Against the threshold</th><th>Children counted</th><th>Not counted</th>"
        h += r.covered.map { "<th>\(esc($0))</th>" }.joined() + "</tr>"
        for m in r.measures {
            let look = m.status == .missed ? "missed" : m.status == .met ? "met" : ""
            h += "<tr class=\"\(look)\"><td><a href=\"#\(esc(m.measure.name))\">\(esc(m.measure.name))</a></td>"
            h += "<td>\(esc(m.measure.label))</td><td class=\"n\"><b>\(esc(m.shown))</b></td><td class=\"n\">\(esc(m.thresholdShown ?? "-"))</td>"
            h += "<td>\(esc(m.status.rawValue))</td><td class=\"n\">\(m.counted)</td><td class=\"n\">\(m.notCounted)</td>"
            for y in m.byYear {
                let figure = y.figure.map { MeasureResult.shown($0, m.measure.unit) } ?? "-"
                h += "<td class=\"n\">\(esc(figure)) (\(y.counted))</td>"
            }
            h += "</tr>"
        }
        h += "</table><p>Each year's figure is followed by the children it counts.</p>"
        for m in r.measures {
            h += "<section class=\"team\" id=\"\(esc(m.measure.name))\"><h2>\(esc(m.measure.name)): \(esc(m.measure.label))"
            h += " <span class=\"counts\">\(esc(m.shown)), \(m.counted) child\(m.counted == 1 ? "" : "ren") counted, \(m.notCounted) not</span></h2>"
            h += "<p class=\"loc\">Definition: \(esc(m.measure.source))"
            if let t = m.measure.thresholdSource { h += "<br>Threshold \(esc(m.thresholdShown!)), \(esc(m.measure.better!.rawValue)) is better: \(esc(t))" }
            h += "</p><table><tr>" + ScorecardTables.childHeader(m).map { "<th>\(esc($0.header))</th>" }.joined() + "</tr>"
            for (row, cells) in zip(m.rows, ScorecardTables.children(m)) {
                h += "<tr\(row.notCounted == nil ? "" : " class=\"out\"")>" + cells.map { c -> String in
                    if case .number = c { return "<td class=\"n\">\(esc(ScorecardTables.text(c)))</td>" }
                    return "<td>\(esc(ScorecardTables.text(c)))</td>"
                }.joined() + "</tr>"
            }
            if m.rows.isEmpty { h += "<tr><td colspan=\"\(m.columns.count + 1)\">No child adopted in the years given.</td></tr>" }
            h += "</table></section>"
        }
        let when = DateFormatter()
        when.locale = Locale(identifier: "en_GB")
        when.dateFormat = "d MMMM yyyy 'at' HH:mm"
        h += "<footer><p>Made by StatReturn on \(esc(when.string(from: r.startedAt))) from the \(esc(r.source)) returns:</p><ul>"
        h += r.returns.map { y in
            "<li>\(esc(y.year)): \(esc(y.path)) (\(esc(y.yearFrom))\(r.covered.contains(y.year) ? "" : ", read for earlier records only"))</li>"
        }.joined()
        h += "</ul><p>The measures are defined in \(esc(r.spec.file)) (of \(esc(r.spec.definitionsYear))).</p>"
        return h + HTMLReport.markingLine(marking) + "</footer></body></html>\n"
    }
}
