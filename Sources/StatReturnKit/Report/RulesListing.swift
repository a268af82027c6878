/// `statreturn rules`: the rules of a return and year, as a table or one in full.
public enum RulesListing {
    public static func tsv(_ spec: ReturnSpec) -> String {
        var out = "code\tseverity\ttables\tfields\tmessage\n"
        for r in spec.rules {
            out += [r.code, r.severity.rawValue, r.tables.joined(separator: ","), r.fields.joined(separator: ","),
                    r.message.truncated(10_000)].joined(separator: "\t") + "\n"
        }
        return out
    }

    public static func text(_ spec: ReturnSpec) -> String {
        var out = "\(spec.title) \(spec.year): \(spec.rules.count) rules\n\n"
        let width = max(4, spec.rules.map(\.code.count).max() ?? 4)
        for r in spec.rules {
            out += r.code.padded(width) + "  " + r.severity.rawValue.padded(5) + "  " + r.message.truncated(100) + "\n"
        }
        return out
    }

    public static func explain(_ r: RuleSpec, in spec: ReturnSpec) -> String {
        var out = "\(r.code) (\(r.severity.rawValue)) - \(spec.title) \(spec.year)\n\n\(r.message)\n\n"
        out += "Tables: \(r.tables.joined(separator: ", "))\n"
        if !r.fields.isEmpty { out += "Fields: \(r.fields.joined(separator: ", "))\n" }
        if !r.needs.isEmpty { out += "Needs:  \(r.needs.joined(separator: ", "))\n" }
        if !r.optional.isEmpty { out += "Reads when given: \(r.optional.joined(separator: ", "))\n" }
        out += "Spec:   \(r.source)\n"
        if let note = r.note { out += "\nNote: \(note.trimmingCharacters(in: .whitespacesAndNewlines))\n" }
        switch r.check {
        case .field:
            let raisers = spec.tables.flatMap { t in t.fields.filter { $0.ruleCodes.contains(r.code) }.map { "\(t.name).\($0.name)" } }
            out += "\nChecked as each value is read, on: \(raisers.joined(separator: ", "))\n"
        case .sql(let sql):
            out += "\nCheck (SQL; returns the offending rows):\n" + indent(sql) + "\n"
            for d in derived(readBy: sql, in: spec) {
                out += "\n\(d.name), worked out once before the rules run (\(d.source)):\n"
                if let about = d.description { out += indent(about) + "\n" }
                out += indent(d.sql) + "\n"
            }
        case .schema:
            out += "\nChecked as an XML file is read, against \(spec.schemaFile?.lastPathComponent ?? "the schema").\n"
        }
        for e in r.examples {
            out += "\nExample that \(e.outcome == .pass ? "passes" : "fails"): \(e.name)"
            if let rows = e.rows { out += " (reports \(e.rowsTable ?? r.tables[0]) row\(rows.count == 1 ? "" : "s") \(rows.map(String.init).joined(separator: ", ")))" }
            out += "\n"
            for (table, csv) in e.tables { out += "  \(table):\n" + indent(csv, by: 4) + "\n" }
        }
        return out
    }

    /// The derived tables an SQL text names, and those their own SQL names in turn, in spec order.
    private static func derived(readBy sql: String, in spec: ReturnSpec) -> [DerivedTable] {
        var read = Set<String>(), pending = [sql]
        while let text = pending.popLast() {
            let words = Set(text.split { !($0.isLetter || $0.isNumber || $0 == "_") })
            for d in spec.derived where !read.contains(d.name) && words.contains(Substring(d.name)) {
                read.insert(d.name)
                pending.append(d.sql)
            }
        }
        return spec.derived.filter { read.contains($0.name) }
    }

    private static func indent(_ s: String, by n: Int = 2) -> String {
        let pad = String(repeating: " ", count: n)
        return s.trimmingCharacters(in: .newlines).split(separator: "\n", omittingEmptySubsequences: false)
            .map { pad + $0 }.joined(separator: "\n")
    }
}
