import Foundation

/// `report.html`: one self-contained page (no network) for the people who fix records. It opens
/// on the teams (what each has to fix, linked to its section), then charts, then the findings
/// grouped by team, worker and child with filters; what was read and when is at the foot.
public enum HTMLReport {
    public static func render(_ r: ValidationResult, marking: String = defaultMarking) -> String {
        let groups = FindingGroups(r.findings)
        let summary = RuleSummary.of(r.findings)
        let children = Set(r.findings.map(\.child).filter { !$0.isEmpty }).count
        var h = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(esc(r.title)) \(esc(r.year)) - validation report</title>
        <style>\(style)</style></head><body>
        \(markingLine(marking))
        <h1>\(esc(r.title)) \(esc(r.year))</h1>
        <p class="totals"><b>\(r.errorCount)</b> error\(r.errorCount == 1 ? "" : "s") and <b>\(r.queryCount)</b>
        quer\(r.queryCount == 1 ? "y" : "ies") on <b>\(children)</b> child\(children == 1 ? "" : "ren"); \(r.rulesRun) checks made.</p>
        """
        if !r.failed.isEmpty {
            h += "<div class=\"failed\"><h2>Checks that failed to run</h2><p>These checks were not made: an error of StatReturn or its spec, not of the data. Report it.</p><ul>"
            h += r.failed.map { "<li><b>\(esc($0.code))</b>: \(esc($0.reason))</li>" }.joined() + "</ul></div>"
        }
        if !r.warnings.isEmpty {
            h += "<div class=\"warnings\"><b>Read with warnings</b><ul>" + r.warnings.map { "<li>\(esc($0))</li>" }.joined() + "</ul></div>"
        }
        if let o = r.owners { h += owners(o) }
        h += teamTable(groups)
        if !r.findings.isEmpty {
            h += "<div class=\"charts\">"
            h += HTMLChart.bars(title: "Findings by team", groups.teams.map { ($0.name, $0.counts.errors, $0.counts.queries) })
            let most = summary.sorted { $0.findings > $1.findings }  // stable: ties stay in rule order
            h += HTMLChart.bars(title: "Findings by rule", most.prefix(15).map {
                ($0.code, $0.severity == .error ? $0.findings : 0, $0.severity == .error ? 0 : $0.findings)
            }, more: summary.count > 15 ? "and \(summary.count - 15) more rules below" : nil)
            h += "</div>"
        }
        h += "<details class=\"rules\"><summary>By rule: \(summary.count) rule\(summary.count == 1 ? "" : "s") with findings</summary><table>"
        h += "<tr><th>Rule</th><th>Severity</th><th>Findings</th><th>Children</th><th>What is wrong</th></tr>"
        for s in summary {
            h += "<tr class=\"\(s.severity.rawValue)\"><td><a href=\"#findings\" data-rule=\"\(esc(s.code))\">\(esc(s.code))</a></td><td>\(s.severity.rawValue)</td>"
            h += "<td>\(s.findings)</td><td>\(s.children)</td><td>\(esc(s.message))</td></tr>"
        }
        h += "</table></details>"
        h += filters(groups, summary, total: r.findings.count)
        let severalFiles = Set(r.tables.filter { $0.files.count > 1 }.map(\.name))
        for (t, team) in groups.teams.enumerated() {
            h += "<section class=\"team\" id=\"team-\(t)\" data-team=\"\(esc(team.name))\"><h2>\(esc(team.name))"
            h += " <span class=\"counts\">\(countWords(team.counts))</span> <button class=\"print\" type=\"button\">Print this team</button></h2>"
            for worker in team.workers {
                // The columns are named once a worker (fixed widths line every child's table up): at
                // tens of thousands of findings a header per child was a third of the page.
                h += "<section class=\"worker\" data-worker=\"\(esc(worker.name))\"><h3>\(esc(worker.name)) <span class=\"counts\">\(countWords(worker.counts))</span></h3>"
                h += "<table class=\"findings\"><tr><th>Rule</th><th>Record</th><th>Values found</th><th>What is wrong</th></tr></table>"
                for group in worker.children {
                    h += "<section class=\"child\" data-child=\"\(esc(group.child))\"><h4>\(group.child.isEmpty ? "No child" : "Child " + esc(group.child))</h4><table class=\"findings\">"
                    for f in group.findings { h += row(f, r.fieldLabels, fileShown: severalFiles.contains(f.table)) }
                    h += "</table></section>"
                }
                h += "</section>"
            }
            h += "</section>"
        }
        if r.findings.isEmpty { h += "<p class=\"none\">No findings: every check that ran passed.</p>" }
        h += notRun(r)
        h += foot(r, marking)
        h += "<script>\(script)</script></body></html>\n"
        return h
    }

    /// Child-level data with dates of birth: the page says how it must be handled, top and foot.
    public static let defaultMarking = "OFFICIAL-SENSITIVE"

    static func markingLine(_ marking: String) -> String {
        marking.isEmpty ? "" : "<p class=\"marking\">\(esc(marking))</p>"
    }

    private static func countWords(_ c: FindingGroups.Counts) -> String {
        "\(c.errors) error\(c.errors == 1 ? "" : "s"), \(c.queries) quer\(c.queries == 1 ? "y" : "ies"), \(c.children) child\(c.children == 1 ? "" : "ren")"
    }

    /// Whether the owners list reached the children with findings, and who it missed.
    private static func owners(_ o: OwnerMatch) -> String {
        var h = "<div class=\"\(o.unmatched.isEmpty ? "owners" : "warnings")\"><p>Owners: \(o.matched) of \(o.childrenWithFindings) children with findings matched an owner in \(esc(o.file)).</p>"
        if !o.repaired.isEmpty {
            h += "<details><summary>\(o.repaired.count) matched only once the list's ID was read as Excel changed it</summary><ul>"
            h += o.repaired.map { "<li>child \(esc($0.child)) is listed as <code>\(esc($0.listedAs))</code> on line \($0.line)</li>" }.joined() + "</ul></details>"
        }
        if !o.unmatched.isEmpty {
            h += "<p>Not in the list, so under \"\(FindingGroups.noTeam)\": " + o.unmatched.map { esc($0) }.joined(separator: ", ") + "</p>"
        }
        return h + "</div>"
    }

    private static func teamTable(_ groups: FindingGroups) -> String {
        guard !groups.teams.isEmpty else { return "" }
        var h = "<h2>By team</h2><table class=\"teams\"><tr><th>Team</th><th>Errors</th><th>Queries</th><th>Children</th><th>Workers</th></tr>"
        for (t, team) in groups.teams.enumerated() {
            h += "<tr><td><a href=\"#team-\(t)\">\(esc(team.name))</a></td><td>\(team.counts.errors)</td><td>\(team.counts.queries)</td>"
            h += "<td>\(team.counts.children)</td><td>\(team.workers.count)</td></tr>"
        }
        return h + "</table>"
    }

    private static func filters(_ groups: FindingGroups, _ summary: [RuleSummary], total: Int) -> String {
        let workers = Set(groups.teams.flatMap { $0.workers.map(\.name) }).sorted(by: FindingGroups.order)
        func options(_ all: String, _ values: [(value: String, shown: String)]) -> String {
            "<option value=\"\">\(all)</option>" + values.map { "<option value=\"\(esc($0.value))\">\(esc($0.shown))</option>" }.joined()
        }
        return """
        <h2 id="findings">Findings by team, worker and child</h2>
        <p class="filter"><label>Team <select id="team">\(options("all teams", groups.teams.map { ($0.name, $0.name) }))</select></label>
        <label>Worker <select id="worker">\(options("all workers", workers.map { ($0, $0) }))</select></label>
        <label>Rule <select id="rule">\(options("all rules", summary.map { ($0.code, "\($0.code) (\($0.findings))") }))</select></label>
        <label>Severity <select id="sev">\(options("errors and queries", [("error", "errors"), ("query", "queries")]))</select></label>
        <label>Child <input id="child" type="search" placeholder="LA child ID"></label>
        <span id="shown">\(total) finding\(total == 1 ? "" : "s") shown</span></p>
        """
    }

    /// One finding: its rule, the record (by its key in words, then file and row), the values
    /// with their labels, and the message.
    /// The file is named only for a table read from several files; otherwise the foot names it.
    private static func row(_ f: Finding, _ fieldLabels: [String: String], fileShown: Bool) -> String {
        var place = f.record.isEmpty ? (f.table.isEmpty ? "the whole return" : esc(f.table)) : esc(f.record)
        if let row = f.row { place += "<br><span class=\"loc\">\(esc(f.table)) row \(row)\(fileShown ? " of " + esc(f.file) : "")</span>" }
        if !f.source.isEmpty { place += "<br><span class=\"loc\">from \(esc(f.source))</span>" }
        if !f.related.isEmpty {
            place += "<br><span class=\"loc\">with row\(f.related.count > 1 ? "s" : "") \(f.related.map { String($0.row) }.joined(separator: ", "))</span>"
        }
        var values = valueList(f.fields, f.values, f.labels, fieldLabels)
        for r in f.related { values += "<span class=\"loc\">row \(r.row):</span> " + valueList(f.fields, r.values, [], fieldLabels) }
        let cause = f.causedBy.isEmpty ? "" : "<br><span class=\"loc\">follows from \(esc(f.causedBy)): fix that first</span>"
        return "<tr class=\"finding \(f.severity.rawValue)\" data-rule=\"\(esc(f.code))\"><td><b>\(esc(f.code))</b><br>\(f.severity.rawValue)\(cause)</td>"
            + "<td>\(place)</td><td>\(values)</td><td>\(esc(f.message))</td></tr>"
    }

    private static func valueList(_ fields: [String], _ values: [String], _ labels: [String], _ fieldLabels: [String: String]) -> String {
        fields.indices.map { i -> String in
            let field = fields[i], value = i < values.count ? values[i] : ""
            let name = fieldLabels[field].map { "\(esc($0)) <small>\(esc(field))</small>" } ?? esc(field)
            let meaning = i < labels.count && !labels[i].isEmpty ? " <i>\(esc(labels[i]))</i>" : ""
            return "<span class=\"fv\">\(name) <code>\(value.isEmpty ? "(blank)" : esc(value))</code>\(meaning)</span>"
        }.joined()
    }

    /// Checks not made for want of an input, in plain words and folded away: they are not findings.
    private static func notRun(_ r: ValidationResult) -> String {
        guard !r.notRun.isEmpty else { return "" }
        let n = r.notRun.count
        var h = "<details class=\"notrun\"><summary>\(n) check\(n == 1 ? " was" : "s were") not made, because what \(n == 1 ? "it needs" : "they need") was not given</summary>"
        h += "<p>These are not errors in the data. Give what is named and run again to make them (a check may need more than one thing).</p><ul>"
        for w in r.wanted {
            h += "<li><b>\(esc(w.what))</b>" + (w.option.map { " (give it with <code>\(esc($0))</code>)" } ?? "")
                + ": \(w.rules.count) check\(w.rules.count == 1 ? "" : "s") (" + w.rules.map { esc($0) }.joined(separator: " ") + ")</li>"
        }
        return h + "</ul></details>"
    }

    private static func foot(_ r: ValidationResult, _ marking: String) -> String {
        let when = DateFormatter()
        when.locale = Locale(identifier: "en_GB")
        when.dateFormat = "d MMMM yyyy 'at' HH:mm"
        var h = "<footer><p>Made by StatReturn on \(esc(when.string(from: r.startedAt))) from:</p><ul>"
        h += r.tables.map { "<li>\(esc($0.name)): \($0.rows) record\($0.rows == 1 ? "" : "s") from \(esc($0.files.joined(separator: ", ")))</li>" }.joined()
        h += "</ul><p>Rows are record numbers in a CSV file (the first record after the header is row 1), rows as Excel numbers them in a workbook's sheet, lines in an XML file.</p>"
        return h + markingLine(marking) + "</footer>"
    }

    static func esc(_ s: some StringProtocol) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }

    static let style = """
    body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222}
    table{border-collapse:collapse;margin:.3em 0 1em}td,th{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top}
    th{background:#f2f2f2}tr.error td:first-child{border-left:4px solid #c0392b}tr.query td:first-child{border-left:4px solid #e0a800}
    .marking{font-weight:bold;letter-spacing:.05em;text-align:center;margin:0 0 .5em}
    .totals{font-size:1.1em}.counts{font-weight:normal;font-size:.8em;color:#555}
    section.team{margin-top:1.5em}section.worker{margin-left:1em}section.child h4{margin-left:.5em}
    section.child{content-visibility:auto;contain-intrinsic-size:auto 12em}
    section.team>h2{border-bottom:2px solid #444}h4{margin:.6em 0 .2em}
    .loc{color:#666;font-size:.9em}.fv{display:block}.fv small{color:#777}.fv i{color:#444}
    .failed{background:#fdecea;padding:.5em 1em}.warnings{background:#fff8e1;padding:.3em 1em}.owners{padding:.1em 1em;background:#eef6ee}
    .charts{display:flex;flex-wrap:wrap;gap:2em}.charts svg text{font:12px system-ui,sans-serif}
    table.findings{width:100%;table-layout:fixed;margin:0}table.findings td:nth-child(1),table.findings th:nth-child(1){width:5em}
    table.findings td:nth-child(2),table.findings th:nth-child(2){width:14em}table.findings td:nth-child(3),table.findings th:nth-child(3){width:32%}
    table.findings td{overflow-wrap:anywhere}
    details{margin:1em 0}summary{cursor:pointer;font-weight:bold}
    code{background:#f6f6f6;padding:0 .2em}.filter{position:sticky;top:0;background:#fff;padding:.4em 0;border-bottom:1px solid #ddd}
    .filter label{margin-right:.8em}button.print{font-size:.7em;margin-left:1em}
    footer{margin-top:2em;border-top:1px solid #ccc;color:#444;font-size:.9em}
    @media print{.filter,.charts,details,button,table.teams,h2#findings{display:none}body.one section.team:not(.printing){display:none}
    section.team{break-before:page}tr{break-inside:avoid}}
    """

    /// The filters show a finding when it matches every one set; a section with none shown hides.
    private static let script = """
    const $=id=>document.getElementById(id),shown=$('shown'),f={team:$('team'),worker:$('worker'),rule:$('rule'),sev:$('sev'),child:$('child')};
    function apply(){const t=f.team.value,w=f.worker.value,r=f.rule.value,s=f.sev.value,c=f.child.value.trim().toLowerCase();let n=0;
    document.querySelectorAll('section.team').forEach(ts=>{const tOk=!t||ts.dataset.team===t;
    ts.querySelectorAll('section.worker').forEach(ws=>{const wOk=tOk&&(!w||ws.dataset.worker===w);
    ws.querySelectorAll('section.child').forEach(cs=>{const cOk=wOk&&(!c||cs.dataset.child.toLowerCase().includes(c));let k=0;
    cs.querySelectorAll('tr.finding').forEach(tr=>{const ok=cOk&&(!r||tr.dataset.rule===r)&&(!s||tr.classList.contains(s));tr.hidden=!ok;if(ok)k++;});
    cs.hidden=!k;n+=k;});ws.hidden=!ws.querySelector('section.child:not([hidden])');});ts.hidden=!ts.querySelector('section.worker:not([hidden])');});
    if(shown)shown.textContent=n+' finding'+(n===1?'':'s')+' shown';}
    Object.values(f).forEach(e=>{if(e){e.oninput=apply;e.onchange=apply;}});
    document.querySelectorAll('a[data-rule]').forEach(a=>a.onclick=e=>{e.preventDefault();f.rule.value=a.dataset.rule;apply();$('findings').scrollIntoView();});
    document.querySelectorAll('button.print').forEach(b=>b.onclick=()=>{const s=b.closest('section.team');document.body.classList.add('one');s.classList.add('printing');
    window.print();document.body.classList.remove('one');s.classList.remove('printing');});
    """
}
