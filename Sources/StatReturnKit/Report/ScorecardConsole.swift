/// A scorecard as printed at the end of a run: which years it covers, then a line per measure
/// (`A1  412 days  threshold 426 days  meets the threshold  ...`), then what was read.
public enum ScorecardConsole {
    public static func render(_ r: ScorecardResult) -> String {
        var out = "\(r.spec.title) to \(r.end.long): \(r.coverage)\n"
        if !r.missing.isEmpty { out += "NOTE: the figures cover \(ScorecardResult.list(r.covered)) only.\n" }
        let name = max(4, r.measures.map(\.measure.name.count).max() ?? 4)
        let figure = max(6, r.measures.map(\.shown.count).max() ?? 6)
        let threshold = r.measures.map { ($0.thresholdShown.map { "threshold " + $0 } ?? "").count }.max() ?? 0
        out += "\n"
        for m in r.measures {
            out += m.measure.name.padded(name) + "  " + m.shown.leftPadded(figure) + "  "
                + (m.thresholdShown.map { "threshold " + $0 } ?? "").padded(threshold) + "  " + m.status.rawValue.padded(27) + "  "
                + "\(m.counted) child\(m.counted == 1 ? "" : "ren")" + (m.notCounted > 0 ? " (\(m.notCounted) not counted)" : "") + "  "
                + m.measure.label.truncated(80) + "\n"
        }
        out += "\nRead:\n"
        for y in r.returns {
            let use = r.covered.contains(y.year) ? "" : ", for earlier records only"
            out += "  \(y.year): \(y.path) (\(y.yearFrom)\(use))\n"
        }
        for n in r.notes { out += "  note: \(n)\n" }
        return out
    }
}
