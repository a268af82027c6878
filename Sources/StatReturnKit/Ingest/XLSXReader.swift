import CLibXML2
import Foundation

/// Reads the worksheets of an Excel workbook (.xlsx) as rows of text, so a table kept in
/// Excel is read exactly as the same table saved as CSV. ZIPFoundation opens the package and
/// libxml2 streams its XML parts; what is left by hand is the small part of the Office Open XML
/// format no library here covers: shared strings, cell references and date-formatted numbers.
struct XLSXReader {
    private let file: String
    private let archive: ZipPackage
    /// Every worksheet, in the workbook's order.
    let sheets: [Sheet]
    private let strings: [String]
    private let dateStyles: Set<Int>
    private let dateBase: Int
    private let dateFormat: ReturnSpec.DateFormat

    /// Dates are written in `dateFormat`, as the return's CSV form has them. A workbook that
    /// cannot be read is an `InputError` naming `file`.
    init(data: Data, file: String, dateFormat: ReturnSpec.DateFormat) throws {
        let archive = try ZipPackage(data: data, file: file)
        guard archive.isWorkbook else {
            throw InputError(file: file, problem: "a zip package, but not an Excel workbook (it has no xl/workbook.xml): a damaged workbook, or a Word or PowerPoint file?")
        }
        self.file = file
        self.archive = archive
        self.dateFormat = dateFormat
        let workbook = try archive.part("xl/workbook.xml")
        var named: [(name: String, id: String?, hidden: Bool)] = [], base1904 = false
        try XMLEvents.walk(workbook, file) { e in
            guard case .start(let name, let attributes) = e else { return }
            if name == "sheet" {
                named.append((attributes["name"] ?? "Sheet\(named.count + 1)", attributes["r:id"], ["hidden", "veryHidden"].contains(attributes["state"] ?? "")))
            }
            if name == "workbookPr" { base1904 = ["1", "true"].contains(attributes["date1904"] ?? "") }
        }
        if named.isEmpty { throw InputError(file: file, problem: "the workbook has no worksheet") }
        let targets = try Self.targets(in: archive, file)
        sheets = try named.map { sheet in
            guard let id = sheet.id, let path = targets[id] else { throw InputError(file: file, problem: "the workbook has no worksheet \(sheet.name)") }
            return Sheet(name: sheet.name, path: path, hidden: sheet.hidden)
        }
        strings = try Self.sharedStrings(archive, file)
        dateStyles = try Self.dateStyles(archive, file)
        // Excel counts days from 1899-12-30 (from 1904-01-01 in the 1904 system); 1970-01-01 is day 25569.
        dateBase = base1904 ? 24107 : 25569
    }

    /// Each relationship's part, by its id: where the workbook's sheets are.
    private static func targets(in archive: ZipPackage, _ file: String) throws -> [String: String] {
        var targets: [String: String] = [:]
        try XMLEvents.walk(try archive.part("xl/_rels/workbook.xml.rels"), file) { e in
            if case .start("Relationship", let a) = e, let id = a["Id"], let t = a["Target"] {
                targets[id] = t.hasPrefix("/") ? String(t.dropFirst()) : "xl/" + t
            }
        }
        return targets
    }

    /// One worksheet, by its tab name and its part; `hidden` when its tab is not shown.
    struct Sheet { var name: String; var path: String; var hidden = false }

    /// A worksheet's rows, read like a CSV file's.
    func rows(of sheet: Sheet) -> some RecordSource { SheetRows(book: self, sheet: sheet) }

    private struct SheetRows: RecordSource {
        let book: XLSXReader
        let sheet: Sheet
        func forEachRecord(_ body: (CSVReader.Record) throws -> Void) throws { try book.forEachRecord(in: sheet, body) }
        var shortRowsAreBlank: Bool { true }
        var isSheet: Bool { true }
    }

