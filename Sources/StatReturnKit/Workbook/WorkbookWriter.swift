import CXLSXWriter
import Foundation

/// Writes a `Workbook` as the bytes of an .xlsx file. It drives libxlsxwriter, a C library,
/// because no maintained Swift writer of xlsx is available to this package, and that library
/// already gets right what Excel is strict about (styles, dates, validation, the zip layout).
public enum WorkbookWriter {
    /// Why a workbook could not be written, and the sheet when it was one.
    public struct Failure: Error, CustomStringConvertible {
        public var sheet: String?
        public var problem: String
        public var description: String { sheet.map { "sheet '\($0)': \(problem)" } ?? problem }
    }

    /// Excel's limits: rows and columns of a sheet, characters in a cell.
    static let maxRows = 1_048_576, maxColumns = 16_384, maxCellCharacters = 32_767

    /// libxlsxwriter writes only to a file, so the workbook goes to a temporary file in a folder
    /// only this user can read (the workbook may name children), which is then read back and removed.
    public static func data(_ workbook: Workbook) throws -> Data {
        let fm = FileManager.default
        let folder = fm.temporaryDirectory.appendingPathComponent("statreturn-workbook-\(UUID().uuidString)")
        do {
            try fm.createDirectory(at: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        } catch {
            throw Failure(problem: "no temporary folder for the workbook (\(error.localizedDescription))")
        }
        defer { try? fm.removeItem(at: folder) }
        let file = folder.appendingPathComponent("workbook.xlsx")
        try write(workbook, to: file.path, scratch: folder.path)
        guard let data = fm.contents(atPath: file.path) else { throw Failure(problem: "the written workbook cannot be read back") }
        return data
    }

    private static func write(_ workbook: Workbook, to path: String, scratch: String) throws {
        guard !workbook.sheets.isEmpty else { throw Failure(problem: "a workbook needs at least one sheet") }
        let scratchCopy = strdup(scratch)
        defer { free(scratchCopy) }
        var options = lxw_workbook_options()
        // Rows go to a temporary file as they are written instead of staying in memory: a
        // country's findings are millions of cells. Rows must then be written in order, as they are.
        options.constant_memory = UInt8(LXW_TRUE.rawValue)
        options.tmpdir = scratchCopy
        guard let book = workbook_new_opt(path, &options) else {
            throw Failure(problem: "the workbook cannot be started in \(scratch)")
        }
        var closed = false
        defer { if !closed { workbook_close(book) } }

        let styles = Styles(book)
        var names: [String] = []
        for sheet in workbook.sheets { names.append(Workbook.sheetName(sheet.name, avoiding: names)) }
        // Lists too long to write into a validation go to a hidden sheet, one column each.
        var lists = ListSheet(name: Workbook.sheetName("Lists", avoiding: names))

        for (sheet, name) in zip(workbook.sheets, names) {
            guard let ws = workbook_add_worksheet(book, name) else {
                throw Failure(sheet: name, problem: "libxlsxwriter refused the sheet name")
            }
            try SheetWriter(sheet: sheet, name: name, ws: ws, styles: styles).write(lists: &lists)
        }
        if !lists.columns.isEmpty { try lists.write(to: book) }

        closed = true
        let status = workbook_close(book)
        guard status == LXW_NO_ERROR else {
            throw Failure(problem: "the workbook cannot be written (\(String(cString: lxw_strerror(status))))")
        }
    }

    /// The formats of a workbook, made once each: libxlsxwriter keeps every format it is given.
    private final class Styles {
        let book: UnsafeMutablePointer<lxw_workbook>
        private var made: [Key: UnsafeMutablePointer<lxw_format>] = [:]
        private var headers: [Bool: UnsafeMutablePointer<lxw_format>] = [:]

        /// Bold on a fill, over a line; over a column of numbers it stands to the right, as they do.
        func header(_ kind: Workbook.Column.Kind) -> UnsafeMutablePointer<lxw_format> {
            let right = kind == .integer || kind == .number
            if let f = headers[right] { return f }
            let f = workbook_add_format(book)!
            format_set_bold(f)
            format_set_bg_color(f, 0xD9E2F3)
            format_set_bottom(f, UInt8(LXW_BORDER_THIN.rawValue))
            if right { format_set_align(f, UInt8(LXW_ALIGN_RIGHT.rawValue)) }
            headers[right] = f
            return f
        }

        private struct Key: Hashable { var numberFormat: String?; var style: Workbook.RowStyle?; var wrap: Bool }

        init(_ book: UnsafeMutablePointer<lxw_workbook>) { self.book = book }

        /// Cells are set at the top of their row, which a wrapped sentence beside them makes taller.
        func format(_ numberFormat: String?, _ style: Workbook.RowStyle?, wrap: Bool) -> UnsafeMutablePointer<lxw_format> {
            let key = Key(numberFormat: numberFormat, style: style, wrap: wrap)
            if let f = made[key] { return f }
            let f = workbook_add_format(book)!
            format_set_align(f, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
            if wrap { format_set_text_wrap(f) }
            if let numberFormat { format_set_num_format(f, numberFormat) }
            switch style {
            case .error: format_set_bg_color(f, 0xF8D7DA)   // soft red
            case .query: format_set_bg_color(f, 0xFFEDC2)   // soft amber
            case .total: format_set_bold(f)
            case nil: break
            }
            made[key] = f
            return f
        }
    }

    static let dateFormat = "dd/mm/yyyy", textFormat = "@", integerFormat = "0"

    private struct SheetWriter {
        let sheet: Workbook.Sheet
        let name: String
        let ws: UnsafeMutablePointer<lxw_worksheet>
        let styles: Styles

        func write(lists: inout ListSheet) throws {
            let columns = sheet.columns
            guard !columns.isEmpty else { throw Failure(sheet: name, problem: "a sheet needs at least one column") }
            guard columns.count <= maxColumns else {
                throw Failure(sheet: name, problem: "has \(columns.count) columns; Excel holds at most \(maxColumns)")
            }
            let top = sheet.above.count  // the header's row, 0-based
            guard sheet.rows.count + top < maxRows else {
                throw Failure(sheet: name, problem: "has \(sheet.rows.count) rows; Excel holds at most \(maxRows - 1) below the header")
            }
            let widths = columns.indices.map { columns[$0].width ?? fittedWidth($0) }
            for (c, column) in columns.enumerated() {
                let width = widths[c]
                let format = styles.format(Self.numberFormat(column.kind), nil, wrap: column.wrap)
                try check(worksheet_set_column(ws, lxw_col_t(c), lxw_col_t(c), width, format), "column \(columnLetters(c))")
                if let allowed = column.allowed, !allowed.isEmpty { try validate(column: c, from: top + 1, allowed, lists: &lists) }
            }
            if sheet.freezeHeader { worksheet_freeze_panes(ws, lxw_row_t(top + 1), 0) }
            // Digits written as text (a child ID, a code) are meant as text: no warning triangle on each.
            try check(worksheet_ignore_errors(ws, UInt8(LXW_IGNORE_NUMBER_STORED_AS_TEXT.rawValue), "A1:XFD1048576"), "the sheet's warnings")
            // Printed, a sheet is as wide as the paper, on its side, with the header on every page.
            worksheet_set_landscape(ws)
            worksheet_fit_to_pages(ws, 1, 0)
            try check(worksheet_repeat_rows(ws, lxw_row_t(top), lxw_row_t(top)), "the header for printing")
            if sheet.autofilter {
                try check(worksheet_autofilter(ws, lxw_row_t(top), 0, lxw_row_t(top + sheet.rows.count), lxw_col_t(columns.count - 1)), "the filter")
            }
            for (r, row) in sheet.above.enumerated() {
                for (c, cell) in row.cells.enumerated() where c < columns.count {
                    try write(cell, row: r, column: Workbook.Column(columns[c].header), at: c, style: row.style)
                }
            }
            for (c, column) in columns.enumerated() {
                try check(worksheet_write_string(ws, lxw_row_t(top), lxw_col_t(c), Self.fitted(column.header), styles.header(column.kind)), "the header")
            }
            for (r, row) in sheet.rows.enumerated() {
                guard row.cells.count <= columns.count else {
                    throw Failure(sheet: name, problem: "row \(r + 2) has \(row.cells.count) cells for \(columns.count) columns")
                }
                let lines = row.cells.indices.map { c in
                    guard columns[c].wrap, case .text(let text) = row.cells[c] else { return 1 }
                    return Self.lines(text, width: widths[c])
                }.max() ?? 1
                if lines > 1 { try check(worksheet_set_row(ws, lxw_row_t(top + r + 1), 15 * Double(lines), nil), "the height of row \(top + r + 2)") }
                for c in columns.indices {
                    try write(c < row.cells.count ? row.cells[c] : .empty, row: top + r + 1, column: columns[c], at: c, style: row.style)
                }
            }
        }

        private func write(_ cell: Workbook.Cell, row: Int, column: Workbook.Column, at index: Int, style: Workbook.RowStyle?) throws {
            let r = lxw_row_t(row), c = lxw_col_t(index)
            func format(_ numberFormat: String?) -> UnsafeMutablePointer<lxw_format> { styles.format(numberFormat, style, wrap: column.wrap) }
            let status: lxw_error
            switch cell {
            // Always a string, never a formula, whatever the text starts with: values come from files anyone could have written.
            case .text(let text):
                status = worksheet_write_string(ws, r, c, Self.fitted(text), format(textFormat))
            // Excel's calendar starts in 1900; an earlier date can only be shown as text.
            case .date(let date) where date.year < 1900:
                status = worksheet_write_string(ws, r, c, date.dmy, format(textFormat))
            case .date(let date):
                var value = lxw_datetime(year: Int32(date.year), month: Int32(date.month), day: Int32(date.day), hour: 0, min: 0, sec: 0)
                status = worksheet_write_datetime(ws, r, c, &value, format(dateFormat))
            case .number(let n) where n.isFinite:
                status = worksheet_write_number(ws, r, c, n, format(column.kind == .integer ? integerFormat : nil))
            case .number(let n):
                status = worksheet_write_string(ws, r, c, String(n), format(textFormat))
            case .empty:
                // A blank cell is only written to carry the row's look. A row's own style would cost
                // nothing but stay put when the rows are sorted, leaving fills on the wrong rows.
                guard style != nil else { return }
                status = worksheet_write_blank(ws, r, c, format(Self.numberFormat(column.kind)))
            }
            try check(status, "cell \(columnLetters(index))\(row + 1)")
        }

        /// A drop-down of `allowed` on every data cell of the column. Excel holds at most 255
        /// characters of list in the validation itself, and splits that list at commas; a
        /// longer list, or one with a comma or quote in a value, is written to the hidden sheet.
        private func validate(column: Int, from firstRow: Int, _ allowed: [String], lists: inout ListSheet) throws {
            var rule = lxw_data_validation()
            let inline = allowed.reduce(allowed.count - 1) { $0 + $1.unicodeScalars.count } <= 255
                && !allowed.contains { $0.contains(",") || $0.contains("\"") }
            let values = allowed.map { strdup($0) } + [nil]
            let formula = inline ? nil : strdup(lists.add(allowed))
            defer { values.forEach { free($0) }; free(formula) }
            try values.withUnsafeBufferPointer { buffer in
                if inline {
                    rule.validate = UInt8(LXW_VALIDATION_TYPE_LIST.rawValue)
                    rule.value_list = UnsafeMutablePointer(mutating: buffer.baseAddress)
                } else {
                    rule.validate = UInt8(LXW_VALIDATION_TYPE_LIST_FORMULA.rawValue)
                    rule.value_formula = formula
                }
                try check(worksheet_data_validation_range(ws, lxw_row_t(firstRow), lxw_col_t(column), lxw_row_t(maxRows - 1), lxw_col_t(column), &rule),
                          "the list of allowed values of column \(columnLetters(column))")
            }
        }

        /// Wide enough for the header (and its filter button) and the longest value, within reason.
        private func fittedWidth(_ c: Int) -> Double {
            var longest = sheet.columns[c].header.utf16.count + 3
            for row in sheet.rows where c < row.cells.count {
                switch row.cells[c] {
                case .text(let s): longest = max(longest, s.utf16.count + 1)
                case .date: longest = max(longest, 11)
                case .number(let n): longest = max(longest, String(n).count + 1)
                case .empty: break
                }
            }
            return Double(min(max(longest, 8), 60))
        }

        /// The lines wrapped text takes at this width, a little generously: a width counts the
        /// default font's digits, most letters are narrower, and a word that does not fit moves to
        /// the next line. The row is made that tall, as not every program fits it when it opens the file.
        static func lines(_ text: String, width: Double) -> Int {
            let perLine = max(1, Int(width * 1.15))
            return text.split(separator: "\n", omittingEmptySubsequences: false).reduce(0) { $0 + max(1, ($1.utf16.count + perLine - 1) / perLine) }
        }

        private func check(_ status: lxw_error, _ place: String) throws { try WorkbookWriter.check(status, sheet: name, place) }

        static func numberFormat(_ kind: Workbook.Column.Kind) -> String? {
            switch kind {
            case .text: return textFormat
            case .date: return dateFormat
            case .integer: return integerFormat
            case .number: return nil
            }
        }

        /// Text longer than a cell holds is cut, and says so, rather than failing the whole workbook.
        static func fitted(_ text: String) -> String {
            guard text.utf16.count > maxCellCharacters else { return text }
            let note = " [cut: a cell holds at most \(maxCellCharacters) characters]"
            return text.prefix(utf16Units: maxCellCharacters - note.utf16.count) + note
        }
    }

    /// The hidden sheet of long lists of allowed values.
    private struct ListSheet {
        let name: String
        var columns: [[String]] = []

        /// The range that holds `values`, for a validation to point at.
        mutating func add(_ values: [String]) -> String {
            columns.append(values)
            let quoted = "'" + name.replacingOccurrences(of: "'", with: "''") + "'"
            return "=\(quoted)!$\(columnLetters(columns.count - 1))$1:$\(columnLetters(columns.count - 1))$\(values.count)"
        }

        func write(to book: UnsafeMutablePointer<lxw_workbook>) throws {
            guard let ws = workbook_add_worksheet(book, name) else {
                throw Failure(sheet: name, problem: "libxlsxwriter refused the sheet name")
            }
            worksheet_hide(ws)
            // Row by row, as the constant-memory mode needs.
            for r in 0..<(columns.map(\.count).max() ?? 0) {
                for (c, values) in columns.enumerated() where r < values.count {
                    try check(worksheet_write_string(ws, lxw_row_t(r), lxw_col_t(c), SheetWriter.fitted(values[r]), nil),
                              sheet: name, "cell \(columnLetters(c))\(r + 1)")
                }
            }
        }
    }

    /// A libxlsxwriter status as a failure naming the sheet and the place in it.
    private static func check(_ status: lxw_error, sheet: String, _ place: String) throws {
        guard status == LXW_NO_ERROR else {
            throw Failure(sheet: sheet, problem: "\(place) cannot be written (\(String(cString: lxw_strerror(status))))")
        }
    }

    /// A column's letters in a cell reference: 0 is A, 26 is AA.
    static func columnLetters(_ index: Int) -> String {
        var n = index + 1, letters = ""
        while n > 0 {
            let rem = (n - 1) % 26
            letters = String(UnicodeScalar(UInt8(65 + rem))) + letters
            n = (n - 1) / 26
        }
        return letters
    }
}
