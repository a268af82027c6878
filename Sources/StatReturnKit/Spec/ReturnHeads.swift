import Foundation
import Yams

/// What every command reads of every return before it loads one: each year's other names, the
/// options its inputs and parameters declare, its own command. Each `return.yml` is parsed once
/// a run (read leniently: loading the return checks the file strictly), not once per question;
/// the files of the returns and the dataset together are over 100 KB of YAML.
struct ReturnHeads {
    struct Year {
        var returnName: String
        var year: String
        var yaml: [String: Any]
    }

    let years: [Year]

    init(specs root: URL) {
        let loader = SpecLoader(root: root)
        var years: [Year] = []
        for r in loader.returns {
            for y in loader.years(of: r) {
                let file = root.appendingPathComponent(r).appendingPathComponent(y).appendingPathComponent("return.yml")
                let yaml = (try? String(contentsOf: file, encoding: .utf8)).flatMap { try? Yams.load(yaml: $0) as? [String: Any] } ?? [:]
                years.append(Year(returnName: r, year: y, yaml: yaml))
            }
        }
        self.years = years
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var cache: [String: ReturnHeads] = [:]

    /// The heads of a Specs folder, read once a run.
    static func of(_ root: URL) -> ReturnHeads {
        lock.lock()
        defer { lock.unlock() }
        if let heads = cache[root.path] { return heads }
        let heads = ReturnHeads(specs: root)
        cache[root.path] = heads
        return heads
    }
}