    /// The workbook's shared strings, in order; a rich-text string's runs joined, phonetic hints left out.
    private static func sharedStrings(_ archive: ZipPackage, _ file: String) throws -> [String] {
        var strings: [String] = [], current = "", inPhonetic = false, inText = false
        try XMLEvents.walk(try archive.part("xl/sharedStrings.xml"), file) { e in
            switch e {
            case .start("si", _): current = ""
            case .start("rPh", _): inPhonetic = true
            case .end("rPh"): inPhonetic = false
            case .start("t", _): inText = !inPhonetic
            case .end("t"): inText = false
            case .text(let s) where inText: current += s
            case .end("si"): strings.append(current)
            default: break
            }
        }
        return strings
    }

    /// Cell styles (indexes into cellXfs) whose number format shows a date.
    private static func dateStyles(_ archive: ZipPackage, _ file: String) throws -> Set<Int> {
        var custom: [Int: String] = [:], formats: [Int] = [], inCellXfs = false
        try XMLEvents.walk(try archive.part("xl/styles.xml"), file) { e in
            switch e {
            case .start("numFmt", let a):
                if let id = a["numFmtId"].flatMap(Int.init), let code = a["formatCode"] { custom[id] = code }
            case .start("cellXfs", _): inCellXfs = true
            case .end("cellXfs"): inCellXfs = false
            case .start("xf", let a) where inCellXfs: formats.append(a["numFmtId"].flatMap(Int.init) ?? 0)
            default: break
            }
        }
        return Set(formats.indices.filter { i in
            let id = formats[i]
            if (14...22).contains(id) || (45...47).contains(id) { return true }  // Excel's built-in date formats
            return custom[id].map(isDateFormat) ?? false
        })
    }

    /// A custom format shows a date when, outside quoted text and [colour] or [$-locale]
    /// sections, it has a day or year part.
    private static func isDateFormat(_ code: String) -> Bool {
        var plain = "", quoted = false, bracket = false
        for c in code {
            if c == "\"" { quoted.toggle(); continue }
            if !quoted && c == "[" { bracket = true }
            if !quoted && !bracket { plain.append(c) }
            if !quoted && c == "]" { bracket = false }
        }
        return plain.lowercased().contains { $0 == "d" || $0 == "y" }
    }

    /// Calls `body` for each row with a non-empty cell, with the row's number in the sheet as its
    /// line and the blank rows (absent, or with no value) just above it.
    private func forEachRecord(in worksheet: Sheet, _ body: (CSVReader.Record) throws -> Void) throws {
        guard let sheet = try archive.part(worksheet.path) else {
            throw InputError(file: file, problem: "the workbook has no part \(worksheet.path)")
        }
        var cells: [String] = [], filled: [Bool] = [], line = 0, lastGiven = 0
        var reference = "", column = 0, type = "", style = 0, value = "", inValue = false, inRow = false
        try XMLEvents.walk(sheet, file) { e in
            switch e {
            case .start("row", let a):
                let number = a["r"].map { Int($0) ?? 0 } ?? line + 1
                guard number > line else {
                    throw InputError(file: file, line: number, problem: "the sheet gives row \(a["r"] ?? "") twice, or out of order")
                }
                line = number
                cells = []; filled = []; inRow = true
            case .start("c", let a):
                // A cell outside any row would be dropped or land in the wrong record.
                guard inRow else { throw InputError(file: file, line: line, field: a["r"], problem: "the sheet has a cell outside any row") }
                reference = a["r"] ?? ""
                column = try a["r"].map { try self.column($0, line: line) } ?? cells.count
                type = a["t"] ?? "n"
                style = a["s"].flatMap(Int.init) ?? 0
                value = ""
            case .start("v", _), .start("t", _):
                inValue = true
            case .end("v"), .end("t"):
                inValue = false
            case .text(let s) where inValue:
                value += s
            case .end("c"):
                if cells.count <= column {
                    cells += Array(repeating: "", count: column - cells.count + 1)
                    filled += Array(repeating: false, count: column - filled.count + 1)
                }
                if filled[column] { throw InputError(file: file, line: line, field: reference, problem: "the sheet gives cell \(reference) twice") }
                filled[column] = true
                cells[column] = try text(value, type: type, style: style, line: line, cell: reference)
            case .end("row"):
                defer { cells = []; filled = []; inRow = false }
                guard cells.contains(where: { !$0.isEmpty }) else { return }
                var record = CSVReader.Record(cells: cells, line: line)
                record.blankBefore = line - lastGiven - 1
                lastGiven = line
                try body(record)
            default:
                break
            }
        }
    }

