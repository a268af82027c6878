import Foundation

/// What a nightly run writes: `findings.csv` (every finding with its state), `dashboard.html`
/// (counts by state for each team and worker, the oldest open findings, the trend over the
/// runs, links to each team's page), and for each team its page and its workbook (what is new,
/// what persists and for how long, what was resolved).
enum NightlyReports {
    static let stateColumns = ["state", "first_seen", "days_open"]

    static func files(entries: [History.Entry], results: [ValidationResult], trend: [History.RunSummary], day: SimpleDate) throws -> [(name: String, data: Data)] {
        let byIdentity = Dictionary(entries.map { ($0.finding.identity + "|" + $0.state.rawValue, $0) }, uniquingKeysWith: { a, _ in a })
        func extra(_ f: Finding) -> [String] {
            let e = History.State.allCases.lazy.compactMap { byIdentity[f.identity + "|" + $0.rawValue] }.first
            return [e?.state.rawValue ?? "", e?.firstSeen.dmy ?? "", e.map { String($0.daysOpen) } ?? ""]
        }
        var files: [(name: String, data: Data)] = [
            ("findings.csv", Data(("\u{FEFF}" + FindingsCSV.render(entries.map(\.finding), extra: stateColumns, values: extra)).utf8)),
        ]
        let teams = Dictionary(grouping: entries) { FindingGroups.team($0.finding) }
        let names = teams.keys.sorted(by: FindingGroups.order)
        // Files named by their team, so a manager finds theirs; the number keeps them apart.
        let pages = Dictionary(uniqueKeysWithValues: names.enumerated().map { i, name in
            (name, "team-\(i + 1)-" + String(name.map { $0.isLetter || $0.isNumber ? $0 : "-" }).prefix(40))
        })
        files.append(("dashboard.html", Data(dashboard(entries: entries, teams: names, pages: pages, results: results, trend: trend, day: day).utf8)))
        for name in names {
            let mine = teams[name]!
            files.append(("\(pages[name]!).html", Data(teamPage(name, mine, day: day).utf8)))
            do { files.append(("\(pages[name]!).xlsx", try WorkbookWriter.data(workbook(mine)))) } catch let e as WorkbookWriter.Failure {
                throw InputError(file: "\(pages[name]!).xlsx", problem: "cannot be made: \(e)")
            }
        }
        return files
    }

    /// The counts of each state.
    struct Counts { var new = 0, persisting = 0, reopened = 0, resolved = 0
        init(_ entries: [History.Entry]) {
            for e in entries {
                switch e.state {
                case .new: new += 1
                case .persisting: persisting += 1
                case .reopened: reopened += 1
                case .resolved: resolved += 1
                }
            }
        }
        var open: Int { new + persisting + reopened }
    }

