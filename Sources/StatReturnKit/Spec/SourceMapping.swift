/// How a return's tables are made from data a council keeps (`from-<source>.yml` in a year
/// folder, e.g. `from-ssd.yml`): for each table of the return, one SQL `SELECT` giving exactly
/// that table's columns (and, optionally, `_source`: where each row came from, shown in
/// findings). A council whose data differs edits this file.
///
/// A mapping reads either one dataset, by its own spec (`source: ssd`, `version: "1.0"`), whose
/// tables the queries name as the dataset's spec does; or the return's companions (`companions:
/// [cin, ssda903]`, no version: each is read for its collection year), whose tables the queries
/// name as rules do, `<return>_<Table>`, so one query may join several of them.
public struct SourceMapping: Codable, Sendable, Equatable {
    /// The dataset's spec (`Specs/<source>/<version>/`); for a mapping over companions, the
    /// name the file is known by (`from-<source>.yml`).
    public var source: String
    public var version: String?
    /// The companion returns the queries read (names of the return's `companion` inputs' returns).
    public var companions: [String]?
    public var tables: [Query]
    /// Who is to fix each child's record, from the dataset's allocations: a `SELECT` giving
    /// `child`, `team` and `worker` (one row per child; the first is kept). Used when no owners
    /// list is given.
    public var owners: String?

    public struct Query: Codable, Sendable, Equatable {
        public var table: String
        /// Bound as for rules: `:collection_start`, `:collection_end`, `:reference_date`, and the
        /// return's parameters. Nil for a table the data cannot make (`not_made`).
        public var sql: String?
        public var note: String?
        /// Columns the data cannot fill (given blank), each with why: said where the table is written.
        public var unavailable: [String: String]?
        /// Columns the data fills only in part (some rows, or counts of what it holds), each with why.
        public var partial: [String: String]?
        /// Why the data cannot make the table at all (its sheet is written with no rows).
        public var notMade: String?

        enum CodingKeys: String, CodingKey { case table, sql, note, unavailable, partial, notMade = "not_made" }
    }

    /// The spec file the mapping was read from, for messages (not read from YAML).
    public var file = ""
    /// The values the dataset's own spec takes (its extract date), which a run of the return
    /// made from it may be given (read from the dataset's spec, not from this file).
    public var parameters: [ParameterSpec] = []

    enum CodingKeys: String, CodingKey { case source, version, companions, tables, owners, file, parameters }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        source = try c.decode(String.self, forKey: .source)
        version = try c.decodeIfPresent(String.self, forKey: .version)
        companions = try c.decodeIfPresent([String].self, forKey: .companions)
        tables = try c.decode([Query].self, forKey: .tables)
        owners = try c.decodeIfPresent(String.self, forKey: .owners)
        if decoder.readsSpecCache {
            file = try c.decode(String.self, forKey: .file)
            parameters = try c.decode([ParameterSpec].self, forKey: .parameters)
        }
    }
}
