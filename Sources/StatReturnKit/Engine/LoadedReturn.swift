/// A return as read: its typed tables in SQLite, the raw text of every record, what ingest
/// found as it parsed (findings, fixes, warnings) and any companion returns. Loading is kept
/// apart from checking so that validate, export and later the inspection lists and the nightly
/// run can share one load.
public final class LoadedReturn: @unchecked Sendable {
    // Written while loading, then only read.
    let database: ReturnDatabase
    let ingestor: Ingestor
    let companions: [String: Ingestor]
    let notes: [String]
    let clock: Validator.PhaseClock

    init(database: ReturnDatabase, ingestor: Ingestor, companions: [String: Ingestor], notes: [String], clock: Validator.PhaseClock) {
        self.database = database; self.ingestor = ingestor; self.companions = companions; self.notes = notes; self.clock = clock
    }

    /// The records as read, by table (companion tables as `<return>_<Table>`).
    public var tables: [String: RawTable] {
        companions.values.reduce(into: ingestor.tables) { all, c in all.merge(c.tables) { a, _ in a } }
    }
}
