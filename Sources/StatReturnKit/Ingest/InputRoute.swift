import Foundation

/// One way a source becomes records of a return's tables, each with its provenance (file and
/// line, sheet and row, element line): a CSV table, a workbook's sheet, an XML document, the
/// files of a zip (each read by its own route, named `archive.zip [part]`). Each
/// route knows its sources by their bytes, not their names; the spec says which routes its
/// return accepts (`routes:` in return.yml), and a file no accepted route takes is refused.
public enum InputRoute: String, Codable, Sendable, CaseIterable {
    case csv, xlsx, xml, zip

    /// The route that takes this file, by its first bytes.
    static func of(_ file: InputFile) -> InputRoute {
        if file.isXML { return .xml }
        guard file.isZip else { return .csv }
        // An Office package without its workbook part is a damaged workbook, not a zip of files.
        return (try? ZipPackage(data: file.data, file: file.name)).map { $0.isOfficePackage ? .xlsx : .zip } ?? .xlsx
    }

    /// Loads the file's records into the ingestor's tables.
    func load(_ file: InputFile, into ingestor: Ingestor, spec: ReturnSpec) throws {
        if self == .xml {
            try ingestor.load(xml: file.data, file: file.name, previousYear: file.previousYear)
            return
        }
        if self == .zip { return try Self.loadParts(of: file, into: ingestor, spec: spec) }
        guard self == .xlsx else {
            return try Self.load(CSVReader(data: file.data, legacyEncoding: file.legacyEncoding), as: file.name, file, into: ingestor, spec: spec)
        }
        // Every sheet that is a table of the return is read; in a workbook of several, a sheet that
        // is empty is passed over and one that is no table (notes, a pivot) is named in the warnings,
        // unless it is hidden (a template's lists of drop-down answers), which no one reads as data.
        let book = try XLSXReader(data: file.data, file: file.name, dateFormat: spec.dateFormat)
        var read = 0, passedOver: InputError?
        for sheet in book.sheets {
            let label = book.sheets.count == 1 ? file.name : "\(file.name) [\(sheet.name)]"
            do {
                try Self.load(book.rows(of: sheet), as: label, file, into: ingestor, spec: spec)
                read += 1
            } catch let e as InputError where book.sheets.count > 1 && e.line == 1 && (e.problem.hasPrefix("the file is empty") || e.problem.hasPrefix("header row matches none")) {
                if !e.problem.hasPrefix("the file is empty") && !sheet.hidden { ingestor.note("\(label): not read: \(e.problem)") }
                passedOver = passedOver ?? e
            }
        }
        if read == 0, let passedOver { throw passedOver }
    }

    private static func load(_ rows: some RecordSource, as label: String, _ file: InputFile, into ingestor: Ingestor, spec: ReturnSpec) throws {
        if let name = file.mustBe ?? file.table {
            guard let table = spec.table(name) else {
                throw InputError(file: file.name, problem: "\(spec.returnName) \(spec.year) has no table \(name)")
            }
            try ingestor.load(rows: rows, table: table, file: label, previousYear: file.previousYear, exact: file.mustBe != nil)
        } else {
            try ingestor.load(rows: rows, file: label, previousYear: file.previousYear)
        }
    }

    /// Each file in the zip is read by the route its own bytes call for (a zip inside is refused:
    /// one level is what people make); one of a kind no route reads is named, not read.
    private static func loadParts(of file: InputFile, into ingestor: Ingestor, spec: ReturnSpec) throws {
        let package = try ZipPackage(data: file.data, file: file.name)
        var read = 0
        for path in package.filePaths {
            let label = "\(file.name) [\(path)]"
            let name = (path as NSString).lastPathComponent
            if let reason = InputFile.notReadReason(name: name, isFolder: false) ?? (path.hasPrefix("__MACOSX/") ? "a macOS resource file" : nil) {
                ingestor.note("\(label): not read: \(reason)")
                continue
            }
            var part = file
            part.name = label
            part.data = try package.part(path) ?? Data()
            if part.isZip, !(try ZipPackage(data: part.data, file: label).isOfficePackage) {
                throw InputError(file: label, problem: "is a zip inside the zip; give the files inside it instead")
            }
            try load(part, into: ingestor, spec: spec)
            read += 1
        }
        if read == 0 { throw InputError(file: file.name, problem: "the zip holds no .csv, .xml or .xlsx file") }
    }

    /// Reads a file by the route its bytes call for, if the return accepts that route.
    static func load(_ file: InputFile, into ingestor: Ingestor, spec: ReturnSpec) throws {
        if let problem = file.formProblem { throw InputError(file: file.name, problem: problem) }
        let route = of(file)
        guard spec.routes.contains(route) else {
            throw InputError(file: file.name, problem: "is \(route.description), which \(spec.title) is not read from (it takes \(spec.routes.map(\.description).joined(separator: ", ")))")
        }
        try route.load(file, into: ingestor, spec: spec)
    }

    var description: String {
        switch self {
        case .csv: return "a CSV table"
        case .xlsx: return "an Excel workbook"
        case .xml: return "an XML document"
        case .zip: return "a zip of files"
        }
    }
}
