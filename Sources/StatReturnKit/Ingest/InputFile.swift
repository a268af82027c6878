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
    /// Set for a file given for one table (a reference list's option): its header must be that table's, in full.
    public var mustBe: String?
    /// Read text that is not UTF-8 as Windows-1252, listing each value so read as a fix.
    public var legacyEncoding = false
    /// Set for a file found in a folder and not read, with the reason: it is named in the run's warnings.
    public var notRead: String?

    public init(name: String, data: Data, table: String? = nil, previousYear: Bool = false, companion: String? = nil) {
        self.name = name; self.data = data; self.table = table; self.previousYear = previousYear; self.companion = companion
    }

    /// Why the bytes cannot be a return's table at all, in words that name the fix; nil when they may be.
    public var formProblem: String? {
        let head = [UInt8](data.prefix(64))
        if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) {
            return "is an old Excel workbook (.xls), which StatReturn does not read; save it as .xlsx or as CSV UTF-8"
        }
        if head.starts(with: [0xFF, 0xFE, 0, 0]) || head.starts(with: [0, 0, 0xFE, 0xFF]) {
            return "is UTF-32 text; save it as UTF-8 (in Excel: CSV UTF-8)"
        }
        if head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF]) || head.contains(0) && !isZip {
            return "is UTF-16 text (or binary); save it as UTF-8 (in Excel: CSV UTF-8)"
        }
        return nil
    }

    /// One file, by its path.
    public static func read(_ path: String) throws -> InputFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(file: path, problem: FileManager.default.fileExists(atPath: path) ? "the file cannot be read" : "no such file")
        }
        return InputFile(name: path, data: data)
    }

    /// Refuses a file given twice, by the same path or with the same bytes: read twice it would
    /// double every record.
    public static func refuseDuplicates(_ files: [InputFile]) throws {
        var byPath: [String: String] = [:], bySize: [Int: [InputFile]] = [:]
        for f in files where f.notRead == nil {
            if let earlier = byPath.updateValue(f.name, forKey: OutputTarget.canonical(f.name)) {
                throw InputError(file: f.name, problem: "is given twice (also as \(earlier))")
            }
            if let same = bySize[f.data.count, default: []].first(where: { $0.data == f.data }) {
                throw InputError(file: f.name, problem: "has exactly the same contents as \(same.name): the same file given twice?")
            }
            bySize[f.data.count, default: []].append(f)
        }
    }

    /// An XML file is known by its first non-blank character, whatever its name.
    public var isXML: Bool {
        var bytes = data.prefix(64).drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        return bytes.first == UInt8(ascii: "<")
    }

    /// A zip package (an Excel workbook, or a zip of files) is known by its first bytes, whatever its name.
    public var isZip: Bool { data.starts(with: [0x50, 0x4B, 0x03, 0x04]) }

    /// What a folder's files are read as, by name: a return's tables and documents, and the kinds
    /// people save them as by mistake, which are then refused with the reason rather than skipped.
    static let readable = [".csv", ".xml", ".xlsx", ".zip", ".xls", ".tsv"]

    /// Why a file of this name, found in a folder or a zip, is not read; nil when it is.
    static func notReadReason(name n: String, isFolder: Bool) -> String? {
        isFolder ? "a folder inside the folder given (give it too if it holds the return)"
            : n.hasPrefix("~$") ? "Excel's lock file for an open workbook"
            : n.hasPrefix(".") ? "a hidden file"
            : readable.contains(where: { n.lowercased().hasSuffix($0) }) ? nil
            : "not a .csv, .xml, .xlsx or .zip file"
    }

    /// Reads the files named, and the files in the folders named, in name order. A file in a
    /// folder that is not of a readable kind is kept, unread, with the reason, so the run names it.
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
                var read: [String] = []
                for n in entries.sorted() {
                    let full = (path as NSString).appendingPathComponent(n)
                    var sub: ObjCBool = false
                    _ = fm.fileExists(atPath: full, isDirectory: &sub)
                    if let reason = Self.notReadReason(name: n, isFolder: sub.boolValue) {
                        var skipped = InputFile(name: full, data: Data(), previousYear: previousYear, companion: companion)
                        skipped.notRead = reason
                        files.append(skipped)
                    } else {
                        read.append(full)
                    }
                }
                if read.isEmpty { throw InputError(file: path, problem: "the folder has no .csv, .xml, .xlsx or .zip files") }
                names = read
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
