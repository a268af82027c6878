/// A table of a return: its fields in the DfE's column order and its key.
public struct TableSpec: Codable, Sendable, Equatable {
    public var name: String
    /// Fields that identify one record; the child field alone marks a table with one row per child.
    public var key: [String]
    public var fields: [FieldSpec]
    public var description: String?
    /// Reference data given alongside a return (e.g. Ofsted's provider list), read by rules
    /// but never part of the submission.
    public var reference: Bool? = nil
    /// A record in the case system's words, with `{FIELD}` for its values ("episode starting {DECOM}"),
    /// so a manager can find it without the file.
    public var record: String? = nil
    /// The sheet's name in a workbook the return is written as ("List 3"); the table's name otherwise.
    public var sheet: String? = nil
    /// Left out of a pooled ("degraded") copy altogether.
    public var dropWhenDegraded: Bool? = nil
    /// For a reference list far larger than any return (every UK postcode): only the records whose
    /// `field` is among the values `sql` gives are kept, as the list is read.
    public var keepOnly: KeepOnly? = nil

    /// Which records of a reference list are kept: those whose `field`, in capitals and without
    /// spaces, is one of the values the `sql` (a SELECT over the return's tables, read first) gives.
    public struct KeepOnly: Codable, Sendable, Equatable {
        public var field: String
        public var sql: String
    }

    public func field(_ name: String) -> FieldSpec? { fields.first { $0.name == name } }

    /// The record's words, its `{FIELD}`s filled from `value`.
    public func recordWords(_ value: (String) -> String?) -> String {
        guard var text = record else { return "" }
        for f in fields where text.contains("{\(f.name)}") {
            text = text.replacingOccurrences(of: "{\(f.name)}", with: value(f.name).map { $0.isEmpty ? "(blank)" : $0 } ?? "")
        }
        return text
    }
    public var fieldNames: [String] { fields.map(\.name) }
    /// Positions of the fields in the DfE's CSV layout (all but `extra` ones), for writing files.
    public var layoutColumns: [Int] { fields.indices.filter { !fields[$0].extra } }
    /// The field naming the child (CHILD in the 903, LAchildID in the CIN census), when the table has it.
    public var childField: String?

    /// A table holding at most one row per child, so a child's value there is unambiguous.
    public var isOnePerChild: Bool { childField != nil && key == [childField!] }
}
