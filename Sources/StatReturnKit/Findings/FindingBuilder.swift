/// Dresses rule hits as findings: where the record is in the user's file, whose child
/// it is, the raw values of the rule's fields, and who owns the case.
struct FindingBuilder {
    let spec: ReturnSpec
    let tables: [String: RawTable]
    let owners: Owners
    /// For tables with one row per child: child to row, to show values held there.
    private var childRows: [String: [String: Int]] = [:]

    init(spec: ReturnSpec, tables: [String: RawTable], owners: Owners) {
        self.spec = spec
        self.tables = tables
        self.owners = owners
        for (name, t) in tables where t.spec.isOnePerChild {
            var map: [String: Int] = [:]
            for row in stride(from: t.count, through: 1, by: -1) {
                if let c = t.child(row: row) { map[c] = row }
            }
            childRows[name] = map
        }
    }

    func finding(for hit: RuleHit, rule: RuleSpec) -> Finding {
        let table = hit.table.flatMap { tables[$0] }
        let location = hit.row.flatMap { r in table.map { $0.location(of: r) } }
        let child = hit.child ?? hit.row.flatMap { table?.child(row: $0) } ?? ""
        let fields = hit.fields ?? rule.fields
        let values = hit.place?.values ?? self.values(of: fields, table: table, row: hit.row, child: child, rule: rule)
        let related = hit.related.compactMap { r in
            table.map { Finding.Related(row: $0.location(of: r).row, values: self.values(of: fields, table: $0, row: r, child: child, rule: rule)) }
        }
        let owner = owners.owner(of: child)?.owner
        var key = "", record = ""
        if let t = table, let r = hit.row {
            key = t.spec.key.map { "\($0)=\((t.value(row: r, field: $0) ?? "").trimmingCharacters(in: .whitespaces))" }.joined(separator: "; ")
            record = t.spec.recordWords { t.value(row: r, field: $0) }
        } else if !child.isEmpty, let field = spec.tables.lazy.compactMap(\.childField).first {
            key = "\(field)=\(child)"
        }
        var finding = Finding(
            returnName: spec.returnName, year: spec.year, code: rule.code, severity: rule.severity,
            table: hit.table ?? "", row: location?.row ?? hit.place?.line, file: location?.file ?? hit.place?.file ?? "", child: child,
            fields: fields, values: values, message: rule.message,
            team: owner?.team ?? "", worker: owner?.worker ?? "",
            related: related)
        finding.key = key
        finding.record = record
        finding.source = hit.row.flatMap { table?.origin(of: $0) } ?? ""
        finding.labels = zip(fields, values).map { spec.codeLabel(field: $0, value: $1, table: hit.table) }
        return finding
    }

    /// Raw values of `fields`: from the record itself, or else from the child's row in a
    /// one-row-per-child table the rule reads (e.g. the date of birth in Header).
    private func values(of fields: [String], table: RawTable?, row: Int?, child: String, rule: RuleSpec) -> [String] {
        fields.map { field -> String in
            if let t = table, let r = row, t.spec.field(field) != nil { return t.value(row: r, field: field) ?? "" }
            for name in rule.tables {
                if let row = childRows[name]?[child], let v = tables[name]?.value(row: row, field: field) { return v }
            }
            return ""
        }
    }
}
