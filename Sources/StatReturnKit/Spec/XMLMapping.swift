/// How a return's XML form maps onto its tables, from `xml.yml`: element paths in
/// schema order, each either a repeated record of a table or a leaf holding a field.
/// One mapping drives the streaming reader, the writer and the generated XSD.
public struct XMLMapping: Codable, Sendable, Equatable {
    public enum Binding: Codable, Sendable, Equatable {
        /// Each occurrence is one record of the table; with `text`, the element's own
        /// text is that field (e.g. each assessment factor).
        case record(table: String, text: String?)
        /// A leaf holding a field of the enclosing record (or of the child's record).
        case field(table: String, field: String, optional: Bool)
        /// A leaf that is 1 when the child has a row in the table. With `field`, the value as
        /// given is also kept there (the 903 Header's UASC flag), and written back when set.
        case hasRow(table: String, field: FieldRef?)
    }

    /// A field of a table, as `Table.FIELD` names it in `xml.yml`.
    public struct FieldRef: Codable, Sendable, Equatable {
        public var table: String
        public var field: String
    }

    public struct Node: Codable, Sendable, Equatable {
        public var path: [String]
        public var binding: Binding?
    }

    public var root: String
    /// The element holding one child's data, and the table with one row per child.
    public var recordPath: [String]
    public var recordTable: String
    /// Every element in schema order, intermediate ones included.
    public var nodes: [Node]
    /// Fields each table takes from the XML; the rest are inherited from enclosing records.
    private var bound: [String: Set<String>] = [:]

    func binds(_ table: String, _ field: String) -> Bool { bound[table]?.contains(field) ?? false }

    /// Every table the XML form can hold: a document that has none of a table's elements
    /// still gives that table, empty (a module with nothing to report, not a missing input).
    public var tables: Set<String> {
        var names: Set<String> = [recordTable]
        for n in nodes {
            switch n.binding {
            case .record(let t, _), .field(let t, _, _): names.insert(t)
            case .hasRow(let t, let f): names.insert(t); if let f { names.insert(f.table) }
            case nil: break
            }
        }
        return names
    }

    /// An element's child elements, in schema order (indexed once: the writer asks per element).
    func children(of path: [String]) -> [Node] { childIndex[path.joined(separator: "/")] ?? [] }
    private var childIndex: [String: [Node]] = [:]

    /// The node of an element named `name` inside node `parent` (nil: directly under the root):
    /// the reader steps from node to node instead of building each element's path.
    func node(named name: String, in parent: Int?) -> Int? { step[parent ?? -1]?[name] }
    private var step: [Int: [String: Int]] = [:]
    /// The node of the record element.
    private(set) var recordNode = -1

    init(root: String, recordPath: [String], recordTable: String, bound bindings: [([String], Binding)]) {
        self.root = root
        self.recordPath = recordPath
        self.recordTable = recordTable
        var nodes: [Node] = []
        var seen = Set<String>()
        for (path, binding) in bindings {
            // Intermediate elements (e.g. HEADER, OC2) come just before their first leaf.
            for n in 1...path.count {
                let key = path.prefix(n).joined(separator: "/")
                if seen.insert(key).inserted {
                    nodes.append(Node(path: Array(path.prefix(n)), binding: n == path.count ? binding : nil))
                }
            }
            switch binding {
            case .field(let t, let f, _): bound[t, default: []].insert(f)
            case .record(let t, let text?): bound[t, default: []].insert(text)
            case .hasRow(_, let f?): bound[f.table, default: []].insert(f.field)
            default: break
            }
        }
        self.nodes = nodes
        for n in nodes { childIndex[n.path.dropLast().joined(separator: "/"), default: []].append(n) }
        let position = Dictionary(uniqueKeysWithValues: nodes.enumerated().map { ($1.path, $0) })
        for (i, n) in nodes.enumerated() {
            step[n.path.count == 1 ? -1 : position[Array(n.path.dropLast())]!, default: [:]][n.path.last!] = i
        }
        recordNode = position[recordPath] ?? -1
    }
}

/// `xml.yml` as written.
struct XMLFile: Decodable {
    struct Record: Decodable { var path: String; var table: String }
    enum Value: Decodable {
        case field(String)
        case record(table: String, text: String?)
        case hasRow(table: String, field: String?)

