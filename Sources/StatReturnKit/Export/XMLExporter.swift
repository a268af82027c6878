import CLibXML2
import Foundation

/// Writes a return in its XML form, element by element in the mapping's (schema) order,
/// with libxml2's text writer: one record element per child holding that child's rows,
/// nested records holding the rows that share their enclosing record's keys.
public enum XMLExporter {
    struct Failed: Error, CustomStringConvertible { let description: String }

    /// The XML, and the records it could not hold, by table: rows of children with no row in
    /// the record table, and tables the XML form has no elements for.
    /// `returnLevel` sets return-level values (e.g. the CIN header) over those in the data.
    public static func render(_ result: ValidationResult, spec: ReturnSpec,
                              returnLevel: [String: [String: String]] = [:]) throws -> (xml: Data, unplaced: [String: Int]) {
        guard let mapping = spec.xml else { throw Failed(description: "\(spec.title) \(spec.year) has no XML form") }
        let data = Rows(result.data, returnLevel: returnLevel)
        guard let buffer = xmlBufferCreate() else { throw Failed(description: "out of memory") }
        defer { xmlBufferFree(buffer) }
        guard let w = xmlNewTextWriterMemory(buffer, 0) else { throw Failed(description: "cannot start the XML writer") }
        xmlTextWriterSetIndent(w, 1)
        xmlTextWriterStartDocument(w, "1.0", "UTF-8", nil)
        xmlTextWriterStartElement(w, mapping.root)
        let writer = Writer(mapping: mapping, data: data, w: w)
        for node in mapping.children(of: []) { writer.write(node, Context(child: nil, stack: [])) }
        xmlTextWriterEndElement(w)
        xmlTextWriterEndDocument(w)
        xmlFreeTextWriter(w)

        let records = result.data[mapping.recordTable]
        let children = Set((0..<(records?.count ?? 0)).compactMap { records!.child(row: $0 + 1) })
        var unplaced: [String: Int] = [:]
        let mapped = Set(mapping.nodes.compactMap { n -> String? in
            switch n.binding {
            case .record(let t, _), .field(let t, _, _), .hasRow(let t, _): return t
            case nil: return nil
            }
        })
        for (table, raw) in result.data where table != mapping.recordTable && !table.hasSuffix(ReturnDatabase.previousSuffix)
            && raw.spec.reference != true && spec.table(table) != nil {
            // A table the XML form has no elements for (e.g. the 903's DoLo) cannot be written at all.
            if !mapped.contains(table) { unplaced[table] = raw.count; continue }
            guard raw.spec.childField != nil else { continue }
            let n = (1...max(raw.count, 1)).filter { raw.count > 0 && !children.contains(raw.child(row: $0) ?? "") }.count
            if n > 0 { unplaced[table] = n }
        }
        return (Data(bytes: xmlBufferContent(buffer), count: Int(xmlBufferLength(buffer))), unplaced)
    }

    /// Each table's rows, by child, in input order.
    struct Rows {
        let tables: [String: RawTable]
        let returnLevel: [String: [String: String]]
        private var byChild: [String: [String: [[String]]]] = [:]

        init(_ tables: [String: RawTable], returnLevel: [String: [String: String]]) {
            self.tables = tables
            self.returnLevel = returnLevel
            for (name, table) in tables where !name.hasSuffix(ReturnDatabase.previousSuffix) && table.spec.childField != nil {
                for i in 0..<table.count { byChild[name, default: [:]][table.child(row: i + 1) ?? "", default: []].append(table.records[i]) }
            }
        }

        func rows(of table: String) -> [[String]] { tables[table]?.records ?? [] }
        func rows(of table: String, child: String) -> [[String]] { byChild[table]?[child] ?? [] }
        func value(_ cells: [String], _ table: String, _ field: String) -> String? {
            tables[table]?.spec.fieldNames.firstIndex(of: field).map { cells[$0] }
        }
        /// A return-level value: set for the export, else from the data's first row.
        func returnValue(_ table: String, _ field: String) -> String? {
            if let v = returnLevel[table]?[field] { return v }
            return rows(of: table).first.flatMap { value($0, table, field) }
        }
    }

