import Foundation

/// Runs a rule's examples, as its documentation and its test: a passing example must
/// give no finding under the rule's code, a failing one at least one (exactly the rows
/// it names, when it names them). Each runs with the collection period of the year it
/// was written for, under the spec of the year being checked.
///
/// Each example then runs again, changed in ways that must not change what the rule
/// reports (compared by the content of the records reported, not their position):
/// with its rows shuffled, with an unrelated clean child added (a copy of a child of a
/// passing example, under a new identifier; findings about the whole return may change,
/// as a percentage of children does), and, for a return with an XML form, written as
/// XML and read back.
public struct ExampleRunner: Sendable {
    public enum Variant: String, Sendable, CaseIterable {
        case asWritten = "as written"
        case shuffled = "with its rows shuffled"
        case cleanChild = "with an unrelated clean child added"
        case xml = "through the XML form"
    }

    public struct Result: Sendable {
        public var code: String
        public var example: String
        public var outcome: RuleExample.Outcome
        public var variant: Variant
        /// Why the example did not behave as documented; nil when it did.
        public var problem: String?
        /// Why the variant could not be made of this example (e.g. the XML form has no
        /// elements for one of its tables); nil when it ran.
        public var skipped: String?
    }

    public let spec: ReturnSpec
    /// The identifier of the clean child added to examples.
    static let cleanChild = "CLEAN01"
    /// How many children of passing examples are tried as the clean child.
    static let cleanCandidates = 5

    public init(spec: ReturnSpec) { self.spec = spec }

    public func runAll() -> [Result] { spec.rules.flatMap(run) }

    /// An example run as written: what it reported, or why it did not behave as documented.
    private struct Baseline {
        var example: RuleExample
        /// Nil for an example written as an XML document.
        var tables: ExampleTables?
        var result: ValidationResult?
        var gist: [String] = []
        var problem: String?
    }

    public func run(_ rule: RuleSpec) -> [Result] {
        let baselines = rule.examples.map { baseline($0, rule) }
        var results: [Result] = []
        for b in baselines {
            let e = b.example
            results.append(result(.asWritten, e, rule, problem: b.problem))
            guard b.problem == nil, let base = b.result else { continue }
            if let tables = b.tables {
                results.append(tables.hasRowsToShuffle
                    ? compare(.shuffled, inputs(tables.shuffled(seed: "\(rule.code) \(e.name)").asExample, rule, e), b, rule)
                    : result(.shuffled, e, rule, skipped: "no table has two rows"))
            } else {
                results.append(result(.shuffled, e, rule, skipped: "an XML document"))
            }
            if spec.xml != nil {
                results.append(b.tables == nil ? result(.xml, e, rule, skipped: "already an XML document") : throughXML(base, b, rule))
            }
        }
        return results + withCleanChild(baselines, rule)
    }

    private func baseline(_ e: RuleExample, _ rule: RuleSpec) -> Baseline {
        var b = Baseline(example: e)
        do {
            b.tables = try ExampleTables(e)
            let result = try validate(inputs(e.tables, rule, e), rule, e)
            b.problem = notRun(result, rule) ?? documented(result, e, rule)
            b.result = result
            b.gist = gist(result, rule)
        } catch {
            b.problem = "\(error)"
        }
        return b
    }

