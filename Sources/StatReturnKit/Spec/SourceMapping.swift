/// How a return's tables are made from a dataset a council keeps (`from-<source>.yml` in a year
/// folder, e.g. `from-ssd.yml`): for each table of the return, one SQL `SELECT` over the
/// dataset's tables giving exactly that table's columns (and, optionally, `_source`: where each
/// row came from, shown in findings). A council whose dataset differs edits this file.
public struct SourceMapping: Codable, Sendable, Equatable {
    /// The dataset's spec: `Specs/<source>/<version>/`.
    public var source: String
    public var version: String
    public var tables: [Query]
    /// Who is to fix each child's record, from the dataset's allocations: a `SELECT` giving
    /// `child`, `team` and `worker` (one row per child; the first is kept). Used when no owners
    /// list is given.
    public var owners: String?

    public struct Query: Codable, Sendable, Equatable {
        public var table: String
        /// Bound as for rules: `:collection_start`, `:collection_end`, `:reference_date`, and the
        /// return's parameters.
        public var sql: String
        public var note: String?
        /// Columns the dataset cannot fill (given blank), each with why: said where the table is written.
        public var unavailable: [String: String]?
    }

    /// The spec file the mapping was read from, for messages (not read from YAML).
    public var file = ""
    /// The values the dataset's own spec takes (its extract date), which a run of the return
    /// made from it may be given (read from the dataset's spec, not from this file).
    public var parameters: [ParameterSpec] = []

    enum CodingKeys: String, CodingKey { case source, version, tables, owners, file, parameters }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        source = try c.decode(String.self, forKey: .source)
        version = try c.decode(String.self, forKey: .version)
        tables = try c.decode([Query].self, forKey: .tables)
        owners = try c.decodeIfPresent(String.self, forKey: .owners)
        if decoder.readsSpecCache {
            file = try c.decode(String.self, forKey: .file)
            parameters = try c.decode([ParameterSpec].self, forKey: .parameters)
        }
    }
}
