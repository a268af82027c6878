public enum Severity: String, Codable, Sendable, Comparable {
    case error, query

    public static func < (a: Severity, b: Severity) -> Bool { a == .error && b == .query }
}

/// How a rule is checked: by ingest, from the fields that name it, or by a SQL query.
public enum RuleCheck: Codable, Sendable, Equatable {
    /// Raised while values are parsed, by every field whose `missing` or `invalid` names the rule.
    case field
    /// A `SELECT` returning one row per offending record (see Engine/RuleRunner.swift for its columns).
    /// Fields may name such a rule too, when the DfE's rule also covers a missing or malformed value.
    case sql(String)
    /// Raised while an XML file is read against the return's schema (elements missing,
    /// unexpected or out of order).
    case schema
}

/// One official rule: what it checks, how, and examples that document and test it.
public struct RuleSpec: Codable, Sendable, Equatable {
    public var code: String
    public var severity: Severity
    public var tables: [String]
    public var fields: [String]
    public var message: String
    public var check: RuleCheck
    /// Why our check differs from the public validator, or what is uncertain about it.
    public var note: String?
    /// What must have been given for the rule to run besides its tables: other tables, or an
    /// optional parameter (e.g. `la_code`, from `--la`).
    public var needs: [String]
    /// Tables the rule reads when they were given and does without (as empty) when not.
    public var optional: [String] = []
    /// For a rule whose SQL also gives `_fix`, the value to put instead (NULL where none is safe):
    /// what that change is, in fixes.csv. `--fix` makes the changes before the rules run, as it
    /// does the normalisations of single values, so a value mended from its neighbours (an ID's
    /// leading zeros, from the same ID elsewhere in the workbook) is checked as mended.
    public var fix: String? = nil
    public var examples: [RuleExample]
    /// The spec file the rule was read from, for messages.
    public var source: String
    /// The collection year the rule's examples were written for.
    public var exampleYear: String
}

/// A small set of input tables on which a rule must (or must not) report.
public struct RuleExample: Codable, Sendable, Equatable {
    public enum Outcome: String, Codable, Sendable { case pass, fail }
    public var outcome: Outcome
    public var name: String
    /// Table name to CSV text (header row plus records; columns not given are blank), or
    /// `xml` to a whole XML document of the return.
    public var tables: [(name: String, csv: String)]
    /// For failing examples: the rows (data record numbers) the rule must report, if stated.
    public var rows: [Int]?
    /// The table those rows belong to; the rule's first table when not stated.
    public var rowsTable: String?
    /// Optional parameters the example runs with (e.g. `la_code`).
    public var parameters: [String: String] = [:]

    // Tuples are neither Codable nor Equatable: the tables are kept as [name, csv] pairs in the spec cache.
    enum CodingKeys: String, CodingKey { case outcome, name, tables, rows, rowsTable, parameters }

    public init(outcome: Outcome, name: String, tables: [(name: String, csv: String)], rows: [Int]?, rowsTable: String?,
                parameters: [String: String] = [:]) {
        (self.outcome, self.name, self.tables, self.rows, self.rowsTable, self.parameters) = (outcome, name, tables, rows, rowsTable, parameters)
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        outcome = try c.decode(Outcome.self, forKey: .outcome)
        name = try c.decode(String.self, forKey: .name)
        tables = try c.decode([[String]].self, forKey: .tables).map { (name: $0[0], csv: $0[1]) }
        rows = try c.decodeIfPresent([Int].self, forKey: .rows)
        rowsTable = try c.decodeIfPresent(String.self, forKey: .rowsTable)
        parameters = try c.decode([String: String].self, forKey: .parameters)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(outcome, forKey: .outcome)
        try c.encode(name, forKey: .name)
        try c.encode(tables.map { [$0.name, $0.csv] }, forKey: .tables)
        try c.encodeIfPresent(rows, forKey: .rows)
        try c.encodeIfPresent(rowsTable, forKey: .rowsTable)
        try c.encode(parameters, forKey: .parameters)
    }

    public static func == (a: RuleExample, b: RuleExample) -> Bool {
        a.outcome == b.outcome && a.name == b.name && a.tables.map { [$0.name, $0.csv] } == b.tables.map { [$0.name, $0.csv] }
            && a.rows == b.rows && a.rowsTable == b.rowsTable && a.parameters == b.parameters
    }
}
