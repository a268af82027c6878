/// Quotes a cell for CSV output when it holds a separator, quote or line break (RFC 4180).
func csvField(_ s: String) -> String {
    guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
    return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
}

func csvLine(_ cells: [String], ending: String = "\n") -> String { cells.map(csvField).joined(separator: ",") + ending }

/// A line of a CSV report people open in Excel (findings.csv, fixes.csv): CRLF, as Windows programs expect.
func reportLine(_ cells: [String]) -> String { csvLine(cells, ending: "\r\n") }
