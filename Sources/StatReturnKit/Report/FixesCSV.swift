/// `fixes.csv`: every change `--fix` made, so it can be made in the case system too.
public enum FixesCSV {
    public static let columns = ["file", "row", "field", "before", "after", "reason"]

    /// Appended to one string (a `reduce` of `+` copied it for every fix: 59 s for 78,541 fixes);
    /// values are as found, so a cell Excel would run as a formula is kept as text.
    public static func render(_ fixes: [Fix]) -> String {
        var out = reportLine(columns)
        for f in fixes { out += reportLine([f.file, String(f.row), f.field, f.before, f.after, f.reason].map(FindingsCSV.inert)) }
        return out
    }
}
