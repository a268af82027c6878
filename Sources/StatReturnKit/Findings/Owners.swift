import Foundation

/// Who must fix each child's record: a CSV file or Excel sheet with the columns `child` and
/// `team` (and `worker`, when the council allocates by worker). Such lists are usually kept in
/// Excel, which turns `0000037` into `37` or `37.0`; a child's ID that matches only once that is
/// undone is still matched, and said to be.
public struct Owners: Sendable {
    public struct Owner: Sendable, Equatable {
        public var team: String
        public var worker: String
        /// Where the child is listed, for messages ("owners.csv line 5").
        public var line: Int
    }

    public private(set) var byChild: [String: Owner]
    /// The file's name, for messages; empty when no owners were given.
    public private(set) var file = ""
    /// What reading the list noticed (a child listed twice), for the run's warnings.
    public private(set) var warnings: [String] = []
    /// Owners by their ID with Excel's damage undone, to match IDs that Excel turned into numbers.
    private var byRepairedID: [String: (id: String, owner: Owner)] = [:]

    public init(byChild: [String: (team: String, worker: String)] = [:]) {
        self.byChild = byChild.mapValues { Owner(team: $0.team, worker: $0.worker, line: 0) }
        index()
    }

    /// Reads the list from a file of either kind, known by its bytes.
    public init(file: InputFile) throws {
        if let problem = file.formProblem { throw InputError(file: file.name, problem: problem) }
        byChild = [:]
        self.file = file.name
        if file.isZip {
            let book = try XLSXReader(data: file.data, file: file.name, dateFormat: .dmy)
            guard let sheet = book.sheets.first else { throw InputError(file: file.name, problem: "the workbook has no worksheet") }
            try read(book.rows(of: sheet))
        } else {
            do { try read(CSVReader(data: file.data, legacyEncoding: file.legacyEncoding)) }
            catch let e as CSVReader.MalformedCSV { throw InputError(file: file.name, line: e.line, problem: e.problem) }
        }
        index()
    }

    /// Reads the list from rows given some other way (a query over a dataset's allocations).
    init(rows: some RecordSource, file: String) throws {
        byChild = [:]
        self.file = file
        try read(rows)
        index()
    }

    private mutating func read(_ rows: some RecordSource) throws {
        var columns: (child: Int, team: Int, worker: Int?)?, width = 0
        try rows.forEachRecord { record in
            let cells = record.cells.map { $0.trimmingCharacters(in: .whitespaces) }
            guard let c = columns else {
                let names = cells.map { $0.lowercased() }
                for need in ["child", "team"] where !names.contains(need) {
                    throw InputError(file: file, line: record.line, field: need,
                                     problem: "an owners list needs the columns child and team (and worker, if you allocate by worker); the first row has \(cells.joined(separator: ","))")
                }
                columns = (names.firstIndex(of: "child")!, names.firstIndex(of: "team")!, names.firstIndex(of: "worker"))
                width = cells.count
                return
            }
            // A sheet leaves trailing empty cells out; a CSV row that is short has lost something.
            if cells.count < width && !rows.shortRowsAreBlank {
                throw InputError(file: file, line: record.line, problem: "the row has \(cells.count) cells; the first row has \(width)")
            }
            func cell(_ i: Int?) -> String { i.map { $0 < cells.count ? cells[$0] : "" } ?? "" }
            let child = cell(c.child)
            guard !child.isEmpty else {
                if cells.contains(where: { !$0.isEmpty }) {
                    throw InputError(file: file, line: record.line, field: "child", problem: "the row has a team but no child")
                }
                return
            }
            let owner = Owner(team: cell(c.team), worker: cell(c.worker), line: record.line)
            if let earlier = byChild[child] {
                let same = earlier.team == owner.team && earlier.worker == owner.worker
                warnings.append("\(file): child \(child) is listed on line \(earlier.line) and again on line \(record.line)"
                                + (same ? "" : " with another owner; line \(earlier.line)'s owner is used"))
                return
            }
            byChild[child] = owner
        }
        if columns == nil { throw InputError(file: file, line: 1, problem: "the owners list is empty") }
    }

    private mutating func index() {
        for (id, owner) in byChild { byRepairedID[Self.repaired(id)] = (id, owner) }
    }

    /// An ID as it was before Excel made a number of it: `37.0` is `37`, and leading zeros do
    /// not count, so `0000037` and `37` are one ID.
    static func repaired(_ id: String) -> String {
        var s = Substring(id)
        if s.hasSuffix(".0") { s = s.dropLast(2) }
        guard !s.isEmpty, s.allSatisfy(\.isASCIIDigit) else { return id }
        let trimmed = s.drop { $0 == "0" }
        return trimmed.isEmpty ? "0" : String(trimmed)
    }

    /// The child's owner: listed under the child's own ID, or else under the ID Excel made of it
    /// (then `listedAs` is that ID).
    public func owner(of child: String) -> (owner: Owner, listedAs: String?)? {
        if let o = byChild[child] { return (o, nil) }
        guard let (id, o) = byRepairedID[Self.repaired(child)], id != child else { return nil }
        return (o, id)
    }

    public var isEmpty: Bool { byChild.isEmpty }
}