    /// Every example with a child of a passing example copied in under a new identifier. The
    /// child is the first, among the first few children of passing examples, whose copy leaves
    /// every example reporting what it did: a child may be clean only beside its own example's
    /// reference data (a postcode in that example's list), but a rule that depends on the child
    /// being alone fails with any.
    private func withCleanChild(_ baselines: [Baseline], _ rule: RuleSpec) -> [Result] {
        let runnable = baselines.filter { $0.problem == nil }
        let donors = runnable.filter { $0.example.outcome == .pass }.compactMap(\.tables)
        let candidates = donors.flatMap { d in d.children(in: spec).map { (donor: d, child: $0) } }.prefix(Self.cleanCandidates)
        var first: [Result]?
        for c in candidates {
            let results = runnable.map { b -> Result in
                guard let tables = b.tables else { return result(.cleanChild, b.example, rule, skipped: "an XML document") }
                guard !tables.names(Self.cleanChild),
                      let added = tables.adding(child: c.child, from: c.donor, as: Self.cleanChild, spec: spec) else {
                    return result(.cleanChild, b.example, rule, skipped: "no table in common with the child copied")
                }
                return compare(.cleanChild, inputs(added.asExample, rule, b.example), b, rule,
                               "with child \(c.child) of a passing example added as \(Self.cleanChild),")
            }
            if results.allSatisfy({ $0.problem == nil }) { return results }
            first = first ?? results
        }
        return first ?? runnable.map { result(.cleanChild, $0.example, rule, skipped: "no passing example names a child") }
    }

    private func result(_ v: Variant, _ e: RuleExample, _ rule: RuleSpec, problem: String? = nil, skipped: String? = nil) -> Result {
        Result(code: rule.code, example: e.name, outcome: e.outcome, variant: v, problem: problem, skipped: skipped)
    }

    /// Runs a changed example; a problem when it reports anything but what it did as written
    /// (with another child, only on records and children).
    private func compare(_ v: Variant, _ files: [InputFile], _ b: Baseline, _ rule: RuleSpec, _ what: String? = nil) -> Result {
        let what = what ?? v.rawValue
        do {
            let got = try validate(files, rule, b.example)
            if let problem = notRun(got, rule) { return result(v, b.example, rule, problem: "\(what) \(problem)") }
            return compare(v, gist(got, rule), b, rule, what)
        } catch {
            return result(v, b.example, rule, problem: "\(what) \(error)")
        }
    }

    private func compare(_ v: Variant, _ got: [String], _ b: Baseline, _ rule: RuleSpec, _ what: String) -> Result {
        let kept = { (gist: [String]) in v == .cleanChild ? gist.filter { !$0.hasPrefix(Self.returnLevel) } : gist }
        guard kept(got) != kept(b.gist) else { return result(v, b.example, rule) }
        return result(v, b.example, rule, problem: "\(what) it reported \(describe(got)) instead of \(describe(b.gist))")
    }

    /// The example written in the return's XML form, beside the tables that form does not
    /// carry (last year's, a companion's, reference lists), read back and checked. An example
    /// the form cannot hold (a table it has no elements for, a row it cannot say) is skipped.
    private func throughXML(_ base: ValidationResult, _ b: Baseline, _ rule: RuleSpec) -> Result {
        let e = b.example
        let xml: Data
        do {
            let rendered = try XMLExporter.render(base, spec: spec)
            if let table = rendered.unplaced.keys.min() {
                return result(.xml, e, rule, skipped: "the XML form cannot hold its \(table) rows")
            }
            xml = rendered.xml
        } catch {
            return result(.xml, e, rule, problem: "writing it as XML: \(error)")
        }
        let beside = e.tables.filter { spec.table($0.name).map { $0.reference == true } ?? true }
        let files = [InputFile(name: "\(rule.code) example '\(e.name)'.xml", data: xml)] + inputs(beside, rule, e)
        do {
            let got = try validate(files, rule, e)
            if let table = firstDifference(base, got) {
                return result(.xml, e, rule, skipped: "the XML form does not hold its \(table) rows as given")
            }
            // A table given with no rows is given in CSV; in XML it is just absent.
            if let table = Set(base.tables.map(\.name)).subtracting(got.tables.map(\.name)).min() {
                return result(.xml, e, rule, skipped: "the XML form cannot give an empty \(table) table")
            }
            if let problem = notRun(got, rule) { return result(.xml, e, rule, problem: "through the XML form \(problem)") }
            return compare(.xml, gist(got, rule), b, rule, "through the XML form")
        } catch {
            return result(.xml, e, rule, problem: "reading it back from XML: \(error)")
        }
    }

