/// A rule example's tables, parsed, and the changes the example runner makes to them to
/// check that a rule depends neither on the order of rows nor on the child being alone.
struct ExampleTables {
    struct Table {
        var name: String
        var header: [String]
        var rows: [[String]]

        var csv: String { ([header] + rows).map { csvLine($0) }.joined() }
    }

    var tables: [Table]

    /// Nil when the example is an XML document rather than tables.
    init?(_ example: RuleExample) throws {
        guard !example.tables.contains(where: { $0.name == "xml" }) else { return nil }
        tables = try example.tables.map { t in
            var records: [[String]] = []
            try CSVReader(text: t.csv).forEachRecord { records.append($0.cells) }
            return Table(name: t.name, header: records.first ?? [], rows: Array(records.dropFirst()))
        }
    }

    var asExample: [(name: String, csv: String)] { tables.map { ($0.name, $0.csv) } }

    /// Every table's rows in a different order, the same for the same seed.
    func shuffled(seed: String) -> ExampleTables {
        var random = SeededRandom(seed: seed.utf8.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 })
        var copy = self
        for i in copy.tables.indices where copy.tables[i].rows.count > 1 {
            var order = Array(copy.tables[i].rows.indices).shuffled(using: &random)
            // A shuffle that happens to keep the order would test nothing.
            if order == Array(order.indices) { order.append(order.removeFirst()) }
            copy.tables[i].rows = order.map { tables[i].rows[$0] }
        }
        return copy
    }

    var hasRowsToShuffle: Bool { tables.contains { $0.rows.count > 1 } }

    /// The children the tables name, in order of first appearance.
    func children(in spec: ReturnSpec) -> [String] {
        var seen: [String] = []
        for t in tables {
            guard let field = spec.inputTable(t.name)?.childField, let c = t.header.firstIndex(of: field) else { continue }
            for row in t.rows where row.indices.contains(c) && !row[c].isEmpty && !seen.contains(row[c]) { seen.append(row[c]) }
        }
        return seen
    }

    /// These tables with `child`'s rows in `donor` added under the new identifier `newID`,
    /// in each table both have, in this example's columns (a column's presence can matter,
    /// e.g. for an `extra` field); nil when they share no table holding the child's rows.
    func adding(child: String, from donor: ExampleTables, as newID: String, spec: ReturnSpec) -> ExampleTables? {
        var copy = self
        var added = false
        for i in copy.tables.indices {
            guard let source = donor.tables.first(where: { $0.name == copy.tables[i].name }),
                  let field = spec.inputTable(source.name)?.childField,
                  let c = source.header.firstIndex(of: field) else { continue }
            for row in source.rows where row.indices.contains(c) && row[c] == child {
                let byName = Dictionary(zip(source.header, row), uniquingKeysWith: { a, _ in a })
                copy.tables[i].rows.append(copy.tables[i].header.map { $0 == field ? newID : byName[$0] ?? "" })
                added = true
            }
        }
        return added ? copy : nil
    }

    /// Whether any table names `child`.
    func names(_ child: String) -> Bool { tables.contains { $0.rows.contains { $0.contains(child) } } }
}
