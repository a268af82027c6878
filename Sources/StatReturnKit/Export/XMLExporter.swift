import CLibXML2
import Foundation

/// Writes a return in its XML form, element by element in the mapping's (schema) order,
/// with libxml2's text writer: one record element per child, holding that child's rows.
public enum XMLExporter {
    struct Failed: Error, CustomStringConvertible { let description: String }

    /// The XML, and the records it could not hold: rows of children with no record-table
    /// row (the XML form has nowhere to put them), by table.
    public static func render(_ result: ValidationResult, spec: ReturnSpec) throws -> (xml: Data, unplaced: [String: Int]) {
        guard let mapping = spec.xml else { throw Failed(description: "\(spec.title) \(spec.year) has no XML form") }
        let tree = Tree(mapping.nodes)
        guard let buffer = xmlBufferCreate() else { throw Failed(description: "out of memory") }
        defer { xmlBufferFree(buffer) }
        guard let w = xmlNewTextWriterMemory(buffer, 0) else { throw Failed(description: "cannot start the XML writer") }
        xmlTextWriterSetIndent(w, 1)
        xmlTextWriterStartDocument(w, "1.0", "UTF-8", nil)
        xmlTextWriterStartElement(w, mapping.root)

        let byChild = ChildRows(result.data)
        let records = result.data[mapping.recordTable]
        for row in 0..<(records?.count ?? 0) {
            let child = records!.child(row: row + 1) ?? ""
            // The child's own Header row, so a repeated child ID still writes each row.
            let context = Context(child: child, rows: byChild, record: (mapping.recordTable, records!.records[row]), specs: result.data)
            for path in mapping.recordPath { xmlTextWriterStartElement(w, path) }
            for node in tree.children(of: mapping.recordPath) { write(node, tree: tree, context: context, to: w) }
            for _ in mapping.recordPath { xmlTextWriterEndElement(w) }
        }
        xmlTextWriterEndElement(w)
        xmlTextWriterEndDocument(w)
        xmlFreeTextWriter(w)
        let children = Set((0..<(records?.count ?? 0)).compactMap { records!.child(row: $0 + 1) })
        var unplaced: [String: Int] = [:]
        for (table, rows) in byChild.rows where table != mapping.recordTable {
            let n = rows.filter { !children.contains($0.key) }.map(\.value.count).reduce(0, +)
            if n > 0 { unplaced[table] = n }
        }
        return (Data(bytes: xmlBufferContent(buffer), count: Int(xmlBufferLength(buffer))), unplaced)
    }

    /// Mapping nodes as a tree, children in schema order.
    struct Tree {
        let nodes: [XMLMapping.Node]
        init(_ nodes: [XMLMapping.Node]) { self.nodes = nodes }
        func children(of path: [String]) -> [XMLMapping.Node] {
            nodes.filter { $0.path.count == path.count + 1 && Array($0.path.prefix(path.count)) == path }
        }
    }

    /// Each table's rows for each child, in input order.
    struct ChildRows {
        var rows: [String: [String: [[String]]]] = [:]
        init(_ data: [String: RawTable]) {
            for (name, table) in data where !name.hasSuffix(ReturnDatabase.previousSuffix) {
                for i in 0..<table.count { rows[name, default: [:]][table.child(row: i + 1) ?? "", default: []].append(table.records[i]) }
            }
        }
    }

    struct Context {
        var child: String
        var rows: ChildRows
        var record: (table: String, cells: [String])?
        var specs: [String: RawTable]

        init(child: String, rows: ChildRows, record: (String, [String])?, specs: [String: RawTable]) {
            self.child = child; self.rows = rows; self.record = record; self.specs = specs
        }

        /// The value of a field in the enclosing record, or in the child's row of its table;
        /// nil when there is no such row.
        func value(_ table: String, _ field: String) -> String? {
            guard let spec = specs[table]?.spec, let i = spec.fieldNames.firstIndex(of: field) else { return nil }
            if let r = record, r.table == table { return r.cells[i] }
            return rows.rows[table]?[child]?.first?[i]
        }
        func hasRow(_ table: String) -> Bool { rows.rows[table]?[child]?.isEmpty == false }
    }

    private static func write(_ node: XMLMapping.Node, tree: Tree, context: Context, to w: xmlTextWriterPtr) {
        let name = node.path.last!
        switch node.binding {
        case .record(let table):
            for cells in context.rows.rows[table]?[context.child] ?? [] {
                var inner = context
                inner.record = (table, cells)
                xmlTextWriterStartElement(w, name)
                for c in tree.children(of: node.path) { write(c, tree: tree, context: inner, to: w) }
                xmlTextWriterEndElement(w)
            }
        case .field(let table, let field, let optional):
            guard let v = context.value(table, field) else { return }
            let value = v.trimmingCharacters(in: .whitespaces)
            if value.isEmpty && optional { return }
            xmlTextWriterWriteElement(w, name, value)
        case .hasRow(let table):
            xmlTextWriterWriteElement(w, name, context.hasRow(table) ? "1" : "0")
        case nil:
            guard hasContent(node, tree: tree, context: context) else { return }
            xmlTextWriterStartElement(w, name)
            for c in tree.children(of: node.path) { write(c, tree: tree, context: context, to: w) }
            xmlTextWriterEndElement(w)
        }
    }

    /// Whether an intermediate element (e.g. OC2) would hold anything for this child.
    private static func hasContent(_ node: XMLMapping.Node, tree: Tree, context: Context) -> Bool {
        tree.children(of: node.path).contains { c in
            switch c.binding {
            case .record(let t): return context.hasRow(t)
            case .field(let t, let f, let optional):
                guard let v = context.value(t, f) else { return false }
                return !optional || !v.trimmingCharacters(in: .whitespaces).isEmpty
            case .hasRow: return true
            case nil: return hasContent(c, tree: tree, context: context)
            }
        }
    }
}
