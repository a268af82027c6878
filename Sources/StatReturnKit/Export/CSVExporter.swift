import Foundation

/// Writes a return's tables as submission CSVs: one file per table given, columns in the
/// DfE's order, values as validated (normalised when `--fix` was applied).
public enum CSVExporter {
    /// Writes the files and returns their names. A draft's file names say so.
    @discardableResult
    public static func write(_ result: ValidationResult, spec: ReturnSpec, to folder: URL, draft: Bool) throws -> [String] {
        if result.errorCount > 0 && !draft { throw ExportRefused(errors: result.errorCount) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var written: [String] = []
        for table in spec.tables where table.reference != true {
            guard let data = result.data[table.name] else { continue }
            let name = table.name.lowercased() + (draft ? "-DRAFT" : "") + ".csv"
            let columns = table.layoutColumns
            var text = csvLine(columns.map { table.fields[$0].name }, ending: "\r\n")
            for record in data.records { text += csvLine(columns.map { record[$0] }, ending: "\r\n") }
            try Data(text.utf8).write(to: folder.appendingPathComponent(name))
            written.append(name)
        }
        return written
    }
}
