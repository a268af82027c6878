import Foundation

/// Who must fix each child's record: read from a CSV of `child,team,worker`.
public struct Owners: Sendable {
    public var byChild: [String: (team: String, worker: String)]

    public init(byChild: [String: (team: String, worker: String)] = [:]) { self.byChild = byChild }

    public init(csv reader: CSVReader, file: String) throws {
        var map: [String: (team: String, worker: String)] = [:]
        var columns: [String: Int]?
        do { try reader.forEachRecord { record in
            let cells = record.cells.map { $0.trimmingCharacters(in: .whitespaces) }
            guard let c = columns else {
                let names = cells.map { $0.lowercased() }
                var found: [String: Int] = [:]
                for need in ["child", "team", "worker"] {
                    guard let i = names.firstIndex(of: need) else {
                        throw InputError(file: file, line: record.line, field: need,
                                         problem: "an owners file needs the columns child,team,worker")
                    }
                    found[need] = i
                }
                columns = found
                return
            }
            guard cells.count > c.values.max()! else {
                throw InputError(file: file, line: record.line, problem: "the record has \(cells.count) cells; expected child,team,worker")
            }
            let child = cells[c["child"]!]
            if let earlier = map[child], earlier != (cells[c["team"]!], cells[c["worker"]!]) {
                throw InputError(file: file, line: record.line, field: "child",
                                 problem: "child \(child) is listed twice with different owners")
            }
            map[child] = (cells[c["team"]!], cells[c["worker"]!])
        } } catch let e as CSVReader.MalformedCSV {
            throw InputError(file: file, line: e.line, problem: e.problem)
        }
        if columns == nil { throw InputError(file: file, line: 1, problem: "the owners file is empty") }
        byChild = map
    }
}
