/// A table computed once from the loaded return, before any rule runs, for facts several
/// rules share (e.g. which children were looked after for the whole year). Rules read it
/// like any table; it is worked out once instead of in each rule's SQL.
public struct DerivedTable: Codable, Sendable, Equatable {
    public var name: String
    public var description: String?
    /// A SQLite `SELECT` over the return's tables; the collection parameters are bound.
    public var sql: String
    /// The spec file that defined it, for messages (not read from YAML).
    public var source = ""

    enum CodingKeys: String, CodingKey { case name, description, sql, source }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        description = try c.decodeIfPresent(String.self, forKey: .description)
        sql = try c.decode(String.self, forKey: .sql)
        if decoder.readsSpecCache { source = try c.decode(String.self, forKey: .source) }
    }
}
