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

    let mapping: XMLMapping
    let tables: [String: TableSpec]

    /// Calls `emit` with each child's records in document order, Header first.
    /// Elements the mapping does not know are reported in `unknown` (path and first line).
    func read(_ data: Data, file: String, emit: (Record) throws -> Void) throws -> [String: Int] {
        guard let reader = data.withUnsafeBytes({ buf in
            xmlReaderForMemory(buf.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(buf.count), file,
                               nil, Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOBLANKS.rawValue))
        }) else { throw InputError(file: file, problem: "cannot be read as XML") }
        defer { xmlFreeTextReader(reader) }
        // The reader reads from `data` as it goes; keep it alive until the end.
        return try withExtendedLifetime(data) { try run(reader, file: file, emit: emit) }
    }

    private func run(_ reader: xmlTextReaderPtr, file: String, emit: (Record) throws -> Void) throws -> [String: Int] {
        var stack: [String] = []           // element names below the root
        var text = ""
        var child: [String: [String: String]] = [:]   // one-per-child tables' values
        var flagged = Set<String>()                   // tables a has_row flag says the child has
        var records: [Record] = []                    // the child's repeated records, in order
        var open: [Record] = []                       // records whose element is still open
        var childLine = 0
        var unknown: [String: Int] = [:]
        var sawRoot = false

        func line() -> Int { Int(xmlTextReaderGetParserLineNumber(reader)) }

        func endElement() throws {
            let path = stack
            defer { stack.removeLast() }
            if path == mapping.recordPath {
                try finishChild()
                return
            }
            switch mapping.binding(at: path) {
            case .field(let table, let field, _):
                if let i = open.lastIndex(where: { $0.table == table }) { open[i].values[field] = text }
                else { child[table, default: [:]][field] = text }
            case .hasRow(let table):
                let v = text.trimmingCharacters(in: .whitespaces)
                if !v.isEmpty && v != "0" { flagged.insert(table) }
            case .record:
                if let r = open.popLast() { records.append(r) }
            case nil:
                break
            }
            text = ""
        }

        func finishChild() throws {
            let header = child[mapping.recordTable] ?? [:]
            func withInherited(_ table: String, _ values: [String: String]) -> [String: String] {
                var v = values
                for f in mapping.inherit where v[f] == nil && tables[table]?.field(f) != nil { v[f] = header[f] ?? "" }
                return v
            }
            try emit(Record(table: mapping.recordTable, values: header, line: childLine))
            for (table, values) in child.sorted(by: { $0.key < $1.key }) where table != mapping.recordTable {
                if flagged.contains(table) || values.values.contains(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) {
                    try emit(Record(table: table, values: withInherited(table, values), line: childLine))
                }
            }
            for table in flagged.sorted() where child[table] == nil {
                try emit(Record(table: table, values: withInherited(table, [:]), line: childLine))
            }
            for r in records { try emit(Record(table: r.table, values: withInherited(r.table, r.values), line: r.line)) }
            child = [:]; flagged = []; records = []; open = []
        }

        while true {
            let status = xmlTextReaderRead(reader)
            if status == 0 { break }
            if status < 0 {
                let message = xmlGetLastError().map { String(cString: $0.pointee.message).trimmingCharacters(in: .whitespacesAndNewlines) }
                throw InputError(file: file, line: line(), problem: "not well-formed XML: \(message ?? "parse error")")
            }
            let type = xmlTextReaderNodeType(reader)
            switch type {
            case 1:  // element start
                let name = String(cString: xmlTextReaderConstLocalName(reader))
                if !sawRoot {
                    guard name == mapping.root else {
                        throw InputError(file: file, line: line(), problem: "the root element is <\(name)>, not <\(mapping.root)>")
                    }
                    sawRoot = true
                    continue
                }
                stack.append(name)
                text = ""
                if stack == mapping.recordPath { childLine = line() }
                switch mapping.binding(at: stack) {
                case .record(let table): open.append(Record(table: table, values: [:], line: line()))
                case nil where !mapping.nodes.contains(where: { $0.path == stack }) && stack != mapping.recordPath:
                    unknown[stack.joined(separator: "/"), default: line()] = unknown[stack.joined(separator: "/")] ?? line()
                default: break
                }
                if xmlTextReaderIsEmptyElement(reader) == 1 { try endElement() }
            case 3, 4:  // text, CDATA
                if let v = xmlTextReaderConstValue(reader) { text += String(cString: v) }
            case 15:  // element end
                if !stack.isEmpty { try endElement() }
            default:
                break
            }
        }
        if !sawRoot { throw InputError(file: file, line: 1, problem: "the file has no root element") }
        return unknown
    }
}
