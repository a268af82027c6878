import Foundation

/// Writes a return's tables as submission CSVs: one file per table given, columns in the
/// DfE's order, values as validated (normalised when `--fix` was applied).
public enum CSVExporter {
    /// Writes the files into the target folder and returns their names. A draft's file names say so.
    @discardableResult
    public static func write(_ result: ValidationResult, spec: ReturnSpec, to target: OutputTarget, draft: Bool) throws -> [String] {
        if result.errorCount > 0 && !draft { throw ExportRefused(errors: result.errorCount) }
        let files = render(result, spec: spec, draft: draft)
        try target.writeFolder(files)
        return files.map(\.name)
    }

    static func render(_ result: ValidationResult, spec: ReturnSpec, draft: Bool) -> [(name: String, data: Data)] {
        var files: [(name: String, data: Data)] = []
        for table in spec.tables where table.reference != true {
            guard let data = result.data[table.name] else { continue }
            let name = table.name.lowercased() + (draft ? "-DRAFT" : "") + ".csv"
            let columns = table.layoutColumns
            var text = csvLine(columns.map { table.fields[$0].name }, ending: "\r\n")
            for record in data.records { text += csvLine(columns.map { record[$0] }, ending: "\r\n") }
            files.append((name, Data(text.utf8)))
        }
        return files
    }
}
