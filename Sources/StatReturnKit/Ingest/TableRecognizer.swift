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

    /// A title as compared: letters and digits in capitals, each run of anything else one space,
    /// so `Date of referral`, `DATE OF REFERRAL )` and `Date_of_Referral` are one title, and
    /// curly quotes or a stray bracket (as real Annex A files have) do not matter.
    static func normalise(_ header: String, keepingWildcards: Bool = false) -> String {
        var out = "", gap = false
        for c in header.uppercased() {
            if c.isLetter || c.isNumber || keepingWildcards && c == "#" {
                if gap && !out.isEmpty { out.append(" ") }
                out.append(c)
                gap = false
            } else {
                gap = true
            }
        }
        return out
    }

    /// Each normalised title of a table's fields, to the field's index. In a title `#` stands for
    /// any digit, for publishers that put the year in a column's name (the ONS's `lad25cd`).
    struct TitleIndex {
        private var exact: [String: Int] = [:]
        private var wildcards: [(title: [Character], field: Int)] = []

        init(_ table: TableSpec, includingExtra: Bool = true) {
            for (i, f) in table.fields.enumerated() where includingExtra || !f.extra {
                for t in f.titles {
                    if t.contains("#") {
                        wildcards.append((Array(TableRecognizer.normalise(t, keepingWildcards: true)), i))
                    } else if exact[TableRecognizer.normalise(t)] == nil {
                        exact[TableRecognizer.normalise(t)] = i
                    }
                }
            }
        }

        subscript(name: String) -> Int? {
            if let i = exact[name] { return i }
            let given = Array(name)
            return wildcards.first { w in
                w.title.count == given.count && zip(w.title, given).allSatisfy { $0 == "#" ? $1.isASCIIDigit : $0 == $1 }
            }?.field
        }
    }

    /// `cell` names a header cell by its column (0-based): `C1` in a sheet, `column 3` in a CSV file.
    func recognise(header: [String], file: String, line: Int, cell: (Int) -> String = { "column \($0 + 1)" }) throws -> Match {
        let names = header.map { Self.normalise($0) }
        let given = Set(names)
        // A table is known by how many of its own columns the header has: case-system exports carry
        // many columns of their own, which are ignored (with a warning), so they must not count against it.
        let scored = tables.map { t -> (table: TableSpec, coverage: Double, overlap: Double) in
            let index = TitleIndex(t, includingExtra: false)
            let found = Set(given.compactMap { index[$0] })
            let wanted = t.fields.filter { !$0.extra }.count
            let shared = Double(found.count)
            return (t, shared / Double(max(wanted, 1)), shared / Double(wanted + given.count - found.count))
        }
        guard let top = scored.max(by: { ($0.coverage, $0.overlap) < ($1.coverage, $1.overlap) }), top.coverage >= 0.5 else {
            let known = tables.map(\.name).joined(separator: ", ")
            if header.count == 1, let sep = [("\t", "tabs"), (";", "semicolons")].first(where: { header[0].contains($0.0) }) {
                throw InputError(file: file, line: line, problem: "the columns are separated by \(sep.1), not commas; save the file as CSV UTF-8 (comma-separated)")
            }
            let titles = header.map { $0.trimmingCharacters(in: .whitespaces) }
            let shown = titles.prefix(8).joined(separator: ",") + (titles.count > 8 ? ", and \(titles.count - 8) more" : "")
            throw InputError(file: file, line: line,
                             problem: "header row matches none of this return's tables (\(known)): \(shown)")
        }
        let best = top.table
        let index = TitleIndex(best)
        let found = Set(given.compactMap { index[$0] })
        let missing = best.fields.indices.filter { !best.fields[$0].extra && !found.contains($0) }.map { best.fields[$0].title }
        if !missing.isEmpty {
            throw InputError(file: file, line: line, field: missing.joined(separator: ","),
                             problem: "looks like the \(best.name) table but has no column \(missing.joined(separator: ", "))")
        }
        let fieldOf = names.map { index[$0] }
        // Two columns read as one field ('Age' and 'Age of Child (Years)'): which is meant cannot be told.
        if let i = fieldOf.indices.first(where: { i in fieldOf[i] != nil && fieldOf.filter { $0 == fieldOf[i] }.count > 1 }) {
            let title = best.fields[fieldOf[i]!].title
            let both = fieldOf.indices.filter { fieldOf[$0] == fieldOf[i] }
                .map { "\(cell($0)) '\(header[$0].trimmingCharacters(in: .whitespaces))'" }
            throw InputError(file: file, line: line, field: title, problem: "column \(title) appears twice (\(both.joined(separator: " and "))): "
                             + "keep the one meant and delete or rename the other")
        }
        return try match(best, header: header, file: file, line: line, partial: false)
    }

    /// Maps a header onto a named table (column names match whatever their case). With `partial`, columns the header lacks are blank
    /// (rule examples give only the columns they are about).
    func match(_ table: TableSpec, header: [String], file: String, line: Int, partial: Bool) throws -> Match {
        let names = header.map { Self.normalise($0) }
        let index = TitleIndex(table)
        let extra = header.indices.filter { index[names[$0]] == nil }.map { header[$0].trimmingCharacters(in: .whitespaces) }
        if partial, let bad = extra.first {
            throw InputError(file: file, line: line, field: bad, problem: "\(table.name) has no field \(bad)")
        }
        let columnFields = names.map { index[$0] }
        return Match(table: table, columnFields: columnFields, extraColumns: extra,
                     absentFields: Set(table.fields.indices.filter { table.fields[$0].extra }).subtracting(columnFields.compactMap { $0 }))
    }
}
