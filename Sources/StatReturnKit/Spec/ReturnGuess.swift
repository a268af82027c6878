import Foundation

/// Which other return a file that this one cannot read looks like (a CIN census given to
/// `validate ssda903`), so the message can say what to run instead.
public enum ReturnGuess {
    public static func otherReturn(for file: String, not returnName: String, specs: URL) -> String? {
        guard let data = FileManager.default.contents(atPath: file) else { return nil }
        let loader = SpecLoader(root: specs)
        let input = InputFile(name: file, data: data)
        for name in loader.returns where name != returnName {
            guard let year = loader.years(of: name).last, let spec = try? loader.load(returnName: name, year: year) else { continue }
            if input.isXML {
                if let root = spec.xml?.root, data.prefix(4096).range(of: Data("<\(root)".utf8)) != nil { return spec.title }
                continue
            }
            var header: [String]?
            try? CSVReader(data: data).forEachRecord { r in if header == nil { header = r.cells } }
            if let header, (try? TableRecognizer(tables: spec.tables).recognise(header: header, file: file, line: 1)) != nil {
                return spec.title
            }
        }
        return nil
    }
}
