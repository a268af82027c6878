import Foundation

/// A workbook as values: sheets of typed columns and rows, with nothing of any return in it.
/// The findings report, Ofsted's Annex A lists and the adoption template are each built as one
/// of these and written by `WorkbookWriter`.
public struct Workbook: Sendable, Equatable {
    public var sheets: [Sheet]

    public init(sheets: [Sheet]) { self.sheets = sheets }

    public struct Sheet: Sendable, Equatable {
        /// As given; the writer makes it a name Excel accepts (see `Workbook.sheetName`).
        public var name: String
        public var columns: [Column]
        public var rows: [Row]
        /// The header row stays in view while scrolling.
        public var freezeHeader = true
        /// Filter buttons on the header row.
        public var autofilter = true
        /// Rows above the header (a title, a blank line), as a report pasted into a workbook has
        /// them; the header and rows move down by as many.
        public var above: [Row] = []

        public init(name: String, columns: [Column], rows: [Row] = []) {
            self.name = name; self.columns = columns; self.rows = rows
        }
    }

    public struct Column: Sendable, Equatable {
        /// Sets the number format of the column, so a value typed into it later (a template) is
        /// taken the same way as the values written.
        public enum Kind: Sendable, Equatable { case text, date, integer, number }

        public var header: String
        public var kind: Kind
        /// In characters; without one the writer fits the column to its longest value, up to a limit.
        public var width: Double?
        /// Offered as a drop-down list on every data cell of the column.
        public var allowed: [String]?
        /// Long text (a sentence) runs onto more lines within the width instead of being hidden
        /// under the next cell.
        public var wrap: Bool

        public init(_ header: String, _ kind: Kind = .text, width: Double? = nil, allowed: [String]? = nil, wrap: Bool = false) {
            self.header = header; self.kind = kind; self.width = width; self.allowed = allowed; self.wrap = wrap
        }
    }

    public enum Cell: Sendable, Equatable {
        case text(String)
        case date(SimpleDate)
        case number(Double)
        case empty
    }

    /// A row's look: a fill for a row that calls for attention, bold for a total.
    public enum RowStyle: Sendable, Equatable { case error, query, total }

    public struct Row: Sendable, Equatable {
        public var cells: [Cell]
        public var style: RowStyle?

        public init(_ cells: [Cell], style: RowStyle? = nil) { self.cells = cells; self.style = style }
    }

    /// The name as Excel takes it, unlike any in `taken`. Excel refuses a name longer than 31
    /// characters, with any of `[ ] : * ? / \`, starting or ending with an apostrophe, or equal
    /// to another sheet's in any case: such characters become spaces, the name is cut, and a
    /// repeated name gets a number.
    public static func sheetName(_ name: String, avoiding taken: [String] = []) -> String {
        let forbidden = Set("[]:*?/\\".unicodeScalars)
        let cleaned = String(String.UnicodeScalarView(name.unicodeScalars.map {
            forbidden.contains($0) || $0.properties.generalCategory == .control ? " " : $0
        }))
        let base = cleaned.trimmingCharacters(in: Self.nameEnds)
        let used = Set(taken.map { $0.lowercased() })
        var n = 1
        while true {
            let suffix = n == 1 ? "" : " (\(n))"
            let candidate = (base.isEmpty ? "Sheet" : base).prefix(utf16Units: 31 - suffix.utf16.count)
                .trimmingCharacters(in: Self.nameEnds) + suffix
            if !used.contains(candidate.lowercased()) { return candidate }
            n += 1
        }
    }

    private static let nameEnds = CharacterSet(charactersIn: "' ")
}

extension String {
    /// The longest start of the string that is at most `limit` UTF-16 units, never splitting a
    /// character: Excel counts its limits in UTF-16 units, libxlsxwriter in code points, and a
    /// cut that satisfies the first satisfies both.
    func prefix(utf16Units limit: Int) -> String {
        guard utf16.count > limit else { return self }
        var count = 0
        var end = startIndex
        for i in indices {
            let width = self[i].utf16.count
            if count + width > limit { break }
            count += width
            end = index(after: i)
        }
        return String(self[..<end])
    }
}
