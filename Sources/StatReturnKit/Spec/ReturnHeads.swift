import Foundation
import Yams

/// What every command reads of every return before it loads one: each year's other names, the
/// options its inputs and parameters declare, its own command. Read once a run from each
/// `return.yml` (leniently: loading the return checks the file strictly), and kept in the spec
/// cache beside the specs, as parsing every return's `return.yml` took most of a short command.
struct ReturnHeads: Codable {
    struct Year: Codable {
        var returnName: String
        var year: String
        /// The return's other names (`aliases`) and this year's (`year_aliases`).
        var aliases: [String]
        var yearAliases: [String]
        var inputs: [Option]
        var parameters: [Option]
        /// `command: annex-a`: the return's own command.
        var command: String?
    }

    /// An input or parameter by its name, with the older option that gives it (`--previous`).
    struct Option: Codable {
        var name: String
        var alias: String?
        /// Whether it takes several files (a return) rather than one (a list or a value).
        var many: Bool
    }

    let years: [Year]

    init(specs root: URL) {
        let loader = SpecLoader(root: root)
        var years: [Year] = []
        for r in loader.returns {
            for y in loader.years(of: r) {
                let file = root.appendingPathComponent(r).appendingPathComponent(y).appendingPathComponent("return.yml")
                let yaml = (try? String(contentsOf: file, encoding: .utf8)).flatMap { try? Yams.load(yaml: $0) as? [String: Any] } ?? [:]
                func names(_ key: String) -> [String] { (yaml[key] as? [Any] ?? []).map { "\($0)" } }
                func options(_ key: String, many: ([String: Any]) -> Bool) -> [Option] {
                    (yaml[key] as? [[String: Any]] ?? []).compactMap { o in
                        (o["name"] as? String).map { Option(name: $0, alias: o["alias"] as? String, many: many(o)) }
                    }
                }
                years.append(Year(returnName: r, year: y, aliases: names("aliases"), yearAliases: names("year_aliases"),
                                  inputs: options("inputs") { $0["table"] == nil && $0["source"] == nil },
                                  parameters: options("parameters") { _ in false },
                                  command: yaml["command"] as? String))
            }
        }
        self.years = years
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var memo: [String: ReturnHeads] = [:]

    /// The heads of a Specs folder, read once a run (from the spec cache when the files are unchanged).
    static func of(_ root: URL) -> ReturnHeads {
        lock.lock()
        defer { lock.unlock() }
        if let heads = memo[root.path] { return heads }
        let cache = SpecCache.forRun(root: root)
        let heads: ReturnHeads
        if let cached = cache?.value(ReturnHeads.self, named: "heads") {
            heads = cached
        } else {
            heads = ReturnHeads(specs: root)
            cache?.store(heads, named: "heads")
        }
        memo[root.path] = heads
        return heads
    }
}
