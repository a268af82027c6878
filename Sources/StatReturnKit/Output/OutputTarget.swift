import Foundation

/// Where a run writes: a folder of reports or submission files, or one file. It refuses any
/// place that is, or is inside, an input folder, and any file that is an input, so a run can
/// never overwrite what it reads. Files are written under a temporary name and renamed into
/// place only when all are written, so a failed run leaves nothing half-written.
public struct OutputTarget {
    public let path: String
    private let url: URL
    private let inputs: [String]

    /// `inputs` are the paths the run reads (files or folders), as given.
    public init(path: String, inputs: [String]) throws {
        self.path = path
        url = URL(fileURLWithPath: path)
        self.inputs = inputs.map(Self.canonical)
        let out = Self.canonical(path)
        for (given, input) in zip(inputs, self.inputs) where out == input || out.hasPrefix(input + "/") {
            throw InputError(file: path, problem: out == input
                ? "is an input (\(given)); write the output somewhere else"
                : "is inside the input folder \(given), where the output would be read as input next time; write it somewhere else")
        }
    }

    /// Writes `files` (names relative to the folder) into the folder, creating it if need be.
    public func writeFolder(_ files: [(name: String, data: Data)]) throws {
        try makeFolder(url, shown: path)
        try commit(files.map { (url.appendingPathComponent($0.name), (path as NSString).appendingPathComponent($0.name), $0.data) })
    }

    /// Writes one file at `file`, which must be this target or inside it.
    public func writeFile(_ file: String, _ data: Data) throws {
        let url = URL(fileURLWithPath: file)
        try makeFolder(url.deletingLastPathComponent(), shown: (file as NSString).deletingLastPathComponent)
        try commit([(url, file, data)])
    }

    private func makeFolder(_ folder: URL, shown: String) throws {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDir) {
            if !isDir.boolValue { throw InputError(file: shown, problem: "is a file, not a folder; give a folder for the output") }
            return
        }
        do { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
            throw InputError(file: shown, problem: "the folder cannot be made (\(Self.reason(folder.deletingLastPathComponent())))")
        }
    }

    /// Each file as a URL, the path shown in messages, and its bytes.
    private func commit(_ files: [(URL, String, Data)]) throws {
        for (file, shown, _) in files where inputs.contains(Self.canonical(file.path)) {
            throw InputError(file: shown, problem: "is an input; it would be overwritten, so nothing was written")
        }
        var written: [(temp: URL, final: URL, shown: String)] = []
        do {
            for (file, shown, data) in files {
                let temp = file.deletingLastPathComponent().appendingPathComponent(".\(file.lastPathComponent).partial-\(getpid())")
                guard FileManager.default.createFile(atPath: temp.path, contents: data) else {
                    throw InputError(file: shown, problem: "cannot be written (\(Self.reason(file.deletingLastPathComponent())))")
                }
                written.append((temp, file, shown))
            }
            for w in written where rename(w.temp.path, w.final.path) != 0 {
                throw InputError(file: w.shown, problem: "cannot be written (\(String(cString: strerror(errno))))")
            }
        } catch {
            for w in written { try? FileManager.default.removeItem(at: w.temp) }
            throw error
        }
    }

    /// Why a folder cannot be written to, in plain words.
    private static func reason(_ folder: URL) -> String {
        let fm = FileManager.default
        if !fm.fileExists(atPath: folder.path) { return "the folder \(folder.path) does not exist" }
        if !fm.isWritableFile(atPath: folder.path) { return "no permission to write in \(folder.path)" }
        return "the disk may be full"
    }

    /// The path with symbolic links and `..` resolved as far as it exists, so two spellings of one place compare equal.
    static func canonical(_ path: String) -> String {
        var url = URL(fileURLWithPath: path).standardizedFileURL
        var tail: [String] = []
        while !FileManager.default.fileExists(atPath: url.path), url.pathComponents.count > 1 {
            tail.insert(url.lastPathComponent, at: 0)
            url.deleteLastPathComponent()
        }
        var resolved = url.resolvingSymlinksInPath()
        for t in tail { resolved.appendPathComponent(t) }
        return resolved.path
    }
}