    /// The first table of the return whose records differ after the XML route, compared in
    /// the DfE's layout (the XML form carries fields the CSV has no column for, and back).
    private func firstDifference(_ a: ValidationResult, _ b: ValidationResult) -> String? {
        func records(_ r: ValidationResult, _ table: String) -> [[String]] {
            guard let raw = r.data[table] else { return [] }
            return raw.records.map { rec in raw.spec.layoutColumns.map { rec[$0].trimmingCharacters(in: .whitespaces) } }
                .sorted { $0.lexicographicallyPrecedes($1) }
        }
        return spec.tables.map(\.name).first { records(a, $0) != records(b, $0) }
    }

    private func inputs(_ tables: [(name: String, csv: String)], _ rule: RuleSpec, _ e: RuleExample) -> [InputFile] {
        let last = ReturnDatabase.previousSuffix
        return tables.map { t in
            let name = "\(rule.code) example '\(e.name)' \(t.name)"
            if t.name == "xml" { return InputFile(name: name, data: Data(t.csv.utf8)) }
            if let (c, table) = spec.companionTable(t.name) {
                return InputFile(name: name, data: Data(t.csv.utf8), table: table.name, companion: c.returnName)
            }
            let previous = t.name.hasSuffix(last)
            return InputFile(name: name, data: Data(t.csv.utf8),
                             table: previous ? String(t.name.dropLast(last.count)) : t.name, previousYear: previous)
        }
    }

    private struct Unreadable: Error, CustomStringConvertible { var description: String }

    /// The example validated with this rule only.
    private func validate(_ files: [InputFile], _ rule: RuleSpec, _ e: RuleExample) throws -> ValidationResult {
        var validator = Validator(spec: spec, workers: 1)
        validator.period = spec.periods[rule.exampleYear] ?? spec.period
        validator.parameters = e.parameters
        do { return try validator.validate(files, only: [rule.code]) } catch {
            throw Unreadable(description: "the example's tables could not be read: \(error)")
        }
    }

    /// Why the rule did not run; nil when it did. A rule that fields name reports malformed values
    /// as they are read, even when its query cannot run, so findings of its own mean it ran.
    private func notRun(_ result: ValidationResult, _ rule: RuleSpec) -> String? {
        if let f = result.failed.first { return "the rule failed to run: \(f.reason)" }
        if let n = result.notRun.first, !result.findings.contains(where: { $0.code == rule.code }) {
            return "the rule did not run: \(n.reason)"
        }
        return nil
    }

    /// Why the result is not what the example documents; nil when it is.
    private func documented(_ result: ValidationResult, _ e: RuleExample, _ rule: RuleSpec) -> String? {
        let found = result.findings.filter { $0.code == rule.code }
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

    private static let returnLevel = "the return"

    /// What the rule reported, by content: each finding's table, child and the record it is
    /// on (its cells in the DfE's layout), whatever the record's position.
    private func gist(_ result: ValidationResult, _ rule: RuleSpec) -> [String] {
        result.findings.filter { $0.code == rule.code }.map { f in
            "\(f.table.isEmpty ? Self.returnLevel : f.table) [\(record(f, in: result))]\(f.child.isEmpty ? "" : " child \(f.child)")"
        }.sorted()
    }

    private func record(_ f: Finding, in result: ValidationResult) -> String {
        guard let row = f.row else { return "" }
        // A companion's tables are not in the result's data: its values of the rule's fields say which record.
        guard let raw = result.data[f.table],
              let i = (1...max(raw.count, 1)).first(where: { raw.count > 0 && raw.location(of: $0) == (f.file, row) }) else {
            return f.values.joined(separator: ",")
        }
        return raw.spec.layoutColumns.map { raw.records[i - 1][$0].trimmingCharacters(in: .whitespaces) }.joined(separator: ",")
    }

    private func describe(_ findings: [Finding]) -> String {
        findings.map { $0.table.isEmpty ? "a return-level finding" : "\($0.table) row \($0.row.map(String.init) ?? "-")" }
            .joined(separator: ", ")
    }

    private func describe(_ gist: [String]) -> String { gist.isEmpty ? "nothing" : gist.joined(separator: "; ") }
}
