import Dispatch
import Foundation
import GRDB

/// Runs SQL rules over the loaded return, in parallel, one database copy per worker.
///
/// A rule's `SELECT` returns one row per offending record, with these columns:
/// - `_row`: the `_row` of the offending record (omit or NULL for a return-level finding);
/// - `_table` (optional): the table `_row` is in, when it is not the rule's first table;
/// - `_related` (optional): `_row`s of other records of that table involved, comma-separated;
/// - `_child` (optional): the child, for a finding about a child with no single record;
/// - `_field` (optional): the field at fault, when narrower than the rule's fields;
/// - `_fix` (for a rule with `fix`): the value to put instead, NULL where none is safe.
/// The collection dates are bound as `:collection_start`, `:collection_end` and
/// `:reference_date` (ISO dates).
struct RuleRunner {
    struct Outcome: Sendable {
        var code: String
        var hits: [RuleHit]
        /// Why the rule could not run; never counted as passed.
        var failure: String?
        var seconds: Double = 0
    }

    let rules: [RuleSpec]
    let period: CollectionPeriod
    var extra: [String: String] = [:]

    func run(on databases: [DatabaseQueue]) -> [Outcome] {
        let results = OutcomeBox(count: rules.count)
        let next = Counter()
        DispatchQueue.concurrentPerform(iterations: databases.count) { worker in
            while let i = next.take(below: rules.count) {
                let start = DispatchTime.now().uptimeNanoseconds
                var outcome = Self.run(rules[i], on: databases[worker], period: period, extra: extra)
                outcome.seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                results.set(i, outcome)
            }
        }
        return results.values
    }

    static func run(_ rule: RuleSpec, on queue: DatabaseQueue, period: CollectionPeriod, extra: [String: String] = [:]) -> Outcome {
        guard case .sql(let sql) = rule.check else { return Outcome(code: rule.code, hits: [], failure: nil) }
        do {
            let hits = try queue.read { db -> [RuleHit] in
                let statement = try db.makeStatement(sql: sql)
                statement.setUncheckedArguments(StatementArguments(period.parameters.merging(extra) { a, _ in a }))
                let columns = Set(statement.columnNames)
                let rows = try Row.fetchCursor(statement)
                var hits: [RuleHit] = []
                while let row = try rows.next() {
                    let table: String? = columns.contains("_table") ? row["_table"] : nil
                    let id: Int? = columns.contains("_row") ? row["_row"] : nil
                    let related: String? = columns.contains("_related") ? row["_related"] : nil
                    let child: String? = columns.contains("_child") ? row["_child"] : nil
                    let field: String? = columns.contains("_field") ? row["_field"] : nil
                    hits.append(RuleHit(
                        code: rule.code, table: id == nil ? table : (table ?? rule.tables.first), row: id,
                        related: (related ?? "").split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
                            .filter { $0 != id },
                        child: child, fields: field.map { [$0] }, fix: columns.contains("_fix") ? row["_fix"] : nil))
                }
                return hits
            }
            return Outcome(code: rule.code, hits: hits, failure: nil)
        } catch let e as DatabaseError {
            return Outcome(code: rule.code, hits: [], failure: e.message ?? "\(e)")
        } catch {
            return Outcome(code: rule.code, hits: [], failure: "\(error)")
        }
    }
}

/// Hands out rule indexes to workers.
private final class Counter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()
    func take(below limit: Int) -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard value < limit else { return nil }
        value += 1
        return value - 1
    }
}

/// Collects outcomes by rule index from several workers.
private final class OutcomeBox: @unchecked Sendable {
    private var slots: [RuleRunner.Outcome?]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ o: RuleRunner.Outcome) { lock.lock(); slots[i] = o; lock.unlock() }
    var values: [RuleRunner.Outcome] { slots.map { $0! } }
}