        init(from decoder: Decoder) throws {
            if let s = try? decoder.singleValueContainer().decode(String.self) { self = .field(s); return }
            let c = try decoder.container(keyedBy: AnyKey.self)
            if let t = try c.decodeIfPresent(String.self, forKey: AnyKey(stringValue: "table")) {
                self = .record(table: t, text: try c.decodeIfPresent(String.self, forKey: AnyKey(stringValue: "text")))
                return
            }
            if let t = try c.decodeIfPresent(String.self, forKey: AnyKey(stringValue: "has_row")) {
                self = .hasRow(table: t, field: try c.decodeIfPresent(String.self, forKey: AnyKey(stringValue: "field")))
                return
            }
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                debugDescription: "expected Table.FIELD, { table: T }, { table: T, text: FIELD }, { has_row: T } or { has_row: T, field: Table.FIELD }"))
        }
    }
    var root: String?
    var record: Record?
    /// The whole tree (a base year), or
    var tree: OrderedEntries<Value>?
    /// elements a later year appends to the tree it inherits.
    var add: OrderedEntries<Value>?
}

extension XMLMapping {
    /// Resolves the `xml.yml` files of a year chain (oldest first) against the spec's tables;
    /// a mistake names the file and path.
    static func load(_ sources: [(text: String, path: String)], tables: [TableSpec]) throws -> XMLMapping {
        var root: String?, record: XMLFile.Record?, file = ""
        var entries: [(String, XMLFile.Value, String)] = []
        for source in sources {
            let raw = try decodeYAML(XMLFile.self, source.text, file: source.path)
            if let tree = raw.tree {
                guard let r = raw.root, let rec = raw.record else {
                    throw SpecError(file: source.path, entry: "tree", problem: "a whole tree needs 'root' and 'record'")
                }
                root = r; record = rec; file = source.path
                entries = tree.pairs.map { ($0.0, $0.1, source.path) }
            }
            entries += (raw.add?.pairs ?? []).map { ($0.0, $0.1, source.path) }
            if raw.tree == nil && raw.add == nil {
                throw SpecError(file: source.path, entry: "(top)", problem: "give 'tree', or 'add' to extend the year before")
            }
        }
        guard let root, let record else {
            throw SpecError(file: sources.first?.path ?? "xml.yml", entry: "tree", problem: "no year in the chain gives the whole tree")
        }
        return try build(root: root, record: record, entries: entries, recordFile: file, tables: tables)
    }

    private static func build(root: String, record: XMLFile.Record, entries: [(String, XMLFile.Value, String)],
                              recordFile: String, tables: [TableSpec]) throws -> XMLMapping {
        var file = recordFile
        func table(_ name: String, _ entry: String) throws -> TableSpec {
            guard let t = tables.first(where: { $0.name == name }) else {
                throw SpecError(file: file, entry: entry, problem: "unknown table \(name)")
            }
            return t
        }
        func field(_ t: TableSpec, _ f: String, _ entry: String) throws {
            guard t.field(f) != nil else { throw SpecError(file: file, entry: entry, problem: "\(t.name) has no field \(f)") }
        }
        func qualified(_ s: String, _ entry: String) throws -> FieldRef {
            let parts = s.split(separator: ".").map(String.init)
            guard parts.count == 2 else { throw SpecError(file: file, entry: entry, problem: "expected Table.FIELD, got '\(s)'") }
            try field(try table(parts[0], entry), parts[1], entry)
            return FieldRef(table: parts[0], field: parts[1])
        }
        _ = try table(record.table, "record")
        var bound: [([String], Binding)] = []
        for (path, value, source) in entries {
            file = source
            let b: Binding
            switch value {
            case .record(let t, let text):
                let spec = try table(t, path)
                if let text { try field(spec, text, path) }
                b = .record(table: t, text: text)
            case .hasRow(let t, let f):
                _ = try table(t, path)
                b = .hasRow(table: t, field: try f.map { try qualified($0, path) })
            case .field(let s):
                let optional = s.hasSuffix("?")
                let ref = try qualified(optional ? String(s.dropLast()) : s, path)
                b = .field(table: ref.table, field: ref.field, optional: optional)
            }
            bound.append((path.split(separator: "/").map(String.init), b))
        }
        return XMLMapping(root: root, recordPath: record.path.split(separator: "/").map(String.init),
                          recordTable: record.table, bound: bound)
    }
}
