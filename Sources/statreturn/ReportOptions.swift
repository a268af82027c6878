import ArgumentParser
import Foundation
import StatReturnKit

/// Where the reports of a run go and which of them are written, for every command that writes them.
struct ReportOptions: ParsableArguments {
    @Option(help: "Write the reports to this folder: findings.xlsx, findings.csv, findings.json and report.html (see --format).")
    var out: String?

    @Option(name: .customLong("format"),
            help: "Which reports to write: xlsx, csv, json, html (repeat the option or separate with commas; default: all four). fixes.csv is written whenever values were changed.")
    var format: [String] = []

    @Flag(name: .customLong("no-bom"),
          help: "Write the CSV reports without the UTF-8 byte-order mark that Excel needs to read accented names, for programs that do not expect one.")
    var noBOM = false

    @Option(help: "The protective marking printed at the top and foot of report.html (default: OFFICIAL-SENSITIVE, as it holds dates of birth); \"\" for none.")
    var marking: String = HTMLReport.defaultMarking

    var settings: ReportSettings { ReportSettings(formats: formats, bom: !noBOM, marking: marking) }

    /// The chosen formats; all of them when none is named.
    var formats: [ReportFormat] {
        let named = names.compactMap(ReportFormat.init(rawValue:))
        return named.isEmpty ? ReportFormat.allCases : named
    }

    private var names: [String] { format.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } }

    func validate() throws {
        for name in names where ReportFormat(rawValue: name) == nil {
            throw ValidationError("--format: '\(name)' is not a report; choose from \(ReportFormat.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if out == nil && (!format.isEmpty || noBOM) { throw ValidationError("--format and --no-bom choose the reports written with --out DIR; give --out") }
    }
}
