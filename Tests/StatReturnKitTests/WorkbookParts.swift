import Foundation
import XCTest
import ZIPFoundation

/// A written .xlsx taken apart for tests: its sheets' XML, and what a cell holds and how it is styled.
struct WorkbookParts {
    let archive: Archive

    init(_ data: Data) throws { archive = try Archive(data: data, accessMode: .read) }

    func part(_ path: String) throws -> String {
        let entry = try XCTUnwrap(archive[path], "no \(path) in the workbook")
        var data = Data()
        _ = try archive.extract(entry) { data.append($0) }
        return String(decoding: data, as: UTF8.self)
    }

    /// Sheet names in the workbook's order, with whether each is hidden.
    func sheets() throws -> [(name: String, hidden: Bool)] {
        try matches(#"<sheet [^>]*?/>"#, in: part("xl/workbook.xml")).map { element in
            (try XCTUnwrap(attribute("name", of: element)).replacingOccurrences(of: "&apos;", with: "'"),
             attribute("state", of: element) == "hidden")
        }
    }

    /// The worksheet XML of the sheet with this name.
    func sheet(_ name: String) throws -> String {
        let book = try part("xl/workbook.xml")
        let element = try XCTUnwrap(matches(#"<sheet [^>]*?/>"#, in: book).first { attribute("name", of: $0) == name }, "no sheet \(name)")
        let id = try XCTUnwrap(attribute("r:id", of: element))
        let rels = try part("xl/_rels/workbook.xml.rels")
        let rel = try XCTUnwrap(matches(#"<Relationship [^>]*?/>"#, in: rels).first { attribute("Id", of: $0) == id })
        return try part("xl/" + XCTUnwrap(attribute("Target", of: rel)))
    }

    /// The `<c>` element of a cell (e.g. "B2") in a sheet's XML.
    func cell(_ ref: String, in sheet: String) throws -> String {
        try XCTUnwrap(matches(#"<c r="\#(ref)"[^>]*?(/>|>.*?</c>)"#, in: sheet).first, "no cell \(ref)")
    }

    /// The number format code, fill colour (ARGB) and boldness of a cell's style.
    func style(of cell: String) throws -> (numberFormat: String?, fill: String?, bold: Bool) {
        let styles = try part("xl/styles.xml")
        let xfs = matches(#"<xf [^>]*?(/>|>.*?</xf>)"#, in: try XCTUnwrap(matches(#"<cellXfs.*?</cellXfs>"#, in: styles).first))
        let xf = xfs[Int(attribute("s", of: cell) ?? "0")!]
        let formatID = attribute("numFmtId", of: xf) ?? "0"
        let format = matches(#"<numFmt [^>]*?/>"#, in: styles).first { attribute("numFmtId", of: $0) == formatID }
            .flatMap { attribute("formatCode", of: $0) } ?? Self.builtInFormats[formatID]
        let fills = matches(#"<fill>.*?</fill>"#, in: styles)
        let fill = fills[Int(attribute("fillId", of: xf) ?? "0")!]
        let font = matches(#"<font>.*?</font>"#, in: styles)[Int(attribute("fontId", of: xf) ?? "0")!]
        return (format, matches(#"<fgColor [^>]*?/>"#, in: fill).first.flatMap { attribute("rgb", of: $0) }, font.contains("<b/>"))
    }

    /// The formats Excel numbers rather than names (those a writer may use for text and integers).
    static let builtInFormats = ["1": "0", "49": "@"]

    func attribute(_ name: String, of element: String) -> String? {
        matches(#"\s\#(NSRegularExpression.escapedPattern(for: name))="([^"]*)""#, in: element, group: 1).first
    }

    func matches(_ pattern: String, in text: String, group: Int = 0) -> [String] {
        let regex = try! NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators])
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map {
            String(text[Range($0.range(at: group), in: text)!])
        }
    }
}
