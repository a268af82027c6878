import Foundation

/// The returns and years a Specs folder holds, found by the names people type: a return
/// by its folder name or an alias its spec declares (`903`, `CLA`), in any case; a year as
/// `2026-27`, `2026/27`, `2026-2027`, or a name its spec declares (the CIN census year `2026`).
public struct ReturnCatalog: Sendable {
    public struct Entry: Sendable {
        public var name: String
        public var aliases: [String]
        /// Collection years, each with its other names.
        public var years: [(year: String, aliases: [String])]
    }

    public let entries: [Entry]

    public init(_ loader: SpecLoader) throws {
        // The names only: each return is read strictly when it is loaded.
        let heads = ReturnHeads.of(loader.root).years
        entries = loader.returns.map { name in
            let years = heads.filter { $0.returnName == name }
            return Entry(name: name, aliases: years.flatMap(\.aliases), years: years.map { ($0.year, $0.yearAliases) })
        }
    }

    public struct Unknown: Error, CustomStringConvertible {
        public let description: String
    }

    /// The return's folder name and the collection year, or an error listing what exists.
    public func resolve(returnName: String, year: String) throws -> (returnName: String, year: String) {
        guard let entry = entries.first(where: { e in ([e.name] + e.aliases).contains { $0.caseInsensitiveCompare(returnName) == .orderedSame } }) else {
            throw Unknown(description: "unknown return '\(returnName)'; \(listing)")
        }
        let typed = year.trimmingCharacters(in: .whitespaces)
        // A spec versioned rather than yearly (the SSD's `1.0`) is named by its folder.
        let match = entry.years.first { $0.aliases.contains(typed) || $0.year == typed }?.year
            ?? Self.collectionYear(typed).flatMap { y in entry.years.contains { $0.year == y } ? y : nil }
        guard let match else { throw Unknown(description: "\(entry.name) has no year '\(year)'; \(listing)") }
        return (entry.name, match)
    }

    /// `2026-27`, `2026/27` and `2026-2027` as `2026-27`; nil when not a year and the next.
    static func collectionYear(_ text: String) -> String? {
        let parts = text.split(whereSeparator: { $0 == "-" || $0 == "/" }).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, parts[0].count == 4, let first = Int(parts[0]), parts[1].allSatisfy(\.isNumber),
              let second = Int(parts[1]) else { return nil }
        let next = first + 1
        switch parts[1].count {
        case 2 where second == next % 100, 4 where second == next: return String(format: "%04d-%02d", first, next % 100)
        default: return nil
        }
    }

    /// What exists, for an error message: each return with its other names and its years.
    public var listing: String {
        "the returns are " + entries.map { e in
            let also = e.aliases.isEmpty ? "" : " (also \(e.aliases.joined(separator: ", ")))"
            let years = e.years.map { y in y.year + (y.aliases.isEmpty ? "" : " (\(y.aliases.joined(separator: ", ")))") }
            return "\(e.name)\(also): \(years.joined(separator: ", "))"
        }.joined(separator: "; ")
    }
}
