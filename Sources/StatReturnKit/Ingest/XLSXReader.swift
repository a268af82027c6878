import CLibXML2
import Foundation
import ZIPFoundation

/// Reads the first worksheet of an Excel workbook (.xlsx) as rows of text, so a table kept in
/// Excel is read exactly as the same table saved as CSV. ZIPFoundation opens the package and
/// libxml2 streams its XML parts; what is left by hand is the small part of the Office Open XML
/// format no library here covers: shared strings, cell references and date-formatted numbers.
struct XLSXReader: RecordSource {
    private let file: String
    private let archive: Archive
    private let sheetPath: String
    private let strings: [String]
    private let dateStyles: Set<Int>
    private let dateBase: Int
    private let dateFormat: ReturnSpec.DateFormat

    /// Dates are written in `dateFormat`, as the return's CSV form has them. A workbook that
    /// cannot be read is an `InputError` naming `file`.
    init(data: Data, file: String, dateFormat: ReturnSpec.DateFormat) throws {
        guard let archive = try? Archive(data: data, accessMode: .read) else {
            throw InputError(file: file, problem: "not a readable Excel workbook (.xlsx)")
        }
        self.file = file
        self.archive = archive
        self.dateFormat = dateFormat
        let workbook = try Self.part(archive, "xl/workbook.xml", file)
        var firstSheet: String?, base1904 = false
        try XMLEvents.walk(workbook, file) { e in
            guard case .start(let name, let attributes) = e else { return }
            if name == "sheet", firstSheet == nil { firstSheet = attributes["r:id"] }
            if name == "workbookPr" { base1904 = ["1", "true"].contains(attributes["date1904"] ?? "") }
        }
        sheetPath = try Self.target(of: firstSheet, in: archive, file)
        strings = try Self.sharedStrings(archive, file)
        dateStyles = try Self.dateStyles(archive, file)
        // Excel counts days from 1899-12-30 (from 1904-01-01 in the 1904 system); 1970-01-01 is day 25569.
        dateBase = base1904 ? 24107 : 25569
    }

    private static func part(_ archive: Archive, _ path: String, _ file: String) throws -> Data? {
        guard let entry = archive[path] else { return nil }
        var data = Data()
        do { _ = try archive.extract(entry) { data.append($0) } } catch {
            throw InputError(file: file, problem: "the workbook has a damaged part \(path)")
        }
        return data
    }

    /// The first sheet's part, through the workbook's relationships.
    private static func target(of id: String?, in archive: Archive, _ file: String) throws -> String {
        var target: String?
        try XMLEvents.walk(try part(archive, "xl/_rels/workbook.xml.rels", file), file) { e in
            if case .start("Relationship", let a) = e, a["Id"] == id, let t = a["Target"] { target = t }
        }
        guard let target else { throw InputError(file: file, problem: "the workbook has no worksheet") }
        return target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
    }

    /// The workbook's shared strings, in order; a rich-text string's runs joined, phonetic hints left out.
    private static func sharedStrings(_ archive: Archive, _ file: String) throws -> [String] {
        var strings: [String] = [], current = "", inPhonetic = false, inText = false
        try XMLEvents.walk(try part(archive, "xl/sharedStrings.xml", file), file) { e in
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
    private static func dateStyles(_ archive: Archive, _ file: String) throws -> Set<Int> {
        var custom: [Int: String] = [:], formats: [Int] = [], inCellXfs = false
        try XMLEvents.walk(try part(archive, "xl/styles.xml", file), file) { e in
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

    /// Calls `body` for each row with a non-empty cell, with the row's number in the sheet as its line.
    func forEachRecord(_ body: (CSVReader.Record) throws -> Void) throws {
        guard let sheet = try Self.part(archive, sheetPath, file) else { throw InputError(file: file, problem: "the workbook has no part \(sheetPath)") }
        var cells: [String] = [], line = 0
        var column = 0, type = "", style = 0, value = "", inValue = false
        try XMLEvents.walk(sheet, file) { e in
            switch e {
            case .start("row", let a):
                line = a["r"].flatMap(Int.init) ?? line + 1
                cells = []
            case .start("c", let a):
                column = a["r"].map(Self.column) ?? cells.count
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
                if cells.count <= column { cells += Array(repeating: "", count: column - cells.count + 1) }
                cells[column] = text(value, type: type, style: style)
            case .end("row"):
                if cells.contains(where: { !$0.isEmpty }) { try body(CSVReader.Record(cells: cells, line: line)) }
            default:
                break
            }
        }
    }

    /// The zero-based column of a cell reference such as "AB12".
    private static func column(_ reference: String) -> Int {
        reference.unicodeScalars.prefix { $0.properties.isAlphabetic }.reduce(0) { $0 * 26 + Int($1.value) - 64 } - 1
    }

    private func text(_ raw: String, type: String, style: Int) -> String {
        switch type {
        case "s": return Int(raw).flatMap { $0 < strings.count ? strings[$0] : nil } ?? raw
        case "n" where dateStyles.contains(style):
            guard let serial = Double(raw) else { return raw }
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
        try data.withUnsafeBytes { buf in
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
                default:
                    break
                }
            }
        }
    }
}
