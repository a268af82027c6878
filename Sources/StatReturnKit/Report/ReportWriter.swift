import Foundation

/// Writes the report files of a run into a folder, creating it if need be.
public enum ReportWriter {
    public static func write(_ result: ValidationResult, to folder: URL, fixed: Bool = false) throws {
        let fm = FileManager.default
        do {
            try fm.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(FindingsCSV.render(result.findings).utf8).write(to: folder.appendingPathComponent("findings.csv"))
            try FindingsJSON.render(result).write(to: folder.appendingPathComponent("findings.json"))
            try Data(HTMLReport.render(result).utf8).write(to: folder.appendingPathComponent("report.html"))
            if fixed {
                try Data(FixesCSV.render(result.fixes).utf8).write(to: folder.appendingPathComponent("fixes.csv"))
            }
        } catch {
            throw InputError(file: folder.path, problem: "cannot write the reports: \(error.localizedDescription)")
        }
    }
}
