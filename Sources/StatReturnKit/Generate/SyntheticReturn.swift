import Foundation

/// Generated tables of one return, in the spec's field order, with the errors put in on purpose.
public struct SyntheticReturn {
    public struct Injected: Equatable, Sendable {
        public var child: String
        public var code: String
        public var table: String
        public var field: String
    }

    public var spec: ReturnSpec
    /// Table name to rows; each row is keyed by field name.
    public var rows: [String: [[String: String]]] = [:]
    public var injected: [Injected] = []

    mutating func add(_ table: String, _ row: [String: String]) { rows[table, default: []].append(row) }

    /// Writes one CSV per table (named after the table) into `<folder>/<return>-<year>/`, ready
    /// to validate, and the list of injected errors as `<folder>/injected.csv`. Returns the table folder.
    @discardableResult
    public func write(to out: URL) throws -> URL {
        let folder = out.appendingPathComponent("\(spec.returnName)-\(spec.year)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for table in spec.tables {
            guard let list = rows[table.name], !list.isEmpty else { continue }
            let names = table.layoutColumns.map { table.fields[$0].name }
            var text = csvLine(names)
            for row in list { text += csvLine(names.map { row[$0] ?? "" }) }
            try Data(text.utf8).write(to: folder.appendingPathComponent(table.name.lowercased() + ".csv"))
        }
        var log = csvLine(["child", "code", "table", "field"])
        for i in injected { log += csvLine([i.child, i.code, i.table, i.field]) }
        try Data(log.utf8).write(to: out.appendingPathComponent("injected.csv"))
        return folder
    }
}