    private static func dashboard(entries: [History.Entry], teams: [String], pages: [String: String], results: [ValidationResult],
                                  trend: [History.RunSummary], day: SimpleDate) -> String {
        let all = Counts(entries)
        var h = page("Data quality \(day.dmy)")
        h += "<h1>Data quality, \(day.dmy)</h1><p class=\"totals\"><b>\(all.open)</b> open (\(all.new) new, \(all.reopened) back again, \(all.persisting) still open); <b>\(all.resolved)</b> fixed since the last run.</p>"
        for r in results where !r.failed.isEmpty {
            h += "<div class=\"failed\"><b>\(HTMLReport.esc(r.title)): \(r.failed.count) checks failed to run</b> (an error of StatReturn or its spec; these were not checked)</div>"
        }
        h += "<h2>By team and worker</h2><table><tr><th>Team</th><th>Worker</th><th>New</th><th>Back again</th><th>Still open</th><th>Fixed</th><th>Oldest open (days)</th></tr>"
        for team in teams {
            let mine = entries.filter { FindingGroups.team($0.finding) == team }
            let byWorker = Dictionary(grouping: mine) { FindingGroups.worker($0.finding) }
            for (i, worker) in byWorker.keys.sorted(by: FindingGroups.order).enumerated() {
                let c = Counts(byWorker[worker]!)
                let oldest = byWorker[worker]!.filter { $0.state != .resolved }.map(\.daysOpen).max().map(String.init) ?? "-"
                h += "<tr><td>\(i == 0 ? "<a href=\"\(pages[team]!).html\">\(HTMLReport.esc(team))</a>" : "")</td><td>\(HTMLReport.esc(worker))</td>"
                h += "<td>\(c.new)</td><td>\(c.reopened)</td><td>\(c.persisting)</td><td>\(c.resolved)</td><td>\(oldest)</td></tr>"
            }
        }
        h += "</table>"
        h += HTMLChart.trend(title: "Open errors and queries, run by run", trend.map { ($0.day.dmy, $0.errors, $0.queries) })
        let oldest = entries.filter { $0.state != .resolved }.sorted { ($0.daysOpen, $1.finding.identity) > ($1.daysOpen, $0.finding.identity) }.prefix(20)
        if !oldest.isEmpty {
            h += "<h2>Open longest</h2><table><tr><th>Days open</th><th>Since</th><th>Team</th><th>Worker</th><th>Child</th><th>Record</th><th>Rule</th><th>What is wrong</th></tr>"
            for e in oldest { h += row(e, withOwner: true) }
            h += "</table>"
        }
        h += "<p class=\"foot\">Every finding with its state: findings.csv. Each team's findings: its page and workbook.</p></body></html>\n"
        return h
    }

    private static func teamPage(_ team: String, _ entries: [History.Entry], day: SimpleDate) -> String {
        var h = page("\(team): data quality \(day.dmy)")
        h += "<p><a href=\"dashboard.html\">All teams</a></p><h1>\(HTMLReport.esc(team)), \(day.dmy)</h1>"
        for (state, title) in [(History.State.new, "New since the last run"), (.reopened, "Back again after being fixed"),
                               (.persisting, "Still open"), (.resolved, "Fixed since the last run")] {
            let mine = entries.filter { $0.state == state }.sorted { ($0.daysOpen, $1.finding.identity) > ($1.daysOpen, $0.finding.identity) }
            h += "<h2>\(title) (\(mine.count))</h2>"
            guard !mine.isEmpty else { continue }
            h += "<table><tr><th>Days open</th><th>Since</th><th>Team</th><th>Worker</th><th>Child</th><th>Record</th><th>Rule</th><th>What is wrong</th></tr>"
            for e in mine { h += row(e, withOwner: true) }
            h += "</table>"
        }
        return h + "</body></html>\n"
    }

    private static func row(_ e: History.Entry, withOwner: Bool) -> String {
        let f = e.finding
        return "<tr class=\"\(f.severity.rawValue)\"><td>\(e.daysOpen)</td><td>\(e.firstSeen.dmy)</td><td>\(HTMLReport.esc(FindingGroups.team(f)))</td>"
            + "<td>\(HTMLReport.esc(FindingGroups.worker(f)))</td><td>\(HTMLReport.esc(f.child))</td><td>\(HTMLReport.esc(f.record.isEmpty ? f.table : f.record))</td>"
            + "<td>\(HTMLReport.esc(f.code))</td><td>\(HTMLReport.esc(f.message))</td></tr>"
    }

    private static func page(_ title: String) -> String {
        """
        <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTMLReport.esc(title))</title><style>
        body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222}table{border-collapse:collapse;margin:.3em 0 1em}
        td,th{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top}th{background:#f2f2f2}
        tr.error td:first-child{border-left:4px solid #c0392b}tr.query td:first-child{border-left:4px solid #e0a800}
        .failed{background:#fdecea;padding:.5em 1em}.totals{font-size:1.1em}.foot{color:#555}
        </style></head><body><p class="marking">\(HTMLReport.esc(HTMLReport.defaultMarking))</p>
        """
    }

    /// A team's workbook: a sheet for each state, oldest first.
    static func workbook(_ entries: [History.Entry]) -> Workbook {
        let columns: [Workbook.Column] = [.init("Days open", .integer), .init("First seen", .date), .init("Worker"), .init("Child"),
                                          .init("Record"), .init("Rule"), .init("Severity"), .init("What is wrong", width: 70, wrap: true), .init("Key")]
        return Workbook(sheets: [(History.State.new, "New"), (.reopened, "Back again"), (.persisting, "Still open"), (.resolved, "Fixed")].map { state, name in
            var sheet = Workbook.Sheet(name: name, columns: columns)
            sheet.rows = entries.filter { $0.state == state }.sorted { ($0.daysOpen, $1.finding.identity) > ($1.daysOpen, $0.finding.identity) }.map { e in
                let f = e.finding
                return .init([.number(Double(e.daysOpen)), .date(e.firstSeen), .text(FindingGroups.worker(f)), .text(f.child),
                              .text(f.record.isEmpty ? f.table : f.record), .text(f.code), .text(f.severity.rawValue), .text(f.message), .text(f.key)],
                             style: f.severity == .error ? .error : .query)
            }
            return sheet
        })
    }
}
