/// The text of one loaded table exactly as the user gave it, row by row, so reports
/// can show values as found. Its typed twin lives in SQLite under the same name,
/// where `_row` is the position here (1-based).
public final class RawTable: @unchecked Sendable {
    // Written only while ingest runs, before any rule does; read-only after that.
    public let name: String
    public let spec: TableSpec
    private(set) var rows: [[String]] = []
    /// Each row's place in its file, for files whose rows say it themselves (`placed`).
    private var places: [Int] = []
    /// Each row's origin, for rows that came from a database (its table and key), by `_row`.
    private var origins: [Int: String] = [:]
    /// Where each file's rows start. A row of a file that is `placed` is found by the place it was
    /// given: an XML record by its element's line, a record of a list read in part (`keep_only`) by
    /// its number in the file, as rows left out leave gaps.
    private var segments: [(file: String, firstRow: Int, placed: Bool)] = []
    private let childColumn: Int?

    init(name: String, spec: TableSpec) {
        self.name = name
        self.spec = spec
        childColumn = spec.childField.flatMap { c in spec.fields.firstIndex { $0.name == c } }
    }

    public var count: Int { rows.count }
    /// Every record's cells, in the spec's field order.
    public var records: [[String]] { rows }
    public var files: [String] { segments.map(\.file) }

    func beginFile(_ file: String, placed: Bool) {
        if segments.last?.file != file { segments.append((file, rows.count + 1, placed)) }
    }

    /// Appends a row of cells in the spec's field order; returns its `_row`.
    func append(_ cells: [String], place: Int, origin: String? = nil) -> Int {
        rows.append(cells)
        places.append(place)
        if let origin { origins[rows.count] = origin }
        return rows.count
    }

    /// Where a row came from in a database ("ssd_cla_episodes clae_cla_episode_id=E12"), if it did.
    public func origin(of row: Int) -> String? { origins[row] }

    /// The file a row came from and where: its data-record number in a CSV file (first
    /// record after the header = 1), its row in a worksheet (as Excel numbers it), or the line
    /// its element starts on in an XML file.
    public func location(of row: Int) -> (file: String, row: Int) {
        let seg = segments.last { $0.firstRow <= row } ?? segments[0]
        return (seg.file, seg.placed ? places[row - 1] : row - seg.firstRow + 1)
    }

    /// Puts a value `--fix` mended (from other records) in place of the one given.
    func replace(row: Int, field: Int, with value: String) { rows[row - 1][field] = value }

    public func value(row: Int, field: String) -> String? {
        guard row >= 1, row <= rows.count, let i = spec.fields.firstIndex(where: { $0.name == field }) else { return nil }
        return rows[row - 1][i]
    }

    /// Said when two files feed one table (a second download, `episodes (1).csv`?), with how many
    /// records are in more than one of them; nil when one file does.
    var severalFilesNote: String? {
        guard segments.count > 1 else { return nil }
        var seen = Set<[String]>(), repeated = 0
        for (i, seg) in segments.enumerated() {
            let end = i + 1 < segments.count ? segments[i + 1].firstRow - 1 : rows.count
            guard seg.firstRow <= end else { continue }
            let mine = Set(rows[(seg.firstRow - 1)..<end])
            repeated += mine.intersection(seen).count
            seen.formUnion(mine)
        }
        return "\(name) is read from \(segments.count) files (\(files.joined(separator: ", "))); check they are not two copies of one"
            + (repeated > 0 ? ": \(repeated) record\(repeated == 1 ? " is" : "s are") in more than one" : "")
    }

    public func child(row: Int) -> String? {
        guard let c = childColumn, row >= 1, row <= rows.count else { return nil }
        return rows[row - 1][c].trimmingCharacters(in: .whitespaces)
    }
}
