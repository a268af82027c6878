/// How the children with findings met the owners list: a list that matches nobody (IDs
/// changed by Excel, the wrong file) would otherwise leave every finding unowned without a word.
public struct OwnerMatch: Sendable, Codable, Equatable {
    public struct Repair: Sendable, Codable, Equatable {
        public var child: String
        /// The ID as the owners list has it (`37` for child `0000037`).
        public var listedAs: String
        public var line: Int
        enum CodingKeys: String, CodingKey { case child, listedAs = "listed_as", line }
    }

    public var file: String
    public var childrenWithFindings: Int
    public var matched: Int
    /// Children matched only once the list's ID was read as Excel damaged it.
    public var repaired: [Repair]
    /// Children with findings whom the list does not name.
    public var unmatched: [String]

    enum CodingKeys: String, CodingKey {
        case file, childrenWithFindings = "children_with_findings", matched, repaired, unmatched
    }

    init(findings: [Finding], owners: Owners) {
        file = owners.file
        let children = Set(findings.map(\.child).filter { !$0.isEmpty }).sorted()
        childrenWithFindings = children.count
        var matched = 0, repaired: [Repair] = [], unmatched: [String] = []
        for child in children {
            guard let found = owners.owner(of: child) else { unmatched.append(child); continue }
            matched += 1
            if let id = found.listedAs { repaired.append(Repair(child: child, listedAs: id, line: found.owner.line)) }
        }
        self.matched = matched
        self.repaired = repaired
        self.unmatched = unmatched
    }

    /// One sentence for the console and the reports.
    public var summary: String {
        var s = "\(matched) of \(childrenWithFindings) child\(childrenWithFindings == 1 ? "" : "ren") with findings matched an owner in \(file)"
        if !repaired.isEmpty {
            s += " (\(repaired.count) only once the list's ID was read as Excel changed it, e.g. child \(repaired[0].child) listed as \(repaired[0].listedAs) on line \(repaired[0].line))"
        }
        if !unmatched.isEmpty {
            s += "; not in the list: " + unmatched.prefix(10).joined(separator: ", ") + (unmatched.count > 10 ? " and \(unmatched.count - 10) more" : "")
        }
        return s
    }
}
