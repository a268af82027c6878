/// A scorecard of published measures (`Specs/scorecards/<name>/<year>/scorecard.yml`): each
/// measure a figure over the children of several collection years, worked out by SQL over a
/// cohort table that each source return gives in the same shape. Nothing of any measure is in
/// Swift: a measure's SQL gives one row per child with its value, and the figure is the
/// measure's `aggregate` of the values counted.
public struct ScorecardSpec: Sendable {
    public var name: String
    /// The year the figures run to (31 March of its second calendar year).
    public var year: String
    /// The year folder the definitions were read from (the latest at or before `year`).
    public var definitionsYear: String
    public var title: String
    /// How many collection years, to `year`, the figures cover.
    public var years: Int
    public var cohort: Cohort
    public var sources: [Source]
    public var measures: [Measure]
    /// The file read, for messages.
    public var file: String

    /// The collection years the figures cover, oldest first.
    public var window: [String] {
        guard let last = CollectionYear.first(of: year) else { return [year] }
        return (0..<years).reversed().map { CollectionYear.name(first: last - $0) }
    }

    public func source(_ returnName: String) -> Source? { sources.first { $0.returnName == returnName } }

    public struct Cohort: Decodable, Sendable {
        public var name: String
        public var description: String
        public var columns: [Column]
    }

    public struct Column: Decodable, Sendable {
        public enum Kind: String, Decodable, Sendable { case text, date, integer }
        public var name: String
        public var label: String
        public var type: Kind?

        var sqlType: String { type == .integer ? "INTEGER" : "TEXT" }
    }

    /// A return the cohort can be made from: its tables as read from each year given (each row
    /// with the `_year` it came from) and `_years` (the scorecard's years given: `year`,
    /// `start`, `end`) go in, the cohort comes out.
    public struct Source: Decodable, Sendable {
        public var returnName: String
        public var note: String?
        public var tables: [String]
        /// A query giving one date (ISO): the collection year it falls in is the return's year.
        public var recogniseYear: String
        public var sql: String
        public var examples: [Example]

        enum CodingKeys: String, CodingKey {
            case returnName = "return", note, tables, recogniseYear = "recognise_year", sql, examples
        }
    }

    public struct Measure: Decodable, Sendable {
        public enum Unit: String, Codable, Sendable { case days, percent }
        /// `mean`: the average of the values counted; `percent`: the share of the children
        /// counted whose value is true (not 0), as a percentage.
        public enum Aggregate: String, Decodable, Sendable { case mean, percent }
        public enum Better: String, Codable, Sendable { case lower, higher }

        public var name: String
        public var label: String
        /// Whether the definition is confirmed (and where) or inferred (and why).
        public var source: String
        public var unit: Unit
        public var aggregate: Aggregate
        public var threshold: Double?
        public var better: Better?
        public var thresholdSource: String?
        /// Labels of the columns the SQL gives that are not the cohort's (and of `value`).
        public var labels: [String: String]?
        /// One row per child: `child`, `year`, `value`, optionally `not_counted` (why the child
        /// is listed but not counted), and any columns to show beside them, in the order listed.
        public var sql: String
        public var examples: [Example]

        enum CodingKeys: String, CodingKey {
            case name, label, source, unit, aggregate, threshold, better, thresholdSource = "threshold_source", labels, sql, examples
        }
    }

    /// Tables as CSV text, by name, and what they must give: for a measure, the cohort's rows
    /// in and the figure (and how many children are counted and not) out; for a source, the
    /// source's tables (with a `_year` column) in and the cohort's rows out.
    public struct Example: Decodable, Sendable {
        public var name: String
        public var tables: [(name: String, csv: String)]
        public var figure: Double?
        public var counted: Int?
        public var notCounted: Int?

        static let reserved = ["name", "figure", "counted", "not_counted"]

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: AnyKey.self)
            name = try c.decode(String.self, forKey: AnyKey(stringValue: "name"))
            figure = try c.decodeIfPresent(Double.self, forKey: AnyKey(stringValue: "figure"))
            counted = try c.decodeIfPresent(Int.self, forKey: AnyKey(stringValue: "counted"))
            notCounted = try c.decodeIfPresent(Int.self, forKey: AnyKey(stringValue: "not_counted"))
            tables = try c.allKeys.filter { !Self.reserved.contains($0.stringValue) }.map { key in
                guard let csv = try? c.decode(String.self, forKey: key) else {
                    let hint = closest(to: key.stringValue, in: Self.reserved).map { " (did you mean '\($0)'?)" } ?? ""
                    throw DecodingError.dataCorrupted(.init(codingPath: c.codingPath,
                        debugDescription: "unknown key '\(key.stringValue)'\(hint): a table's rows are CSV text"))
                }
                return (key.stringValue, csv)
            }
        }
    }
}

/// `scorecard.yml` as written.
struct ScorecardFile: Decodable {
    var scorecard: String
    var year: String
    var title: String
    var years: Int
    var cohort: ScorecardSpec.Cohort
    var sources: [ScorecardSpec.Source]
    var measures: [ScorecardSpec.Measure]
}
