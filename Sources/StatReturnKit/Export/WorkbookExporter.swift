import Foundation

/// Writes a return whose form is a workbook (Ofsted's Annex A): a sheet per table under its
/// `sheet` name, the columns under their titles, dates as Excel dates, coded columns as drop-down
/// lists of their codes, and a sheet "About" saying for which date, from what, how many rows per
/// sheet and which columns could not be filled and why. A pooled copy (`degraded`) makes each
/// value as its field's `degrade` says and leaves out the tables marked so.
public enum WorkbookExporter {
    public struct Context: Sendable {
        /// The run's values (the inspection date, the LA code), as bound.
        public var parameters: [String: String]
        /// What the tables were made from, as given (`ssd=path`).
        public var sources: [(name: String, path: String)]
        /// The mappings they were made by (`from-ssd.yml`), for what each could not fill.
        public var mappings: [SourceMapping]
        public var degraded: Bool
        public var draft: Bool

        public init(parameters: [String: String], sources: [(name: String, path: String)], mappings: [SourceMapping], degraded: Bool, draft: Bool) {
            self.parameters = parameters; self.sources = sources; self.mappings = mappings; self.degraded = degraded; self.draft = draft
        }
    }

    public static func render(_ result: ValidationResult, spec: ReturnSpec, context: Context) throws -> Data {
        try WorkbookWriter.data(workbook(result, spec: spec, context: context))
    }

    public static func workbook(_ result: ValidationResult, spec: ReturnSpec, context: Context) throws -> Workbook {
        // The value a pooled copy adds to IDs: the parameter the spec marks `pooled_suffix`.
        let suffixParameter = spec.parameters.first { $0.pooledSuffix == true }
        let la = suffixParameter.flatMap { context.parameters[$0.name] }
        let tables = spec.tables.filter { $0.reference != true && !(context.degraded && $0.dropWhenDegraded == true) }
        var sheets: [Workbook.Sheet] = []
        for table in tables {
            let fields = table.fields.indices.filter { !(context.degraded && table.fields[$0].degrade == .drop) }
            if context.degraded, la == nil, fields.contains(where: { table.fields[$0].degrade == .suffixLA }) {
                let option = suffixParameter.map { $0.alias ?? "--param \($0.name)=..." } ?? "a parameter marked pooled_suffix in the spec"
                throw InputError(file: "--degrade", problem: "a pooled copy adds \(suffixParameter?.help ?? "a value") to each ID; give it (\(option))")
            }
            var sheet = Workbook.Sheet(name: table.sheet ?? table.name, columns: fields.map { i in
                let f = table.fields[i]
                return Workbook.Column(f.title, kind(f), allowed: f.codes.flatMap { spec.codeLists[$0]?.codes })
            })
            for record in result.data[table.name]?.records ?? [] {
                sheet.rows.append(Workbook.Row(fields.map { i in
                    let f = table.fields[i]
                    var value = record[i]
                    if context.degraded, let d = f.degrade { value = degraded(value, d, la: la ?? "", format: spec.dateFormat) }
                    return cell(value, f, spec.dateFormat)
                }))
            }
            sheets.append(sheet)
        }
        return Workbook(sheets: sheets + [about(result, spec: spec, tables: tables, context: context)])
    }

    private static func kind(_ f: FieldSpec) -> Workbook.Column.Kind {
        switch f.type {
        case .date: return .date
        case .integer: return .integer
        default: return .text
        }
    }

    private static func cell(_ value: String, _ f: FieldSpec, _ format: ReturnSpec.DateFormat) -> Workbook.Cell {
        if value.isEmpty { return .empty }
        switch f.type {
        case .date: return format.date(value).map(Workbook.Cell.date) ?? .text(value)
        case .integer: return Int(value).map { .number(Double($0)) } ?? .text(value)
        default: return .text(value)
        }
    }

    /// The value as a pooled copy has it.
    static func degraded(_ value: String, _ how: FieldSpec.Degrade, la: String, format: ReturnSpec.DateFormat) -> String {
        guard !value.isEmpty else { return value }
        switch how {
        case .monthStart:
            guard let d = format.date(value), let first = SimpleDate(year: d.year, month: d.month, day: 1) else { return value }
            return format == .dmy ? first.dmy : first.iso
        case .postcodeSector:
            // A full postcode's sector is its outward code and the first digit of the inward code.
            let parts = value.uppercased().split(separator: " ")
            guard parts.count == 2, let digit = parts[1].first else { return value }
            return "\(parts[0]) \(digit)"
        case .drop: return ""
        case .suffixLA: return "\(value)-\(la)"
        }
    }

    /// What a reader of the workbook needs to trust it: the date, the windows, the sources, the
    /// rows per sheet, what could not be filled, and what the checks found.
    private static func about(_ result: ValidationResult, spec: ReturnSpec, tables: [TableSpec], context: Context) -> Workbook.Sheet {
        var sheet = Workbook.Sheet(name: "About", columns: [.init("Item", width: 30), .init("Value", width: 100, wrap: true)])
        func line(_ item: String, _ value: String) { sheet.rows.append(.init([.text(item), .text(value)])) }
        line("Made", "by StatReturn from \(spec.title), spec \(spec.year)" + (context.draft ? " (DRAFT: errors remain)" : ""))
        for p in spec.parameters where context.parameters[p.name] != nil {
            let value = context.parameters[p.name]!
            line(p.name.replacingOccurrences(of: "_", with: " ").capitalizedFirst,
                 p.type == .date ? (SimpleDate(iso: value)?.dmy ?? value) : value)
        }
        for s in context.sources {
            // A companion return is named with the year it was read as.
            let read = spec.inputs.first { $0.name == s.name }.flatMap { i -> ReturnSpec? in
                if case .companion(let r) = i.kind { return spec.companions[r] } else { return nil }
            }
            line("Made from", "\(s.name): \(DatabaseSource.shown(s.path))" + (read.map { " (read as the \($0.title) \($0.year))" } ?? ""))
        }
        if context.degraded { line("Pooled copy", "dates of birth to the 1st of the month, postcodes to their sector, workers left out, IDs with the LA code") }
        for table in tables {
            let rows = result.data[table.name]?.count ?? 0
            line(table.sheet ?? table.name, "\(rows) row\(rows == 1 ? "" : "s")" + (table.description.map { ". \($0)" } ?? ""))
            for mapping in context.mappings {
                guard let q = mapping.tables.first(where: { $0.table == table.name }) else { continue }
                if let why = q.notMade { line("  not made", why) }
                for (field, why) in (q.unavailable ?? [:]).sorted(by: { $0.key < $1.key }) {
                    line("  not filled", "\(table.field(field)?.title ?? field): \(why)")
                }
                for (field, why) in (q.partial ?? [:]).sorted(by: { $0.key < $1.key }) {
                    line("  partly filled", "\(table.field(field)?.title ?? field): \(why)")
                }
            }
        }
        line("Checks", "\(result.errorCount) error\(result.errorCount == 1 ? "" : "s"), \(result.queryCount) quer\(result.queryCount == 1 ? "y" : "ies"); \(result.notRun.count) check\(result.notRun.count == 1 ? "" : "s") not made")
        sheet.freezeHeader = false
        sheet.autofilter = false
        return sheet
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
