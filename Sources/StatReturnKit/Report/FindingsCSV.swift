/// `findings.csv`: one line per finding, for Excel and for loading into other systems.
public enum FindingsCSV {
    public static let columns = ["return", "year", "code", "severity", "table", "row", "child",
                                 "fields", "values", "message", "team", "worker"]

    public static func render(_ findings: [Finding]) -> String {
        var out = csvLine(columns)
        for f in findings {
            out += csvLine([f.returnName, f.year, f.code, f.severity.rawValue, f.table, f.row.map(String.init) ?? "",
                            f.child, f.fields.joined(separator: ";"), f.values.joined(separator: ";"),
                            f.message, f.team, f.worker])
        }
        return out
    }
}
