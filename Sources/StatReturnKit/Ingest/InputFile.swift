import Foundation

/// One file of a return, read into memory. Input files are only ever read.
public struct InputFile: Sendable {
    /// The name shown in reports and messages (the path the user gave).
    public var name: String
    public var data: Data
    /// Set when the table is known beforehand (rule examples); otherwise it is recognised from the header.
    public var table: String?
    /// Whether the file belongs to last year's return.
    public var previousYear: Bool
    /// The companion return the file belongs to (e.g. `ssda903` beside the CIN census), if any.
    public var companion: String?

    public init(name: String, data: Data, table: String? = nil, previousYear: Bool = false, companion: String? = nil) {
        self.name = name; self.data = data; self.table = table; self.previousYear = previousYear; self.companion = companion
    }

    /// An XML file is known by its first non-blank character, whatever its name.
    public var isXML: Bool {
        var bytes = data.prefix(64).drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        return bytes.first == UInt8(ascii: "<")
    }

    /// An Excel workbook (a zip package) is known by its first bytes, whatever its name.
    public var isXLSX: Bool { data.starts(with: [0x50, 0x4B, 0x03, 0x04]) }

    /// Reads the files named, and the `.csv`, `.xml` and `.xlsx` files in the folders named, in name order.
    public static func collect(paths: [String], previousYear: Bool = false, companion: String? = nil) throws -> [InputFile] {
        let fm = FileManager.default
        var files: [InputFile] = []
        for path in paths {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDir) else {
                throw InputError(file: path, problem: "no such file or folder")
            }
            let names: [String]
            if isDir.boolValue {
                guard let entries = try? fm.contentsOfDirectory(atPath: path) else {
                    throw InputError(file: path, problem: "the folder cannot be read")
                }
                names = entries.filter { n in [".csv", ".xml", ".xlsx"].contains { n.lowercased().hasSuffix($0) } && !n.hasPrefix("~$") }.sorted()
                    .map { (path as NSString).appendingPathComponent($0) }
                if names.isEmpty { throw InputError(file: path, problem: "the folder has no .csv, .xml or .xlsx files") }
            } else {
                names = [path]
            }
            for name in names {
                guard let data = fm.contents(atPath: name) else {
                    throw InputError(file: name, problem: "the file cannot be read")
                }
                files.append(InputFile(name: name, data: data, previousYear: previousYear, companion: companion))
            }
        }
        return files
    }
}
