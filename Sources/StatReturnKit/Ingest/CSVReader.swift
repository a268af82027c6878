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

    private let data: Data
    /// Read cells that are not valid UTF-8 as Windows-1252 (Excel's "CSV" on Windows) instead of refusing them.
    public var legacyEncoding = false

    public init(data: Data, legacyEncoding: Bool = false) { self.data = data; self.legacyEncoding = legacyEncoding }
    public init(text: String) { data = Data(text.utf8) }

    /// Calls `body` for each record with at least one non-empty cell, in order, saying how many
    /// blank lines came just before it.
    public func forEachRecord(_ body: (Record) throws -> Void) throws {
        try data.withUnsafeBytes { raw in try read(raw.bindMemory(to: UInt8.self), body) }
    }

    // Reads the bytes where they are: a cell is decoded straight from its slice, and only a quoted
    // one holding `""` (each standing for one quote) is copied, so a file of millions of cells (the
    // ONS postcode directory, every cell quoted) is read without a copy of it or of each cell.
    private func read(_ b: UnsafeBufferPointer<UInt8>, _ body: (Record) throws -> Void) throws {
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        let n = b.count
        var i = 0
        if n >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF { i = 3 }
        var line = 1
        var cells: [String] = []
        // Where the cell being read starts; once a quoted cell is read, where its text is, or its
        // text when it had to be copied.
        var start = i
        var quoted: (range: Range<Int>, copy: [UInt8]?)?
        // Whether the cell has a byte over 127: only such a cell can be invalid UTF-8 (noted as it is read, not by a second pass).
        var high = false
        var recordLine = 1
        var atRecordStart = true
        var recoded: [Int] = []

        func decode(_ bytes: UnsafeBufferPointer<UInt8>) throws -> String {
            guard high else { return String(decoding: bytes, as: UTF8.self) }
            if let s = String(validating: bytes, as: UTF8.self) { return s }
            if legacyEncoding, let s = String(data: Data(bytes), encoding: .windowsCP1252) {
                recoded.append(cells.count)
                return s
            }
            throw MalformedCSV(line: line, problem: "cell \(cells.count + 1) is not UTF-8 text; if the file was saved as Windows \"CSV\" rather than \"CSV UTF-8\", give --encoding windows-1252")
        }
        var blanks = 0
        func endCell(at end: Int) throws {
            if let q = quoted {
                cells.append(try q.copy.map { try $0.withUnsafeBufferPointer(decode) } ?? decode(UnsafeBufferPointer(rebasing: b[q.range])))
            } else {
                cells.append(try decode(UnsafeBufferPointer(rebasing: b[start..<end])))
            }
            quoted = nil
            high = false
            start = end + 1
        }
        func endRecord(at end: Int) throws {
            try endCell(at: end)
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
            let c = b[i]
            if c == quote && quoted == nil && b[start..<i].allSatisfy({ $0 == 32 || $0 == 9 }) {
                // A quoted cell; spaces before the opening quote are dropped.
                let openLine = line
                i += 1
                let first = i
                var copy: [UInt8]?
                var closed = false
                while i < n {
                    let d = b[i]
                    if d == quote {
                        if i + 1 < n && b[i + 1] == quote {
                            if copy == nil { copy = Array(b[first..<i]) }
                            copy!.append(quote); i += 2; continue
                        }
                        closed = true; break
                    }
                    if d == lf { line += 1 }
                    copy?.append(d)
                    if d >= 0x80 { high = true }
                    i += 1
                }
                if !closed {
                    throw MalformedCSV(line: openLine, problem: "a quoted cell is never closed")
                }
                quoted = (first..<i, copy)
                i += 1
                // Only spaces may stand between the closing quote and the next separator:
                // `"C1000"01` is not a cell any two programs would read alike.
                while i < n && (b[i] == 32 || b[i] == 9) { i += 1 }
                if i < n && b[i] != comma && b[i] != cr && b[i] != lf {
                    throw MalformedCSV(line: line, problem: "text follows the closing quote of cell \(cells.count + 1)")
                }
                continue
            }
            switch c {
            case comma:
                try endCell(at: i)
            case cr:
                try endRecord(at: i)
                if i + 1 < n && b[i + 1] == lf { i += 1; start = i + 1 }
                line += 1
            case lf:
                try endRecord(at: i); line += 1
            default:
                if c >= 0x80 { high = true }
            }
            i += 1
        }
        if !atRecordStart { try endRecord(at: n) }
    }
}
