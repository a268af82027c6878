import Foundation

/// The files a scorecard run writes, by the formats chosen: `scorecard.csv` (a line per measure)
/// with `scorecard-<measure>.csv` (its children), `scorecard.xlsx`, `scorecard.html` and
/// `scorecard.json`.
public enum ScorecardFiles {
    public static func files(_ r: ScorecardResult, settings: ReportSettings = ReportSettings()) throws -> [(name: String, data: Data)] {
        // Text that Excel would run as a formula is kept as text; a number (a negative wait) is left a number.
        func csv(_ header: [String], _ rows: [[Workbook.Cell]]) -> Data {
            let lines = [header.map(FindingsCSV.inert)] + rows.map { $0.map { cell -> String in
                if case .number = cell { return ScorecardTables.text(cell) }
                return FindingsCSV.inert(ScorecardTables.text(cell))
            } }
            return Data(((settings.bom ? "\u{FEFF}" : "") + lines.map(reportLine).joined()).utf8)
        }
        var files: [(name: String, data: Data)] = []
        for format in ReportFormat.allCases where settings.formats.contains(format) {
            switch format {
            case .csv:
                files.append(("scorecard.csv", csv(ScorecardTables.summaryHeader(r).map(\.header), ScorecardTables.summary(r))))
                for m in r.measures {
                    files.append(("scorecard-\(m.measure.name).csv", csv(ScorecardTables.childHeader(m).map(\.header), ScorecardTables.children(m))))
                }
            case .xlsx:
                do { files.append(("scorecard.xlsx", try WorkbookWriter.data(ScorecardWorkbook.make(r)))) } catch let e as WorkbookWriter.Failure {
                    throw InputError(file: "scorecard.xlsx", problem: "cannot be made: \(e)")
                }
            case .html: files.append(("scorecard.html", Data(ScorecardHTML.render(r, marking: settings.marking).utf8)))
            case .json: files.append(("scorecard.json", try ScorecardJSON.render(r)))
            }
        }
        return files
    }
}
