import Foundation

/// The report files of a run, written together into the output folder.
public enum ReportWriter {
    public static func files(_ result: ValidationResult, fixed: Bool = false) throws -> [(name: String, data: Data)] {
        var files: [(name: String, data: Data)] = [
            ("findings.csv", Data(FindingsCSV.render(result.findings).utf8)),
            ("findings.json", try FindingsJSON.render(result)),
            ("report.html", Data(HTMLReport.render(result).utf8)),
        ]
        if fixed || !result.fixes.isEmpty { files.append(("fixes.csv", Data(FixesCSV.render(result.fixes).utf8))) }
        return files
    }

    public static func write(_ result: ValidationResult, to target: OutputTarget, fixed: Bool = false) throws {
        try target.writeFolder(try files(result, fixed: fixed))
    }
}
