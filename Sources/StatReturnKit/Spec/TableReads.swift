import GRDB

/// The input tables a compiled statement reads, as SQLite's authorizer reported them
/// while compiling it (GRDB keeps that report as the statement's region). A derived
/// table stands for the tables its own SQL reads, so a rule reading one depends on those.
struct TableReads {
    private let tables: [String]
    /// Each derived table's inputs, derived tables it reads replaced by theirs.
    private var derivedInputs: [String: Set<String>] = [:]

    init(_ database: ReturnDatabase) throws {
        tables = try database.queue.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        }
        // Spec order: a derived table may read only earlier ones, already resolved.
        for d in database.spec.derived {
            let direct = try database.queue.read { db in read(by: try db.makeStatement(sql: d.sql)) }
            derivedInputs[d.name] = Set(direct.flatMap { derivedInputs[$0] ?? [$0] })
        }
    }

    private func read(by statement: Statement) -> [String] {
        // A statement's region meets a table's inserts exactly when it reads that table.
        tables.filter { statement.databaseRegion.isModified(byEventsOfKind: .insert(tableName: $0)) }
    }

    /// The input tables the statement reads, each with the derived table it is read through, if any.
    func inputs(of statement: Statement) -> [(table: String, via: String?)] {
        read(by: statement).flatMap { t -> [(table: String, via: String?)] in
            guard let inputs = derivedInputs[t] else { return [(t, nil)] }
            return inputs.sorted().map { ($0, t) }
        }
    }
}
