/// `report.html`: one self-contained page (no network) for the people who fix records:
/// findings grouped by team, then worker, then child, with a filter by rule.
public enum HTMLReport {
    public static func render(_ r: ValidationResult) -> String {
        var h = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(esc(r.title)) \(esc(r.year)) - validation report</title>
        <style>\(style)</style></head><body>
        <h1>\(esc(r.title)) \(esc(r.year))</h1>
        <p class="totals"><b>\(r.errorCount)</b> errors, <b>\(r.queryCount)</b> queries on
        <b>\(Set(r.findings.map(\.child).filter { !$0.isEmpty }).count)</b> children; \(r.rulesRun) rules run.
        Rows are record numbers in the file named (the first record after the header is row 1).</p>
        """
        h += "<p class=\"files\">" + r.tables.map { "\(esc($0.name)): \($0.rows) records (\(esc($0.files.joined(separator: ", "))))" }
            .joined(separator: "<br>") + "</p>"
        if !r.warnings.isEmpty {
            h += "<div class=\"warnings\"><b>Read with warnings</b><ul>" + r.warnings.map { "<li>\(esc($0))</li>" }.joined() + "</ul></div>"
        }
        if !r.failed.isEmpty {
            h += "<div class=\"failed\"><h2>Rules that failed to run</h2><p>These checks were not made: an error of StatReturn or its spec.</p><ul>"
            h += r.failed.map { "<li><b>\(esc($0.code))</b>: \(esc($0.reason))</li>" }.joined()
            h += "</ul></div>"
        }
        let summary = RuleSummary.of(r.findings)
        h += "<h2>By rule</h2><table class=\"summary\"><tr><th>Rule</th><th>Severity</th><th>Findings</th><th>Children</th><th>What is wrong</th></tr>"
        for s in summary {
            h += "<tr class=\"\(s.severity.rawValue)\"><td><a href=\"#\" data-rule=\"\(esc(s.code))\">\(esc(s.code))</a></td><td>\(s.severity.rawValue)</td>"
            h += "<td>\(s.findings)</td><td>\(s.children)</td><td>\(esc(s.message))</td></tr>"
        }
        h += "</table>"
        h += """
        <h2>By team, worker and child</h2>
        <p class="filter"><label>Rule <select id="rule"><option value="">all rules</option>
        \(summary.map { "<option value=\"\(esc($0.code))\">\(esc($0.code)) (\($0.findings))</option>" }.joined())
        </select></label> <label>Child <input id="child" type="search" placeholder="LA child ID"></label>
        <span id="shown"></span></p>
        """
        for team in FindingGroups(r.findings).teams {
            h += "<section class=\"team\"><h3>\(esc(team.name))</h3>"
            for worker in team.workers {
                h += "<section class=\"worker\"><h4>\(esc(worker.name))</h4>"
                for group in worker.children {
                    let child = group.child
                    let label = child.isEmpty ? "No child" : "Child \(child)"
                    h += "<section class=\"child\" data-child=\"\(esc(child))\"><h5>\(esc(label))</h5><table>"
                    h += "<tr><th>Rule</th><th>Where</th><th>Values found</th><th>What is wrong</th></tr>"
                    for f in group.findings {
                        let place = (f.table.isEmpty ? "return" : "\(f.table) row \(f.row.map(String.init) ?? "-")")
                            + (f.record.isEmpty ? "" : "<br><span class=\"rec\">\(esc(f.record))</span>")
                        let related = f.related.isEmpty ? "" : "<br><span class=\"rel\">with row\(f.related.count > 1 ? "s" : "") \(f.related.map { String($0.row) }.joined(separator: ", "))</span>"
                        let values = ([(f.row.map { "row \($0)" } ?? "", f.values)] + f.related.map { ("row \($0.row)", $0.values) })
                            .map { label, vals in
                                (f.related.isEmpty ? "" : "<span class=\"rel\">\(esc(label)):</span> ")
                                    + zip(f.fields, vals).map { "\(esc($0))=<code>\(esc($1.isEmpty ? "(blank)" : $1))</code>" }.joined(separator: " ")
                            }.joined(separator: "<br>")
                        h += "<tr class=\"finding \(f.severity.rawValue)\" data-rule=\"\(esc(f.code))\"><td><b>\(esc(f.code))</b><br>\(f.severity.rawValue)</td>"
                        h += "<td title=\"\(esc(f.file))\">\(place)\(related)</td><td>\(values)</td><td>\(esc(f.message))</td></tr>"
                    }
                    h += "</table></section>"
                }
                h += "</section>"
            }
            h += "</section>"
        }
        if !r.notRun.isEmpty {
            h += "<h2>Rules not run</h2><ul>" + r.notRun.map { "<li><b>\(esc($0.code))</b>: \(esc($0.reason))</li>" }.joined() + "</ul>"
        }
        h += "<script>\(script)</script></body></html>\n"
        return h
    }

    static func esc(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.count)
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

    private static let style = """
    body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222}
    table{border-collapse:collapse;margin:.3em 0 1em}td,th{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top}
    th{background:#f2f2f2}tr.error td:first-child{border-left:4px solid #c0392b}tr.query td:first-child{border-left:4px solid #e0a800}
    section.team{margin-top:1.2em}section.worker{margin-left:1em}section.child{margin-left:1em}
    h3{border-bottom:2px solid #444}.rec{color:#444;font-style:italic}h5{margin:.6em 0 .2em}.rel{color:#666}.failed{background:#fdecea;padding:.5em 1em}.warnings{background:#fff8e1;padding:.3em 1em}
    code{background:#f6f6f6;padding:0 .2em}.filter{position:sticky;top:0;background:#fff;padding:.4em 0;border-bottom:1px solid #ddd}
    """

    private static let script = """
    const rule=document.getElementById('rule'),child=document.getElementById('child'),shown=document.getElementById('shown');
    function apply(){const r=rule.value,c=child.value.trim().toLowerCase();let n=0;
    document.querySelectorAll('tr.finding').forEach(tr=>{const ok=(!r||tr.dataset.rule===r)&&(!c||tr.closest('section.child').dataset.child.toLowerCase().includes(c));tr.hidden=!ok;if(ok)n++;});
    document.querySelectorAll('section.child,section.worker,section.team').forEach(s=>{s.hidden=!s.querySelector('tr.finding:not([hidden])');});
    shown.textContent=n+' finding'+(n===1?'':'s')+' shown';}
    rule.onchange=apply;child.oninput=apply;
    document.querySelectorAll('a[data-rule]').forEach(a=>a.onclick=e=>{e.preventDefault();rule.value=a.dataset.rule;apply();rule.scrollIntoView();});
    apply();
    """
}
