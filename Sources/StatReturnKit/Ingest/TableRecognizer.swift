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
        // A table is known by how many of its own columns the header has: case-system exports carry
        // many columns of their own, which are ignored (with a warning), so they must not count against it.
        let scored = tables.map { t -> (table: TableSpec, coverage: Double, overlap: Double) in
            let fields = Set(t.fields.filter { !$0.extra }.map { Self.normalise($0.name) })
            let shared = Double(fields.intersection(given).count)
            return (t, shared / Double(max(fields.count, 1)), shared / Double(fields.union(given).count))
        }
        guard let top = scored.max(by: { ($0.coverage, $0.overlap) < ($1.coverage, $1.overlap) }), top.coverage >= 0.5 else {
            let known = tables.map(\.name).joined(separator: ", ")
            if header.count == 1, let sep = [("\t", "tabs"), (";", "semicolons")].first(where: { header[0].contains($0.0) }) {
                throw InputError(file: file, line: line, problem: "the columns are separated by \(sep.1), not commas; save the file as CSV UTF-8 (comma-separated)")
            }
            let shown = names.prefix(8).joined(separator: ",") + (names.count > 8 ? ", and \(names.count - 8) more" : "")
            throw InputError(file: file, line: line,
                             problem: "header row matches none of this return's tables (\(known)): \(shown)")
        }
        let best = top.table
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
