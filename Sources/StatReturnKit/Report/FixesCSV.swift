/// `fixes.csv`: every change `--fix` made, so it can be made in the case system too.
public enum FixesCSV {
    public static let columns = ["file", "row", "field", "before", "after", "reason"]

    public static func render(_ fixes: [Fix]) -> String {
        fixes.reduce(reportLine(columns)) { out, f in
            out + reportLine([f.file, String(f.row), f.field, f.before, f.after, f.reason])
        }
    }
}