    /// Excel's last column, XFD.
    private static let maxColumns = 16384

    /// The zero-based column of a cell reference such as "AB12".
    private func column(_ reference: String, line: Int) throws -> Int {
        let letters = reference.utf8.prefix { (65...90).contains($0) }
        let digits = reference.utf8.dropFirst(letters.count)
        guard (1...3).contains(letters.count), !digits.isEmpty, digits.allSatisfy({ (48...57).contains($0) }) else {
            throw InputError(file: file, line: line, field: reference, problem: "'\(reference)' is not a cell reference")
        }
        let n = letters.reduce(0) { $0 * 26 + Int($1) - 64 }
        guard n <= Self.maxColumns else {
            throw InputError(file: file, line: line, field: reference, problem: "cell \(reference) is beyond Excel's last column, XFD")
        }
        return n - 1
    }

    /// Excel's last date, 31/12/9999, as a serial number.
    private static let maxDateSerial = 2_958_465.0

    private func text(_ raw: String, type: String, style: Int, line: Int, cell: String) throws -> String {
        switch type {
        case "s":
            guard let i = Int(raw), strings.indices.contains(i) else {
                throw InputError(file: file, line: line, field: cell,
                                 problem: "cell \(cell) points to shared string '\(raw)', which the workbook does not have")
            }
            return strings[i]
        case "n" where dateStyles.contains(style) && !raw.isEmpty:
            guard let serial = Double(raw), serial.isFinite, (0...Self.maxDateSerial).contains(serial) else {
                throw InputError(file: file, line: line, field: cell, problem: "cell \(cell) is formatted as a date but holds '\(raw)', which is not one")
            }
            let date = SimpleDate(dayNumber: Int(serial.rounded(.down)) - dateBase)
            return dateFormat == .dmy ? date.dmy : date.iso
        default: return raw
        }
    }
}

/// libxml2's streaming reader as a sequence of start, text and end events: enough to walk the
/// small, flat XML parts of a workbook.
enum XMLEvents {
    enum Event {
        case start(String, [String: String])
        case text(String)
        case end(String)
    }

    /// Problems are `InputError`s naming `file`, the workbook the part is in.
    static func walk(_ data: Data?, _ file: String, _ visit: (Event) throws -> Void) throws {
        guard let data else { return }
        try XMLProblems.capturing { _ in try data.withUnsafeBytes { buf in
            guard let reader = xmlReaderForMemory(buf.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(buf.count), nil, nil,
                                                  Int32(XML_PARSE_NONET.rawValue)) else {
                throw InputError(file: file, problem: "the workbook has a part that is not XML")
            }
            defer { xmlFreeTextReader(reader) }
            while true {
                let status = xmlTextReaderRead(reader)
                if status == 0 { return }
                if status < 0 { throw InputError(file: file, problem: "the workbook has a part that is not well-formed XML") }
                switch xmlTextReaderNodeType(reader) {
                case 1:
                    let name = String(cString: xmlTextReaderConstLocalName(reader))
                    let empty = xmlTextReaderIsEmptyElement(reader) == 1
                    var attributes: [String: String] = [:]
                    while xmlTextReaderMoveToNextAttribute(reader) == 1 {
                        attributes[String(cString: xmlTextReaderConstName(reader))] = String(cString: xmlTextReaderConstValue(reader))
                    }
                    xmlTextReaderMoveToElement(reader)
                    try visit(.start(name, attributes))
                    if empty { try visit(.end(name)) }
                case 3, 4, 14:  // text, CDATA, significant whitespace (a string of spaces is a value)
                    if let v = xmlTextReaderConstValue(reader) { try visit(.text(String(cString: v))) }
                case 15:
                    try visit(.end(String(cString: xmlTextReaderConstLocalName(reader))))
                case 10:  // Excel never writes a DOCTYPE; entities are not read on any route
                    throw InputError(file: file, problem: "the workbook has a part with a DOCTYPE declaration, which Excel never writes")
                default:
                    break
                }
            }
        } }
    }
}
