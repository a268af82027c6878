import Foundation

/// Everything a validation run found and did, for the reports to show.
public struct ValidationResult: Sendable {
    public struct RuleStatus: Sendable, Equatable, Codable {
        public var code: String
        public var reason: String
        /// The tables and values it needed that were not given.
        public var needs: [String] = []
    }
    public struct LoadedTable: Sendable, Codable {
        public var name: String
        public var files: [String]
        public var rows: Int
    }

    /// One thing not given (a table, a list, a value) and the rules that wanted it.
    public struct Wanted: Sendable, Codable, Equatable {
        public var what: String
        /// The option that gives it; nil for a table of the return itself.
        public var option: String?
        public var rules: [String]

        /// Most rules first, then by name.
        static func mostWanted(_ a: Wanted, _ b: Wanted) -> Bool { (a.rules.count, b.what) > (b.rules.count, a.what) }
    }

    public var returnName: String
    /// When the run began, for the reports' foot.
    public var startedAt = Date()
    public var year: String
    public var title: String
    public var findings: [Finding]
    /// The label of each field of the return, for views that name fields in words.
    public var fieldLabels: [String: String] = [:]
    /// Rules that did not run because an input they need was not given.
    public var notRun: [RuleStatus]
    /// How the children with findings matched the owners list, when one was given.
    public var owners: OwnerMatch?
    /// Errors on values `--fix` would have made readable, when it was not given.
    public var fixableErrors = 0
    /// What the rules not run wanted, most wanted first: the short answer to "what should I give it?".
    public var wanted: [Wanted] = []
    /// Rules that failed to run: an error of the tool or the spec, never a pass.
    public var failed: [RuleStatus]
    public var rulesRun: Int
    public var tables: [LoadedTable]
    public var warnings: [String]
    /// Changes `--fix` made before the rules ran.
    public var fixes: [Fix]
    /// Seconds each SQL rule took, and each phase of the run, for `--timings` and the benchmark.
    public var ruleSeconds: [String: Double]
    public var phaseSeconds: [(phase: String, seconds: Double)] = []
    /// The records as read (after `--fix`), by table, for exporters.
    public var data: [String: RawTable]

    /// The declared inputs and parameters (as the options that give them) that would have let
    /// rules run which did not: an export is not complete without them.
    public func missingInputs(_ spec: ReturnSpec) -> [String] {
        Array(Set(notRun.flatMap(\.needs).compactMap { spec.supplier(of: $0)?.option })).sorted()
    }

    public var errorCount: Int { findings.filter { $0.severity == .error }.count }
    public var queryCount: Int { findings.filter { $0.severity == .query }.count }
}
