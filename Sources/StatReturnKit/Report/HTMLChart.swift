/// A small horizontal bar chart as inline SVG (the report loads nothing): one bar per row,
/// errors in red then queries in amber, the count at the end.
enum HTMLChart {
    static func bars(title: String, _ rows: [(label: String, errors: Int, queries: Int)], more: String? = nil) -> String {
        let labelWidth = 150, barWidth = 260, rowHeight = 20, top = 22
        let most = max(1, rows.map { $0.errors + $0.queries }.max() ?? 1)
        let height = top + rows.count * rowHeight + (more == nil ? 4 : 22)
        var s = "<svg role=\"img\" aria-label=\"\(HTMLReport.esc(title))\" width=\"\(labelWidth + barWidth + 60)\" height=\"\(height)\">"
        s += "<text x=\"0\" y=\"14\" font-weight=\"bold\">\(HTMLReport.esc(title))</text>"
        for (i, r) in rows.enumerated() {
            let y = top + i * rowHeight
            let e = r.errors * barWidth / most, q = r.queries * barWidth / most
            let label = r.label.count > 22 ? String(r.label.prefix(21)) + "…" : r.label
            s += "<text x=\"0\" y=\"\(y + 14)\"><title>\(HTMLReport.esc(r.label))</title>\(HTMLReport.esc(label))</text>"
            s += "<rect x=\"\(labelWidth)\" y=\"\(y + 3)\" width=\"\(e)\" height=\"14\" fill=\"#c0392b\"/>"
            s += "<rect x=\"\(labelWidth + e)\" y=\"\(y + 3)\" width=\"\(q)\" height=\"14\" fill=\"#e0a800\"/>"
            s += "<text x=\"\(labelWidth + e + q + 4)\" y=\"\(y + 14)\">\(r.errors + r.queries)</text>"
        }
        if let more { s += "<text x=\"0\" y=\"\(height - 6)\" fill=\"#666\">\(HTMLReport.esc(more))</text>" }
        return s + "</svg>"
    }

    /// Open errors and queries at each run, oldest left, as stacked columns (the last 60 runs).
    static func trend(title: String, _ runs: [(label: String, errors: Int, queries: Int)]) -> String {
        let shown = Array(runs.suffix(60))
        let width = 620, height = 180, top = 24, bottom = 20
        let most = max(1, shown.map { $0.errors + $0.queries }.max() ?? 1)
        let step = Double(width - 40) / Double(max(shown.count, 1))
        var s = "<svg role=\"img\" aria-label=\"\(HTMLReport.esc(title))\" width=\"\(width)\" height=\"\(height)\">"
        s += "<text x=\"0\" y=\"14\" font-weight=\"bold\">\(HTMLReport.esc(title))</text>"
        let plot = Double(height - top - bottom)
        for (i, r) in shown.enumerated() {
            let x = 40 + Double(i) * step
            let e = Double(r.errors) / Double(most) * plot, q = Double(r.queries) / Double(most) * plot
            let base = Double(height - bottom)
            s += "<rect x=\"\(Int(x))\" y=\"\(Int(base - e))\" width=\"\(max(1, min(24, Int(step * 0.8))))\" height=\"\(Int(e))\" fill=\"#c0392b\"><title>\(HTMLReport.esc(r.label)): \(r.errors) errors, \(r.queries) queries</title></rect>"
            s += "<rect x=\"\(Int(x))\" y=\"\(Int(base - e - q))\" width=\"\(max(1, min(24, Int(step * 0.8))))\" height=\"\(Int(q))\" fill=\"#e0a800\"/>"
        }
        s += "<text x=\"0\" y=\"\(top + 10)\">\(most)</text><text x=\"0\" y=\"\(height - bottom)\">0</text>"
        if let first = shown.first, let last = shown.last {
            s += "<text x=\"40\" y=\"\(height - 4)\">\(HTMLReport.esc(first.label))</text>"
            s += "<text x=\"\(width - 4)\" y=\"\(height - 4)\" text-anchor=\"end\">\(HTMLReport.esc(last.label))</text>"
        }
        return s + "</svg>"
    }
}
