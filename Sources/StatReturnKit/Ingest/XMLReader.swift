import CLibXML2
import Foundation

/// Reads a return's XML form with libxml2's streaming reader (never a whole-file tree,
/// so memory stays flat as files grow), turning elements into table records as the
/// mapping says. Each record keeps the line its element starts on.
struct XMLReader {
    struct Record {
        var table: String
        var values: [String: String]
        var line: Int
    }

    /// What the reader noticed besides records: elements it does not know (path and
    /// first line) and, when validating, places the file breaks the schema.
    struct Notes {
        var unknown: [String: Int] = [:]
        var schemaProblems: [SchemaProblem] = []
    }

    struct SchemaProblem {
        var line: Int
        var path: String
        var child: String
        var message: String
    }

    let mapping: XMLMapping
    let tables: [String: TableSpec]
    /// An XSD to check the file against while reading (the file is still read in full).
    var schema: URL?

    /// Calls `emit` with each child's records, the child's record first, then the
    /// return-level records (e.g. the CIN header) at the end.
    func read(_ data: Data, file: String, emit: (Record) throws -> Void) throws -> Notes {
        // The reader reads from the bytes as it goes, so all of it happens inside this closure.
        try XMLProblems.capturing { problems in
            try data.withUnsafeBytes { buf in
                guard let reader = xmlReaderForMemory(buf.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(buf.count), file,
                                                      nil, Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOBLANKS.rawValue)) else {
                    throw InputError(file: file, problem: "cannot be read as XML")
                }
                defer { xmlFreeTextReader(reader) }
                var state = State(mapping: mapping, tables: tables, problems: problems)
                if let schema {
                    guard xmlTextReaderSchemaValidate(reader, schema.path) == 0 else {
                        throw InputError(file: schema.path, problem: "the XML schema cannot be loaded")
                    }
                    state.validating = true
                }
                try state.run(reader, data: data, file: file, emit: emit)
                return state.notes
            }
        }
    }

    /// The reader's position and what it has gathered of the current child.
    private struct State {
        let mapping: XMLMapping
        let tables: [String: TableSpec]
        var stack: [String] = []
        var nodes: [Int?] = []                        // the mapping's node of each open element (nil: unknown)
        var insideRecord = false
        var text = ""
        var child: [String: [String: String]] = [:]   // the child's one-per-child tables
        var flagged = Set<String>()                   // tables a has_row flag says the child has
        var records: [Record] = []                    // the child's repeated records, in order
        var open: [Record] = []                       // records whose element is still open
        var returnLevel: [String: [String: String]] = [:]
        var childLine = 0
        var childID = ""
        var notes = Notes()
        let problems: XMLProblems
        var validating = false
        /// The line of each open unknown element: one that holds elements is an error, as its records would be lost.
        var unknownLines: [Int] = []
        /// Schema errors not yet placed: libxml2 validates ahead of the reader, so an error
        /// is held until the reader reaches its line, then given that element's path and child.
        var unplaced: [(line: Int, message: String)] = []
        var lastStart: (path: [String], child: String) = ([], "")

        /// Each table's fields not bound in the XML, which a record takes from those around it.
        let unbound: [String: [String]]

        init(mapping: XMLMapping, tables: [String: TableSpec], problems: XMLProblems) {
            self.mapping = mapping
            self.tables = tables
            self.problems = problems
            unbound = tables.mapValues { t in t.fieldNames.filter { !mapping.binds(t.name, $0) } }
        }

        /// Fields a record does not carry come from the records around it, innermost first.
        func inherited(_ r: Record, from enclosing: [[String: String]]) -> Record {
            var r = r
            for f in unbound[r.table] ?? [] where r.values[f] == nil {
                if let v = enclosing.lazy.compactMap({ $0[f] }).first { r.values[f] = v }
            }
            return r
        }

        /// Places held errors on lines up to `line`: one on this very line belongs to this
        /// element, an earlier one to the element before.
        mutating func place(upTo line: Int, at here: (path: [String], child: String)) {
            while let e = unplaced.first, e.line <= line {
                unplaced.removeFirst()
                let at = e.line == line ? here : lastStart
                notes.schemaProblems.append(XMLReader.SchemaProblem(line: e.line, path: at.path.joined(separator: "/"), child: at.child, message: e.message))
            }
            lastStart = here
        }

        mutating func endElement(line: Int, file: String) throws {
            let node = nodes.last!
            defer { stack.removeLast(); nodes.removeLast(); text = "" }
            if node == nil { unknownLines.removeLast() }
            if node == mapping.recordNode { insideRecord = false; try finishChild(); return }
            let inside = insideRecord
            switch node.flatMap({ mapping.nodes[$0].binding }) {
            case .field(let table, let field, _):
                // A value given twice would silently replace the first: an error, never a choice.
                func once(_ values: inout [String: String]) throws {
                    if values[field] != nil {
                        throw InputError(file: file, line: line, field: field,
                                         problem: "element <\(stack.last!)> is given twice for the same record (\(stack.joined(separator: "/"))); keep one")
                    }
                    values[field] = text
                }
                if !inside { try once(&returnLevel[table, default: [:]]) }
                else if let i = open.lastIndex(where: { $0.table == table }) { try once(&open[i].values) }
                else {
                    try once(&child[table, default: [:]])
                    if field == tables[table]?.childField { childID = text }
                }
            case .hasRow(let table, let field):
                let v = text.trimmingCharacters(in: .whitespaces)
                if !v.isEmpty && v != "0" { flagged.insert(table) }
                if let field { child[field.table, default: [:]][field.field] = text }
            case .record(_, let textField):
                guard var r = open.popLast() else { return }
                if let textField { r.values[textField] = text }
                records.append(inherited(r, from: open.reversed().map(\.values)))
            case nil:
                break
            }
        }

        mutating func finishChild() throws {
            let childValues = child.sorted { $0.key < $1.key }.map(\.value)
            var out: [Record] = [Record(table: mapping.recordTable, values: child[mapping.recordTable] ?? [:], line: childLine)]
            for (table, values) in child.sorted(by: { $0.key < $1.key }) where table != mapping.recordTable {
                if flagged.contains(table) || values.values.contains(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) {
                    out.append(inherited(Record(table: table, values: values, line: childLine), from: childValues))
                }
            }
            for table in flagged.sorted() where child[table] == nil {
                out.append(inherited(Record(table: table, values: [:], line: childLine), from: childValues))
            }
            out += records.map { inherited($0, from: childValues) }
            pending += out
            child = [:]; flagged = []; records = []; open = []; childID = ""
        }
        var pending: [Record] = []

        /// The known elements where an unknown one stands, so a misspelling is easy to see.
        func suggestion(for path: [String]) -> String {
            let parent = nodes.dropLast().last.flatMap { $0 }
            let known = (parent.map { mapping.children(of: mapping.nodes[$0].path) } ?? mapping.children(of: [])).map { $0.path.last! }
            return known.isEmpty ? "check its name" : "expected one of " + known.prefix(8).map { "<\($0)>" }.joined(separator: ", ")
        }

        mutating func run(_ reader: xmlTextReaderPtr, data: Data, file: String, emit: (Record) throws -> Void) throws {
            var sawRoot = false
            // The node's own line: the parser's position runs ahead, as it reads in chunks.
            func line() -> Int {
                if let node = xmlTextReaderCurrentNode(reader), xmlGetLineNo(node) > 0 { return Int(xmlGetLineNo(node)) }
                return Int(xmlTextReaderGetParserLineNumber(reader))
            }
            while true {
                let status = xmlTextReaderRead(reader)
                if validating { unplaced += problems.takeStructural() }
                for r in pending { try emit(r) }
                pending = []
                if status == 0 { break }
                if status < 0 {
                    throw InputError(file: file, line: problems.all.last.map(\.line).flatMap { $0 > 0 ? $0 : nil } ?? line(),
                                     problem: "not well-formed XML: \(problems.lastMessage ?? "parse error")")
                }
                switch xmlTextReaderNodeType(reader) {
                case 1:  // element start
                    let name = String(cString: xmlTextReaderConstLocalName(reader))
                    if !sawRoot {
                        guard name == mapping.root else {
                            throw InputError(file: file, line: line(), problem: "the root element is <\(name)>, not <\(mapping.root)>")
                        }
                        sawRoot = true
                        continue
                    }
                    if !stack.isEmpty && nodes.last! == nil {
                        throw InputError(file: file, line: unknownLines.last!,
                                         problem: "element <\(stack.last!)> is not part of \(mapping.root) and holds other elements, whose records would be lost; \(suggestion(for: stack))")
                    }
                    let node = stack.isEmpty ? mapping.node(named: name, in: nil) : nodes.last!.flatMap { mapping.node(named: name, in: $0) }
                    stack.append(name)
                    nodes.append(node)
                    text = ""
                    if node == mapping.recordNode { childLine = line(); insideRecord = true }
                    if validating { place(upTo: line(), at: (stack, childID)) }
                    if case .record(let table, _)? = node.flatMap({ mapping.nodes[$0].binding }) {
                        open.append(Record(table: table, values: [:], line: line()))
                    } else if node == nil {
                        let key = stack.joined(separator: "/")
                        if notes.unknown[key] == nil { notes.unknown[key] = line() }
                        unknownLines.append(line())
                    }
                    if xmlTextReaderIsEmptyElement(reader) == 1 { try endElement(line: line(), file: file) }
                case 3, 4:  // text, CDATA
                    if let v = xmlTextReaderConstValue(reader) { text += String(cString: v) }
                case 15:  // element end
                    if !stack.isEmpty { try endElement(line: line(), file: file) }
                case 10:  // a DOCTYPE: its entities would be expanded on one route and blank on another
                    // libxml2 gives a DOCTYPE no line of its own, and the parser has read past it.
                    let at = data.firstRange(of: Data("<!DOCTYPE".utf8)).map { data[..<$0.lowerBound].count(where: { $0 == 10 }) + 1 }
                    throw InputError(file: file, line: at ?? line(),
                                     problem: "the file has a DOCTYPE declaration; a return never needs one, and entities are not read: remove it")
                default:
                    break
                }
            }
            if !sawRoot { throw InputError(file: file, line: 1, problem: "the file has no root element") }
            place(upTo: Int.max, at: lastStart)
            for (table, values) in returnLevel.sorted(by: { $0.key < $1.key }) {
                try emit(Record(table: table, values: values, line: 1))
            }
        }
    }
}
