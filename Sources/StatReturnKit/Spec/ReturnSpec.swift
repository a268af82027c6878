import Foundation

/// Everything StatReturn knows about one return in one collection year, resolved
/// through `extends`: tables, code lists and rules. Built by `SpecLoader`.
public struct ReturnSpec: Codable, Sendable, Equatable {
    public enum DateFormat: String, Codable, Sendable {
        case dmy = "dd/mm/yyyy", iso = "yyyy-mm-dd"

        /// The date `text` is in this format, exactly; nil if it is none.
        public func date(_ text: some StringProtocol) -> SimpleDate? {
            self == .dmy ? SimpleDate(dmy: text) : SimpleDate(iso: text)
        }
    }

    public var returnName: String
    public var year: String
    public var title: String
    public var period: CollectionPeriod
    public var dateFormat: DateFormat
    /// Tables in the DfE's order.
    public var tables: [TableSpec]
    public var codeLists: [String: CodeList]
    /// Rules ordered by code.
    public var rules: [RuleSpec]
    /// Collection period of every year in the chain, for running inherited rules' examples.
    public var periods: [String: CollectionPeriod]
    public var calendar: WorkingDayCalendar
    /// The XML form of the return, when it has one, and its schema (generated from the spec).
    public var xml: XMLMapping?
    public var schemaFile: URL?
    /// How the return is submitted: its CSV tables, or one XML file.
    public var submission: Submission
    /// Tables computed from the loaded return before the rules run, in order (a later one may read an earlier).
    public var derived: [DerivedTable] = []
    /// What else a run may be given, and which values (`return.yml`'s `inputs` and `parameters`).
    public var inputs: [InputSpec] = []
    public var parameters: [ParameterSpec] = []
    public var periodKind = PeriodKind.collectionYear
    /// Tables without which a run cannot check the return at all.
    public var requiredTables: [String] = []
    /// The ways its files may be read (`InputRoute`).
    public var routes: [InputRoute] = InputRoute.allCases
    /// How the return is made from the datasets it can be made from (`from-ssd.yml`), by dataset.
    public var sources: [String: SourceMapping] = [:]
    /// Other returns of the same year whose data cross-return rules may read, as tables
    /// named `<return>_<Table>` (e.g. `ssda903_Header`).
    public var companions: [String: ReturnSpec] = [:]

    /// The companion and its table for a prefixed table name, e.g. `ssda903_Episodes`.
    public func companionTable(_ name: String) -> (spec: ReturnSpec, table: TableSpec)? {
        for (ret, c) in companions where name.hasPrefix(ret + "_") {
            if let t = c.table(String(name.dropFirst(ret.count + 1))) { return (c, t) }
        }
        return nil
    }

    public struct Submission: Codable, Sendable, Equatable {
        /// `xlsx`: one workbook, a sheet per table (Ofsted's Annex A).
        public enum Form: String, Codable, Sendable { case csv, xml, xlsx }
        public var form: Form
        /// Return-level values the exporter writes (e.g. the CIN header), by table and field.
        /// `{lea}`, `{serial}`, `{version}`, `{now}`, `{reference_date}` and `{reference_year}`
        /// are filled in when the file is written.
        public var header: [String: [String: String]]?
        /// For a workbook: the name of the file written into a folder, without `.xlsx`, as a
        /// pattern: `{NAME}` is a declared parameter's value, `{year}` the collection year
        /// (`2026-27`) and `{year_digits}` its digits (`202627`); e.g. the ASGLB's
        /// `{la_code}{la_name}_EDUCVA1_ALB{quarter}{year_digits}`. The return's name when not given.
        public var fileName: String?

        enum CodingKeys: String, CodingKey { case form, header, fileName = "file_name" }
    }

    public func table(_ name: String) -> TableSpec? { tables.first { $0.name == name } }

    /// The spec of a table rules and examples may name: this year's, last year's
    /// (`Episodes_last`) or a companion's (`ssda903_Header`).
    public func inputTable(_ name: String) -> TableSpec? {
        table(name) ?? companionTable(name)?.table
            ?? (name.hasSuffix(ReturnDatabase.previousSuffix) ? table(String(name.dropLast(ReturnDatabase.previousSuffix.count))) : nil)
    }
    /// The field's spec in `table`, or else in the first table that has a field of that name.
    func fieldSpec(_ field: String, table: String?) -> FieldSpec? {
        table.flatMap { self.table($0)?.field(field) } ?? tables.lazy.compactMap { $0.field(field) }.first
    }

    /// What a value of a coded field means, from its code list; empty for a value not in the list.
    func codeLabel(field: String, value: String, table: String?) -> String {
        guard let list = fieldSpec(field, table: table)?.codes.flatMap({ codeLists[$0] }) else { return "" }
        return list.labels[value.trimmingCharacters(in: .whitespaces)] ?? ""
    }

    /// Each field's label by its name (a name shared by several tables means the same item).
    public var fieldLabels: [String: String] {
        var labels: [String: String] = [:]
        for t in tables { for f in t.fields where labels[f.name] == nil { labels[f.name] = f.label } }
        return labels
    }

    public func rule(_ code: String) -> RuleSpec? {
        rules.first { $0.code.caseInsensitiveCompare(code) == .orderedSame }
    }
}