    struct Context {
        var child: String?
        /// Enclosing records, outermost first.
        var stack: [(table: String, cells: [String])]
    }

    struct Writer {
        let mapping: XMLMapping
        let data: Rows
        let w: xmlTextWriterPtr

        func value(_ table: String, _ field: String, _ c: Context) -> String? {
            if let r = c.stack.last(where: { $0.table == table }) { return data.value(r.cells, table, field) }
            guard let child = c.child else { return data.returnValue(table, field) }
            return data.rows(of: table, child: child).first.flatMap { data.value($0, table, field) }
        }

        /// The child's rows of a nested table that belong to the enclosing records: those
        /// agreeing with them on each key field the XML leaves them to inherit.
        func rows(of table: String, _ c: Context) -> [[String]] {
            guard let child = c.child else { return data.rows(of: table) }
            let fields = data.tables[table]?.spec.key ?? []
            return data.rows(of: table, child: child).filter { row in
                fields.allSatisfy { f in
                    guard !mapping.binds(table, f),
                          let outer = c.stack.last(where: { data.tables[$0.table]?.spec.field(f) != nil }) else { return true }
                    return data.value(row, table, f) == data.value(outer.cells, outer.table, f)
                }
            }
        }

        func write(_ node: XMLMapping.Node, _ c: Context) {
            let name = node.path.last!
            if node.path == mapping.recordPath, let records = data.tables[mapping.recordTable] {
                for (i, row) in records.records.enumerated() {
                    let inner = Context(child: records.child(row: i + 1) ?? "", stack: [(mapping.recordTable, row)])
                    xmlTextWriterStartElement(w, name)
                    for n in mapping.children(of: node.path) { write(n, inner) }
                    xmlTextWriterEndElement(w)
                }
                return
            }
            switch node.binding {
            case .record(let table, let text):
                for row in rows(of: table, c) {
                    if let text {
                        xmlTextWriterWriteElement(w, name, data.value(row, table, text) ?? "")
                        continue
                    }
                    var inner = c
                    inner.stack.append((table, row))
                    xmlTextWriterStartElement(w, name)
                    for n in mapping.children(of: node.path) { write(n, inner) }
                    xmlTextWriterEndElement(w)
                }
            case .field(let table, let field, let optional):
                guard let v = value(table, field, c) else { return }
                let trimmed = v.trimmingCharacters(in: .whitespaces)
                if trimmed.isEmpty && optional { return }
                xmlTextWriterWriteElement(w, name, trimmed)
            case .hasRow(let table, let field):
                let given = field.flatMap { value($0.table, $0.field, c) }?.trimmingCharacters(in: .whitespaces) ?? ""
                let hasRow = !data.rows(of: table, child: c.child ?? "").isEmpty
                xmlTextWriterWriteElement(w, name, given.isEmpty ? (hasRow ? "1" : "0") : given)
            case nil:
                guard hasContent(node, c) else { return }
                xmlTextWriterStartElement(w, name)
                for n in mapping.children(of: node.path) { write(n, c) }
                xmlTextWriterEndElement(w)
            }
        }

        /// Whether an intermediate element (e.g. OC2) would hold anything here.
        func hasContent(_ node: XMLMapping.Node, _ c: Context) -> Bool {
            if node.path == mapping.recordPath { return !data.rows(of: mapping.recordTable).isEmpty }
            return mapping.children(of: node.path).contains { n in
                switch n.binding {
                case .record(let t, _): return !rows(of: t, c).isEmpty
                case .field(let t, let f, let optional):
                    guard let v = value(t, f, c) else { return false }
                    return !optional || !v.trimmingCharacters(in: .whitespaces).isEmpty
                case .hasRow: return true
                case nil: return hasContent(n, c)
                }
            }
        }
    }
}
