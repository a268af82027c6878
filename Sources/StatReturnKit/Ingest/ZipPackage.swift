import Foundation
import ZIPFoundation

/// A zip package opened for reading (an Excel workbook, or a zip of a return's files), whose
/// parts are inflated with a ceiling: a "zip bomb" (a few KB that inflate to gigabytes) is
/// stopped while it inflates, not after.
struct ZipPackage {
    let file: String
    private let archive: Archive

    /// The most a part may inflate to: a table of a national return is a fraction of this.
    static let partLimit = 256 << 20

    init(data: Data, file: String) throws {
        guard let archive = try? Archive(data: data, accessMode: .read, pathEncoding: nil) else {
            throw InputError(file: file, problem: "a damaged zip package (an Excel .xlsx workbook or a .zip) that cannot be opened")
        }
        self.file = file
        self.archive = archive
    }

    /// An Excel workbook is the zip package that holds a workbook part.
    var isWorkbook: Bool { archive["xl/workbook.xml"] != nil }
    /// An Office document's package (a workbook, or one damaged or of another kind), as against a
    /// zip someone made of their files.
    var isOfficePackage: Bool { isWorkbook || archive["[Content_Types].xml"] != nil }

    /// The paths of the files it holds, in name order (folders left out).
    var filePaths: [String] { archive.filter { $0.type == .file }.map(\.path).sorted() }

    private struct TooLarge: Error {}

    /// The part's bytes; nil when the package has no such part.
    func part(_ path: String) throws -> Data? {
        guard let entry = archive[path] else { return nil }
        let tooLarge = InputError(file: file, problem: "its part \(path) inflates to more than \(Self.partLimit >> 20) MB; give that table as a CSV file")
        if entry.uncompressedSize > UInt64(Self.partLimit) { throw tooLarge }
        var data = Data()
        do {
            _ = try archive.extract(entry) { chunk in
                guard data.count + chunk.count <= Self.partLimit else { throw TooLarge() }
                data.append(chunk)
            }
        } catch is TooLarge {
            throw tooLarge
        } catch {
            throw InputError(file: file, problem: "its part \(path) is damaged")
        }
        return data
    }
}
