import Foundation

/// `findings.xlsx`, the report a manager opens: how many of each problem ("By rule"), who has
/// them to fix ("By team"), and every finding with the values found, to filter ("Findings").
public enum FindingsWorkbook {
    public static func render(_ r: ValidationResult, spec: ReturnSpec) throws -> Data {
        try WorkbookWriter.data(workbook(r, spec: spec))
    }

    public static func workbook(_ r: ValidationResult, spec: ReturnSpec) -> Workbook {
        Workbook(sheets: [byRule(r), byTeam(r.findings), findings(r.findings, spec: spec, labels: r.fieldLabels)]
                 + (r.owners.map { [owners($0)] } ?? []))
    }

    /// The sentence saying what is wrong, wide enough to read and wrapped beyond that.
    private static let message = Workbook.Column("What is wrong", width: 70, wrap: true)

    static func byRule(_ r: ValidationResult) -> Workbook.Sheet {
        var sheet = Workbook.Sheet(name: "By rule", columns: [
            .init("Rule"), .init("Severity"), message, .init("Findings", .integer), .init("Children", .integer),
        ])
        sheet.rows = RuleSummary.of(r.findings).map { s in
            .init([.text(s.code), .text(s.severity.rawValue), .text(s.message), .number(Double(s.findings)), .number(Double(s.children))],
                  style: style(s.severity))
        }
        // A check that was not made is listed, so no one reads its absence as a pass.
        for (status, outcome) in r.failed.map({ ($0, "failed to run") }) + r.notRun.map({ ($0, "not run") }) {
            sheet.rows.append(.init([.text(status.code), .text(outcome), .text(status.reason)]))
        }
        return sheet
    }

    static func byTeam(_ findings: [Finding]) -> Workbook.Sheet {
        var sheet = Workbook.Sheet(name: "By team", columns: [
            .init("Team"), .init("Worker"), .init("Errors", .integer), .init("Queries", .integer), .init("Children", .integer),
        ])
        func row(_ team: String, _ worker: String, _ c: FindingGroups.Counts, style: Workbook.RowStyle? = nil) -> Workbook.Row {
            .init([.text(team), .text(worker), .number(Double(c.errors)), .number(Double(c.queries)), .number(Double(c.children))], style: style)
        }
        for team in FindingGroups(findings).teams {
            sheet.rows += team.workers.map { row(team.name, $0.name, $0.counts) }
            sheet.rows.append(row(team.name, "Team total", team.counts, style: .total))
        }
        return sheet
    }

    /// How the owners list met the children with findings: who matched only once Excel's change
    /// to their ID was undone, and who is not in the list at all.
    static func owners(_ o: OwnerMatch) -> Workbook.Sheet {
        var sheet = Workbook.Sheet(name: "Owners", columns: [.init("Child"), .init("Owners list"), .init("What", width: 70, wrap: true)])
        sheet.rows = o.unmatched.map { .init([.text($0), .empty, .text("has findings but is not in \(o.file), so is under \"\(FindingGroups.noTeam)\"")], style: .query) }
            + o.repaired.map { .init([.text($0.child), .text($0.listedAs), .text("matched line \($0.line) of \(o.file) only once the ID Excel changed was read back")]) }
        return sheet
    }

    static func findings(_ findings: [Finding], spec: ReturnSpec, labels: [String: String] = [:]) -> Workbook.Sheet {
        var fields: [String] = []
        var seen: Set<String> = []
        for f in findings { for name in f.fields where seen.insert(name).inserted { fields.append(name) } }
        // What is wrong comes beside the record, on screen on a laptop; where the record is, after.
        let fromSource = findings.contains { !$0.source.isEmpty }, following = findings.contains { !$0.causedBy.isEmpty }
        let fixed: [Workbook.Column] = [
            .init("Severity"), .init("Rule"), .init("Team"), .init("Worker"), .init("Child"), .init("Record"), message,
            .init("Table"), .init("Row", .integer), .init("File"), .init("Key"),
        ] + (fromSource ? [.init("From")] : []) + (following ? [.init("Follows from")] : [])
        let column = Dictionary(uniqueKeysWithValues: fields.enumerated().map { ($1, fixed.count + $0) })
        var dates = DateFields(spec: spec)
        var sheet = Workbook.Sheet(name: "Findings", columns: fixed + fields.map { name in .init(labels[name].map { "\($0) (\(name))" } ?? name) })
        sheet.rows = findings.map { f in
            var cells: [Workbook.Cell] = [
                .text(f.severity.rawValue), .text(f.code), .text(FindingGroups.team(f)), .text(FindingGroups.worker(f)),
                text(f.child), text(f.record), .text(FindingsCSV.message(f)), text(f.table), f.row.map { .number(Double($0)) } ?? .empty,
                text(f.file), text(f.key),
            ] + (fromSource ? [text(f.source)] : []) + (following ? [text(f.causedBy)] : []) + Array(repeating: .empty, count: fields.count)
            for (name, value) in zip(f.fields, f.values) where !value.isEmpty {
                cells[column[name]!] = dates.date(value, field: name, table: f.table).map(Workbook.Cell.date) ?? .text(value)
            }
            return .init(cells, style: style(f.severity))
        }
        return sheet
    }

    private static func text(_ s: String) -> Workbook.Cell { s.isEmpty ? .empty : .text(s) }

    private static func style(_ severity: Severity) -> Workbook.RowStyle {
        switch severity {
        case .error: return .error
        case .query: return .query
        }
    }

    /// Which fields are dates, and in which format, looked up once per table. A cross-table rule
    /// may name another table's field (an episode's finding with the adoption record's dates):
    /// a field its table lacks is a date where every table of the return that has it says so.
    private struct DateFields {
        let spec: ReturnSpec
        private let elsewhere: Set<String>
        private var known: [String: (fields: [String: Bool], format: ReturnSpec.DateFormat)] = [:]

        init(spec: ReturnSpec) {
            self.spec = spec
            let types = Dictionary(spec.tables.flatMap(\.fields).map { ($0.name, [$0.type]) }, uniquingKeysWith: +)
            elsewhere = Set(types.filter { $0.value.allSatisfy { $0 == .date } }.keys)
        }

        /// The value as a date when the field is a date and the value one in its return's format.
        mutating func date(_ value: String, field: String, table: String) -> SimpleDate? {
            if known[table] == nil {
                // A companion's table (`ssda903_Header`) has its own return's date format.
                let (owner, spec) = self.spec.companionTable(table).map { ($0.table, $0.spec) } ?? (self.spec.inputTable(table), self.spec)
                known[table] = (Dictionary(owner?.fields.map { ($0.name, $0.type == .date) } ?? [], uniquingKeysWith: { a, _ in a }), spec.dateFormat)
            }
            let entry = known[table]!
            guard entry.fields[field] ?? elsewhere.contains(field) else { return nil }
            return entry.format.date(value)
        }
    }
}
