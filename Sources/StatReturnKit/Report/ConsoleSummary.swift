/// The summary printed at the end of a run: totals, then findings by rule.
public enum ConsoleSummary {
    public static func render(_ r: ValidationResult) -> String {
        var out = "\(r.title) \(r.year)\n"
        for t in r.tables {
            out += "  \(t.name): \(t.rows) record\(t.rows == 1 ? "" : "s") from \(t.files.joined(separator: ", "))\n"
        }
        for w in r.warnings { out += "  warning: \(w)\n" }
        if !r.fixes.isEmpty {
            out += "  normalised \(r.fixes.count) value\(r.fixes.count == 1 ? "" : "s") before checking (see fixes.csv)\n"
        }
        let children = Set(r.findings.map(\.child).filter { !$0.isEmpty }).count
        out += "\n\(r.errorCount) error\(r.errorCount == 1 ? "" : "s"), \(r.queryCount) quer\(r.queryCount == 1 ? "y" : "ies")"
        out += " on \(children) child\(children == 1 ? "" : "ren"); \(r.rulesRun) rules run\n"
        let following = r.findings.filter { !$0.causedBy.isEmpty }.count
        if following > 0 {
            out += "\(following) of these follow from a value another finding already says is malformed (caused_by in the reports): fix that value first\n"
        }
        if r.fixableErrors > 0 {
            out += "\(r.fixableErrors) of these would be cleared by --fix (a value written another way: spaces, case, a date as yyyy-mm-dd, a label for a code, an ID a spreadsheet took for a number); run again with --fix\n"
        }
        let summary = RuleSummary.of(r.findings)
        if !summary.isEmpty {
            let width = max(4, summary.map(\.code.count).max() ?? 4)
            out += "\n" + "code".padded(width) + "  severity  findings  children  message\n"
            for s in summary {
                out += s.code.padded(width) + "  " + s.severity.rawValue.padded(8) + "  "
                    + String(s.findings).leftPadded(8) + "  " + String(s.children).leftPadded(8) + "  "
                    + s.message.truncated(90) + "\n"
            }
        }
        let teams = FindingGroups(r.findings).teams
        if !teams.isEmpty {
            let width = max(4, teams.map(\.name.count).max() ?? 4)
            out += "\n" + "team".padded(width) + "  errors  queries  children\n"
            for t in teams {
                out += t.name.padded(width) + "  " + String(t.counts.errors).leftPadded(6) + "  "
                    + String(t.counts.queries).leftPadded(7) + "  " + String(t.counts.children).leftPadded(8) + "\n"
            }
        }
        if let owners = r.owners { out += "\nOwners: \(owners.summary)\n" }
        if !r.notRun.isEmpty {
            out += "\n\(r.notRun.count) rule\(r.notRun.count == 1 ? "" : "s") not run, for want of (rules can want several; the reports list them):\n"
            let width = min(40, r.wanted.map(\.what.count).max() ?? 0)
            for w in r.wanted {
                out += "  " + w.what.padded(width) + "  " + String(w.rules.count).leftPadded(4) + " rule\(w.rules.count == 1 ? " " : "s")"
                    + (w.option.map { "  give it with \($0)" } ?? "") + "\n"
            }
        }
        if !r.failed.isEmpty {
            out += "\nRULES THAT FAILED TO RUN (\(r.failed.count)) - an error of StatReturn or its spec; their checks were NOT made:\n"
            for s in r.failed { out += "  \(s.code): \(s.reason)\n" }
        }
        return out
    }
}

extension String {
    public func padded(_ n: Int) -> String { count >= n ? self : self + String(repeating: " ", count: n - count) }
    public func leftPadded(_ n: Int) -> String { count >= n ? self : String(repeating: " ", count: n - count) + self }
    /// On one line, cut to `n` characters with an ellipsis.
    public func truncated(_ n: Int) -> String {
        let oneLine = split(whereSeparator: \.isNewline).joined(separator: " ")
        return oneLine.count <= n ? oneLine : String(oneLine.prefix(n - 1)) + "…"
    }
}
