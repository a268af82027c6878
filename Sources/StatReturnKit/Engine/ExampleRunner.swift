import Foundation

/// Runs a rule's examples, as its documentation and its test: a passing example must
/// give no finding under the rule's code, a failing one at least one (exactly the rows
/// it names, when it names them). Each runs with the collection period of the year it
/// was written for, under the spec of the year being checked.
public struct ExampleRunner: Sendable {
    public struct Result: Sendable {
        public var code: String
        public var example: String
        public var outcome: RuleExample.Outcome
        /// Why the example did not behave as documented; nil when it did.
        public var problem: String?
    }

    public let spec: ReturnSpec

    public init(spec: ReturnSpec) { self.spec = spec }

    public func run(_ rule: RuleSpec) -> [Result] {
        rule.examples.map { example in
            Result(code: rule.code, example: example.name, outcome: example.outcome, problem: check(example, of: rule))
        }
    }

    public func runAll() -> [Result] { spec.rules.flatMap(run) }

    private func check(_ e: RuleExample, of rule: RuleSpec) -> String? {
        let last = ReturnDatabase.previousSuffix
        let files = e.tables.map { t in
            if t.name == "xml" { return InputFile(name: "\(rule.code) example '\(e.name)' xml", data: Data(t.csv.utf8)) }
            if let (c, table) = spec.companionTable(t.name) {
                return InputFile(name: "\(rule.code) example '\(e.name)' \(t.name)", data: Data(t.csv.utf8),
                                 table: table.name, companion: c.returnName)
            }
            let previous = t.name.hasSuffix(last)
            return InputFile(name: "\(rule.code) example '\(e.name)' \(t.name)", data: Data(t.csv.utf8),
                             table: previous ? String(t.name.dropLast(last.count)) : t.name, previousYear: previous)
        }
        var validator = Validator(spec: spec, workers: 1)
        validator.period = spec.periods[rule.exampleYear] ?? spec.period
        validator.parameters = e.parameters
        let result: ValidationResult
        do { result = try validator.validate(files, only: [rule.code]) } catch {
            return "the example's tables could not be read: \(error)"
        }
        if let f = result.failed.first { return "the rule failed to run: \(f.reason)" }
        let found = result.findings.filter { $0.code == rule.code }
        // A rule that fields name reports malformed values as they are read, even when its query cannot run.
        if let n = result.notRun.first, found.isEmpty { return "the rule did not run: \(n.reason)" }
        switch e.outcome {
        case .pass:
            return found.isEmpty ? nil : "expected no finding, got \(describe(found))"
        case .fail:
            guard !found.isEmpty else { return "expected a finding, got none" }
            guard let rows = e.rows else { return nil }
            let table = e.rowsTable ?? rule.tables[0]
            let got = found.filter { $0.table == table }.compactMap(\.row)
            return Set(got) == Set(rows) ? nil : "expected \(table) rows \(rows.sorted()), got \(describe(found))"
        }
    }

    private func describe(_ findings: [Finding]) -> String {
        findings.map { $0.table.isEmpty ? "a return-level finding" : "\($0.table) row \($0.row.map(String.init) ?? "-")" }
            .joined(separator: ", ")
    }
}
