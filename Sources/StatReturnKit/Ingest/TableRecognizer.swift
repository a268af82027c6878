/// Knows a table by its header row, not its file name: councils name files as
/// their case system exports them.
struct TableRecognizer {
    let tables: [TableSpec]

    struct Match {
        var table: TableSpec
        /// For each header column, the index of its field in the table spec (nil: not a field of it).
        var columnFields: [Int?]
        var extraColumns: [String]
        /// `extra` fields the header has no column for: their values are unknown, not blank.
        var absentFields: Set<Int>
    }

    static func normalise(_ header: String) -> String {
        header.trimmingCharacters(in: .whitespaces).uppercased()
    }

    func recognise(header: [String], file: String, line: Int) throws -> Match {
        let names = header.map(Self.normalise)
        let given = Set(names)
        let scored = tables.map { t -> (TableSpec, Double) in
            let fields = Set(t.fieldNames.map(Self.normalise))
            return (t, Double(fields.intersection(given).count) / Double(fields.union(given).count))
        }
        guard let (best, score) = scored.max(by: { $0.1 < $1.1 }), score >= 0.5 else {
            let known = tables.map(\.name).joined(separator: ", ")
            throw InputError(file: file, line: line,
                             problem: "header row matches none of this return's tables (\(known)): \(names.joined(separator: ","))")
        }
        let missing = best.fields.filter { !$0.extra && !given.contains(Self.normalise($0.name)) }.map(\.name)
        if !missing.isEmpty {
            throw InputError(file: file, line: line, field: missing.joined(separator: ","),
                             problem: "looks like the \(best.name) table but has no column \(missing.joined(separator: ", "))")
        }
        if let dup = names.first(where: { n in names.filter { $0 == n }.count > 1 }) {
            throw InputError(file: file, line: line, field: dup, problem: "column \(dup) appears twice")
        }
        return try match(best, header: header, file: file, line: line, partial: false)
    }

    /// Maps a header onto a named table (column names match whatever their case). With `partial`, columns the header lacks are blank
    /// (rule examples give only the columns they are about).
    func match(_ table: TableSpec, header: [String], file: String, line: Int, partial: Bool) throws -> Match {
        let names = header.map(Self.normalise)
        let index = Dictionary(table.fieldNames.enumerated().map { (Self.normalise($1), $0) }, uniquingKeysWith: { a, _ in a })
        let extra = names.filter { index[$0] == nil }
        if partial, let bad = extra.first {
            throw InputError(file: file, line: line, field: bad, problem: "\(table.name) has no field \(bad)")
        }
        let columnFields = names.map { index[$0] }
        return Match(table: table, columnFields: columnFields, extraColumns: extra,
                     absentFields: Set(table.fields.indices.filter { table.fields[$0].extra }).subtracting(columnFields.compactMap { $0 }))
    }
}
