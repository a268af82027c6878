import Foundation

/// The reports a run can write, by the name a user chooses them with.
public enum ReportFormat: String, CaseIterable, Sendable {
    case xlsx, csv, json, html

    public var file: String {
        switch self {
        case .xlsx: return "findings.xlsx"
        case .csv: return "findings.csv"
        case .json: return "findings.json"
        case .html: return "report.html"
        }
    }
}

/// How the reports of a run are written: which of them, and in what form.
public struct ReportSettings: Sendable {
    public var formats: [ReportFormat]
    /// The CSV reports start with a UTF-8 byte-order mark, without which Excel reads them in the
    /// computer's code page and garbles accented names.
    public var bom: Bool
    /// The protective marking at the top and foot of the page (empty: none).
    public var marking: String

    public init(formats: [ReportFormat] = ReportFormat.allCases, bom: Bool = true, marking: String = HTMLReport.defaultMarking) {
        self.formats = formats; self.bom = bom; self.marking = marking
    }
}

/// The report files of a run, written together into the output folder.
public enum ReportWriter {
    /// `fixes.csv` goes with any choice of formats when values were changed: it is the only
    /// record of the changes.
    public static func files(_ result: ValidationResult, spec: ReturnSpec, settings: ReportSettings = ReportSettings(),
                             fixed: Bool = false) throws -> [(name: String, data: Data)] {
        let (formats, bom) = (settings.formats, settings.bom)
        func csv(_ text: String) -> Data { Data(((bom ? "\u{FEFF}" : "") + text).utf8) }
        var files: [(name: String, data: Data)] = []
        for format in ReportFormat.allCases where formats.contains(format) {
            switch format {
            case .xlsx:
                do { files.append((format.file, try FindingsWorkbook.render(result, spec: spec))) } catch let e as WorkbookWriter.Failure {
                    throw InputError(file: format.file, problem: "cannot be made: \(e)")
                }
            case .csv: files.append((format.file, csv(FindingsCSV.render(result.findings))))
            case .json: files.append((format.file, try FindingsJSON.render(result)))
            case .html: files.append((format.file, Data(HTMLReport.render(result, marking: settings.marking).utf8)))
            }
        }
        if fixed || !result.fixes.isEmpty { files.append(("fixes.csv", csv(FixesCSV.render(result.fixes)))) }
        return files
    }

    /// Writes the reports and gives the names of the files written, in order.
    @discardableResult
    public static func write(_ result: ValidationResult, spec: ReturnSpec, to target: OutputTarget, settings: ReportSettings = ReportSettings(),
                             fixed: Bool = false) throws -> [String] {
        let files = try files(result, spec: spec, settings: settings, fixed: fixed)
        try target.writeFolder(files)
        return files.map(\.name)
    }
}
