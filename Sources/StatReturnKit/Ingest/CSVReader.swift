import Foundation

/// Splits RFC 4180 CSV into records, noting the physical line each record starts on.
///
/// Written by hand rather than taken from a CSV package because error messages must
/// name the line a record starts on (quoted cells can span lines), and a national
/// 903 has millions of cells: one pass over bytes keeps ingest a small part of a run.
/// Handles a UTF-8 byte-order mark, CRLF or LF, quoted cells with `""` escapes and
/// line breaks, and blank lines (skipped).
public struct CSVReader {
    public struct Record {
        public var cells: [String]
        /// 1-based physical line the record starts on.
        public var line: Int
        /// Cells that were not UTF-8 and were read as Windows-1252 (with `legacyEncoding`): each is listed as a fix.
        public var recoded: [Int] = []
        /// Where the record came from when that is not a file's line: a database table and key.
        public var origin: String? = nil
        /// Wholly blank lines (or sheet rows) skipped just before this record, so none goes unsaid.
        public var blankBefore = 0
    }

    public struct MalformedCSV: Error, CustomStringConvertible {
        public let line: Int
        public let problem: String
        public var description: String { "line \(line): \(problem)" }
    }

    private let bytes: [UInt8]
    /// Read cells that are not valid UTF-8 as Windows-1252 (Excel's "CSV" on Windows) instead of refusing them.
    public var legacyEncoding = false

    public init(data: Data, legacyEncoding: Bool = false) { bytes = [UInt8](data); self.legacyEncoding = legacyEncoding }
    public init(text: String) { bytes = Array(text.utf8) }

    /// Calls `body` for each record with at least one non-empty cell, in order, saying how many
    /// blank lines came just before it.
    public func forEachRecord(_ body: (Record) throws -> Void) throws {
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        var i = 0
        let n = bytes.count
        if n >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
        var line = 1
        var cells: [String] = []
        var cell: [UInt8] = []
        // Whether the cell has a byte over 127: only such a cell can be invalid UTF-8 (noted as it is read, not by a second pass).
        var high = false
        var recordLine = 1
        var atRecordStart = true
        var recoded: [Int] = []

        func endCell() throws {
            if high {
                if let s = String(validating: cell, as: UTF8.self) {
                    cells.append(s)
                } else if legacyEncoding, let s = String(data: Data(cell), encoding: .windowsCP1252) {
                    recoded.append(cells.count)
                    cells.append(s)
                } else {
                    throw MalformedCSV(line: line, problem: "cell \(cells.count + 1) is not UTF-8 text; if the file was saved as Windows \"CSV\" rather than \"CSV UTF-8\", give --encoding windows-1252")
                }
            } else {
                cells.append(String(decoding: cell, as: UTF8.self))
            }
            cell.removeAll(keepingCapacity: true)
            high = false
        }
        var blanks = 0
        func endRecord() throws {
            try endCell()
            if cells.contains(where: { !$0.allSatisfy { $0 == " " || $0 == "\t" } }) {
                var record = Record(cells: cells, line: recordLine, recoded: recoded)
                record.blankBefore = blanks
                blanks = 0
                try body(record)
            } else {
                blanks += 1
            }
            cells.removeAll(keepingCapacity: true)
            recoded.removeAll()
            atRecordStart = true
        }

        while i < n {
            if atRecordStart { recordLine = line; atRecordStart = false }
            let b = bytes[i]
            if b == quote && cell.allSatisfy({ $0 == 32 || $0 == 9 }) {
                // A quoted cell; spaces before the opening quote are dropped.
                cell.removeAll(keepingCapacity: true)
                let openLine = line
                i += 1
                var closed = false
                while i < n {
                    let c = bytes[i]
                    if c == quote {
                        if i + 1 < n && bytes[i + 1] == quote { cell.append(quote); i += 2; continue }
                        i += 1; closed = true; break
                    }
                    if c == lf { line += 1 }
                    cell.append(c)
                    if c >= 0x80 { high = true }
                    i += 1
                }
                if !closed {
                    throw MalformedCSV(line: openLine, problem: "a quoted cell is never closed")
                }
                // Only spaces may stand between the closing quote and the next separator:
                // `"C1000"01` is not a cell any two programs would read alike.
                while i < n && (bytes[i] == 32 || bytes[i] == 9) { i += 1 }
                if i < n && bytes[i] != comma && bytes[i] != cr && bytes[i] != lf {
                    throw MalformedCSV(line: line, problem: "text follows the closing quote of cell \(cells.count + 1)")
                }
                continue
            }
            switch b {
            case comma:
                try endCell()
            case cr:
                if i + 1 < n && bytes[i + 1] == lf { i += 1 }
                try endRecord(); line += 1
            case lf:
                try endRecord(); line += 1
            default:
                cell.append(b)
                if b >= 0x80 { high = true }
            }
            i += 1
        }
        if !atRecordStart { try endRecord() }
    }
}
