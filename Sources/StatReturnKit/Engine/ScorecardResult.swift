import Foundation

/// A scorecard worked out: what was read, which of its years that covers, and each measure's
/// figure with the children behind it. Every report of it (console, CSV, workbook, page, JSON)
/// is a view of this.
public struct ScorecardResult: Sendable {
    public var spec: ScorecardSpec
    /// The return the cohort was made from (`ssda903`).
    public var source: String
    /// The scorecard's years given, oldest first.
    public var covered: [String]
    /// Earlier years given, read for children's earlier records only.
    public var history: [String]
    public var returns: [ReturnRead]
    public var notes: [String]
    public var measures: [MeasureResult]
    /// The last day the figures run to (31 March of the scorecard's year).
    public var end: SimpleDate
    public var startedAt = Date()

    /// One year's return as read.
    public struct ReturnRead: Sendable {
        public var year: String
        public var path: String
        /// The year of the spec it was read with (the nearest there is when the year has none).
        public var specYear: String
        /// How the year was known: said on the command line, or the latest date in it.
        public var yearFrom: String
    }

    /// The scorecard's years not given.
    public var missing: [String] { spec.window.filter { !covered.contains($0) } }

    /// Which years the figures cover, in words; said plainly when not all the scorecard's years.
    public var coverage: String {
        let all = spec.window
        let span = all.count == 1 ? all[0] : "\(all.first!) to \(all.last!)"
        if missing.isEmpty { return "the \(Self.count(all.count)) year\(all.count == 1 ? "" : "s") \(span)" }
        return "\(Self.list(covered)) only, \(covered.count) of the scorecard's \(all.count) years (\(span)): "
            + "\(Self.list(missing)) \(missing.count == 1 ? "was" : "were") not given, so these are not the published \(Self.count(all.count))-year figures"
    }

    static func list(_ items: [String]) -> String {
        items.count <= 1 ? items.joined() : items.dropLast().joined(separator: ", ") + " and " + items.last!
    }

    private static func count(_ n: Int) -> String {
        let words = ["no", "one", "two", "three", "four", "five", "six"]
        return words.indices.contains(n) ? words[n] : "\(n)"
    }
}

/// A measure's figure over the children counted, and every child listed, counted or not.
public struct MeasureResult: Sendable {
    public enum Status: String, Sendable {
        case met = "meets the threshold"
        case missed = "does not meet the threshold"
        case noThreshold = "no published threshold"
        case noChildren = "no child counted"
    }

    public struct Column: Sendable {
        public var name: String
        public var label: String
    }

    public struct ChildRow: Sendable {
        public var child: String
        public var year: String
        /// Nil when the child is counted; else why not.
        public var notCounted: String?
        /// The measure's columns, in `columns` order.
        public var cells: [Workbook.Cell]
    }

    public struct YearFigure: Sendable {
        public var year: String
        public var figure: Double?
        public var counted: Int
    }

    public var measure: ScorecardSpec.Measure
    /// Rounded to a whole day or percent, as the DfE publishes them; nil when no child is counted.
    public var figure: Double?
    public var counted: Int
    public var notCounted: Int
    public var byYear: [YearFigure]
    public var status: Status
    /// The columns of the child rows (the measure's SQL's, `not_counted` apart).
    public var columns: [Column]
    /// In the order the measure's SQL gives them (the longest waits first).
    public var rows: [ChildRow]

    /// The column of a measure's SQL saying why a child is listed but not counted.
    static let reasonColumn = "not_counted"

    /// The figure as the console and the reports say it: `412 days`, `67%`.
    public var shown: String { figure.map { MeasureResult.shown($0, measure.unit) } ?? "-" }

    static func shown(_ value: Double, _ unit: ScorecardSpec.Measure.Unit) -> String {
        let whole = String(format: "%.0f", value)
        return unit == .percent ? "\(whole)%" : "\(whole) day\(whole == "1" ? "" : "s")"
    }

    public var thresholdShown: String? { measure.threshold.map { MeasureResult.shown($0, measure.unit) } }
}
