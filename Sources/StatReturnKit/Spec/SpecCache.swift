import CZlibCRC
import Foundation

/// Loaded specs kept as JSON between runs. Parsing a return's several hundred YAML files takes
/// longer than running all the rules on a small council's return; decoding the loaded spec
/// takes a few milliseconds. An entry is keyed by a checksum of every file under the Specs
/// folder and of the program itself, so any edit to a spec (or a new build) misses and the
/// spec is loaded, checked and stored again: never stale.
///
/// Stored in `$STATRETURN_CACHE` (empty turns caching off), else `$XDG_CACHE_HOME/statreturn`,
/// else `~/.cache/statreturn`. A cache that cannot be read or written is passed over.
struct SpecCache {
    let folder: URL
    let key: String

    init?(root: URL, environment: [String: String] = ProcessInfo.processInfo.environment) {
        let base: URL
        if let given = environment["STATRETURN_CACHE"] {
            guard !given.isEmpty else { return nil }
            base = URL(fileURLWithPath: given)
        } else if let xdg = environment["XDG_CACHE_HOME"], !xdg.isEmpty {
            base = URL(fileURLWithPath: xdg).appendingPathComponent("statreturn")
        } else {
            base = FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache/statreturn")
        }
        guard let key = Self.checksum(of: root) else { return nil }
        folder = base
        self.key = key
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var opened: [String: SpecCache?] = [:]

    /// The cache for a Specs folder as this run found it: the files are read for the key once a
    /// run, not once for each return the run loads (the key is most of the time a cached load takes).
    static func forRun(root: URL) -> SpecCache? {
        lock.lock()
        defer { lock.unlock() }
        if let cache = opened[root.path] { return cache }
        let cache = SpecCache(root: root)
        opened[root.path] = cache
        return cache
    }

    func spec(_ returnName: String, _ year: String) -> ReturnSpec? { value(ReturnSpec.self, named: "\(returnName)-\(year)") }

    func store(_ spec: ReturnSpec, _ returnName: String, _ year: String) { store(spec, named: "\(returnName)-\(year)") }

    /// What was stored under `name` for these spec files, if anything.
    func value<T: Decodable>(_ type: T.Type, named name: String) -> T? {
        guard let data = try? Data(contentsOf: entry(name)) else { return nil }
        let decoder = JSONDecoder()
        decoder.userInfo[.specCache] = true
        return try? decoder.decode(type, from: data)
    }

    func store(_ value: some Encodable, named name: String) {
        guard let data = try? JSONEncoder().encode(value),
              (try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)) != nil else { return }
        // Entries under older keys are of no more use.
        let stem = "\(name)-"
        for old in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] where old.hasPrefix(stem) {
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(old))
        }
        try? data.write(to: entry(name), options: .atomic)
    }

    private func entry(_ name: String) -> URL { folder.appendingPathComponent("\(name)-\(key).json") }

    /// CRC-32 (zlib's) over each file's path and bytes in path order, with the running program's
    /// size and time, and the folder's own path (the cache records absolute paths, such as a
    /// schema file's). Nil when a file cannot be read: then nothing is cached.
    private static func checksum(of root: URL) -> String? {
        let fm = FileManager.default
        guard let paths = try? fm.subpathsOfDirectory(atPath: root.path) else { return nil }
        let program = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        let stamp = (try? fm.attributesOfItem(atPath: program.path)).map {
            "\($0[.size] ?? 0) \(($0[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)"
        } ?? "unknown program"
        var crc = crc32(0, Data("\(root.standardizedFileURL.path)\n\(program.path) \(stamp)\n".utf8))
        var bytes = 0
        for path in paths.sorted() {
            let url = root.appendingPathComponent(path)
            var folder: ObjCBool = false
            guard fm.fileExists(atPath: url.path, isDirectory: &folder) else { return nil }
            if folder.boolValue { continue }
            guard let data = try? Data(contentsOf: url) else { return nil }
            crc = crc32(crc32(crc, Data(path.utf8)), data)
            bytes += data.count
        }
        return String(format: "%08lx-%d", crc, bytes)
    }

    private static func crc32(_ crc: UInt, _ data: Data) -> UInt {
        data.withUnsafeBytes { CZlibCRC.crc32(crc, $0.bindMemory(to: Bytef.self).baseAddress, uInt($0.count)) }
    }
}

extension CodingUserInfoKey {
    /// Set when a spec is decoded from the cache: members the loader sets (the file a field was
    /// read from) are read too, which a spec file may not give.
    static let specCache = CodingUserInfoKey(rawValue: "statreturn.specCache")!
}

extension Decoder {
    var readsSpecCache: Bool { userInfo[.specCache] != nil }
}
