/// `findings.csv`: one line per finding, for Excel and for loading into other systems.
public enum FindingsCSV {
    public static let columns = ["return", "year", "code", "severity", "table", "row", "child",
                                 "fields", "values", "message", "team", "worker", "file", "key", "record", "source", "caused_by"]

    /// `extra` columns (the nightly run's `state`, ...) come after the usual ones, each finding's
    /// values for them from `values`.
    public static func render(_ findings: [Finding], extra: [String] = [], values: (Finding) -> [String] = { _ in [] }) -> String {
        var out = reportLine(columns + extra)
        for f in findings {
            out += reportLine(([f.returnName, f.year, f.code, f.severity.rawValue, f.table, f.row.map(String.init) ?? "",
                                f.child, f.fields.joined(separator: ";"), f.values.joined(separator: ";"),
                                message(f), f.team, f.worker, f.file, f.key, f.record, f.source, f.causedBy] + values(f)).map(inert))
        }
        return out
    }

    /// A cell Excel would run as a formula (`=`, `+`, `-`, `@`, or a tab or return before one) is
    /// kept as text by a leading apostrophe: values come from files anyone could have written.
    static func inert(_ cell: String) -> String {
        guard let first = cell.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return cell }
        return "'" + cell
    }

    /// The columns are fixed, so the other records of a cross-row finding are named in the message.
    static func message(_ f: Finding) -> String {
        guard !f.related.isEmpty else { return f.message }
        let others = f.related.map { r in
            "row \(r.row) (" + zip(f.fields, r.values).map { "\($0)=\($1)" }.joined(separator: ", ") + ")"
        }
        return f.message + " Also involved: " + others.joined(separator: "; ") + "."
    }
}
