import Foundation
import ZIPFoundation

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

    func spec(_ returnName: String, _ year: String) -> ReturnSpec? {
        guard let data = try? Data(contentsOf: entry(returnName, year)) else { return nil }
        let decoder = JSONDecoder()
        decoder.userInfo[.specCache] = true
        return try? decoder.decode(ReturnSpec.self, from: data)
    }

    func store(_ spec: ReturnSpec, _ returnName: String, _ year: String) {
        guard let data = try? JSONEncoder().encode(spec),
              (try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)) != nil else { return }
        // Entries of this return and year under older keys are of no more use.
        let stem = "\(returnName)-\(year)-"
        for old in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] where old.hasPrefix(stem) {
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(old))
        }
        try? data.write(to: entry(returnName, year), options: .atomic)
    }

    private func entry(_ returnName: String, _ year: String) -> URL {
        folder.appendingPathComponent("\(returnName)-\(year)-\(key).json")
    }

    /// CRC-32 (zlib's, through ZIPFoundation) over each file's path and bytes in path order,
    /// with the running program's size and time, and the folder's own path (the cache records
    /// absolute paths, such as a schema file's).
    private static func checksum(of root: URL) -> String? {
        let fm = FileManager.default
        guard let walker = fm.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else { return nil }
        var files: [(String, URL)] = []
        for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
            files.append((String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count)), url))
        }
        let program = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        let stamp = (try? fm.attributesOfItem(atPath: program.path)).map {
            "\($0[.size] ?? 0) \(($0[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)"
        } ?? "unknown program"
        var crc = Data("\(root.standardizedFileURL.path)\n\(program.path) \(stamp)\n".utf8).crc32(checksum: 0)
        var bytes = 0
        for (path, url) in files.sorted(by: { $0.0 < $1.0 }) {
            guard let data = try? Data(contentsOf: url) else { return nil }
            crc = Data(path.utf8).crc32(checksum: crc)
            crc = data.crc32(checksum: crc)
            bytes += data.count
        }
        return String(format: "%08x-%d", crc, bytes)
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
