import CFuzzer
import Foundation
@testable import StatReturnKit
import ZIPFoundation

/// What the fuzz targets share: the specs, and the one acceptable way for a reader to refuse input.
public enum Fuzz {
    static let specs = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../../Specs").standardizedFileURL

    public static func spec(_ name: String, _ year: String) -> ReturnSpec {
        do { return try SpecLoader(root: specs).load(returnName: name, year: year) } catch {
            fatalError("the fuzz targets need \(specs.path): \(error)")
        }
    }

    /// Runs a reader on hostile bytes: it may refuse them with a message (an `InputError` or a
    /// malformed-CSV error), and anything else (a trap, a memory error) is what the fuzzer looks for.
    public static func run(_ body: () throws -> Void) {
        do { try body() } catch is InputError {} catch is CSVReader.MalformedCSV {} catch {
            fatalError("a reader threw something other than an input error: \(error)")
        }
    }

    /// Hands the program to libFuzzer's driver with `body` as the target: SwiftPM gives every
    /// executable a main of its own, so libFuzzer's cannot be used.
    public static func main(_ body: @escaping (Data) -> Void) -> Never {
        target = body
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { bytes, count in
            Fuzz.target(Data(bytes: bytes!, count: count))
            return 0
        })
    }
    /// The one target of this program (a C callback cannot capture it).
    nonisolated(unsafe) static var target: (Data) -> Void = { _ in }

    public static func csv(_ data: Data) {
        run { try CSVReader(data: data).forEachRecord { _ in } }
        run { try CSVReader(data: data, legacyEncoding: true).forEachRecord { _ in } }
    }

    /// The fuzzed bytes become the worksheet of an otherwise sound workbook, so the fuzzer explores
    /// the cell logic rather than the zip checksums.
    public static func xlsx(_ sheet: Data) {
        guard let archive = try? Archive(data: Data(), accessMode: .create, pathEncoding: nil) else { return }
        let parts: [(String, Data)] = [
            ("xl/workbook.xml", Data(#"<workbook xmlns:r="r"><sheets><sheet r:id="rId1"/></sheets></workbook>"#.utf8)),
            ("xl/_rels/workbook.xml.rels", Data(#"<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>"#.utf8)),
            ("xl/styles.xml", Data(#"<styleSheet><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>"#.utf8)),
            ("xl/sharedStrings.xml", Data("<sst><si><t>CHILD</t></si><si><t>SEX</t></si><si><t>C1</t></si></sst>".utf8)),
            ("xl/worksheets/sheet1.xml", sheet),
        ]
        for (path, data) in parts {
            try? archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let zipped = archive.data else { return }
        run {
            let book = try XLSXReader(data: zipped, file: "fuzz.xlsx", dateFormat: .dmy)
            for sheet in book.sheets { try book.rows(of: sheet).forEachRecord { _ in } }
        }
    }

    public static func xml(_ data: Data, spec: ReturnSpec, schema: Bool) {
        let reader = XMLReader(mapping: spec.xml!, tables: Dictionary(uniqueKeysWithValues: spec.tables.map { ($0.name, $0) }),
                               schema: schema ? spec.schemaFile : nil)
        run { _ = try reader.read(data, file: "fuzz.xml") { _ in } }
    }
}
