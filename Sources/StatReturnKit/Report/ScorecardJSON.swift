import Foundation

/// `scorecard.json`: the figures and the children behind them, for other programs. Dates are ISO.
enum ScorecardJSON {
    struct Document: Encodable {
        var scorecard: String
        var year: String
        var end: String
        var source: String
        var covered: [String]
        var missing: [String]
        var coverage: String
        var history: [String]
        var notes: [String]
        var measures: [Measure]
    }

    struct Measure: Encodable {
        var name: String
        var label: String
        var unit: ScorecardSpec.Measure.Unit
        var figure: Double?
        var threshold: Double?
        var better: ScorecardSpec.Measure.Better?
        var status: String
        var counted: Int
        var notCounted: Int
        var byYear: [Year]
        var definition: String
        var thresholdSource: String?
        var children: [[String: Value]]

        enum CodingKeys: String, CodingKey {
            case name, label, unit, figure, threshold, better, status, counted, notCounted = "not_counted", byYear = "by_year"
            case definition, thresholdSource = "threshold_source", children
        }
    }

    struct Year: Encodable { var year: String; var figure: Double?; var counted: Int }

    enum Value: Encodable {
        case text(String), number(Double), null
        func encode(to encoder: Encoder) throws {
            var c = encoder.singleValueContainer()
            switch self {
            case .text(let s): try c.encode(s)
            case .number(let n): try c.encode(n)
            case .null: try c.encodeNil()
            }
        }
    }

    static func render(_ r: ScorecardResult) throws -> Data {
        let doc = Document(scorecard: r.spec.name, year: r.spec.year, end: r.end.iso, source: r.source, covered: r.covered, missing: r.missing,
                           coverage: r.coverage, history: r.history, notes: r.notes, measures: r.measures.map { m in
            Measure(name: m.measure.name, label: m.measure.label, unit: m.measure.unit, figure: m.figure, threshold: m.measure.threshold,
                    better: m.measure.better, status: m.status.rawValue, counted: m.counted, notCounted: m.notCounted,
                    byYear: m.byYear.map { Year(year: $0.year, figure: $0.figure, counted: $0.counted) },
                    definition: m.measure.source, thresholdSource: m.measure.thresholdSource,
                    children: m.rows.map { row in
                        var out = Dictionary(zip(m.columns.map(\.name), row.cells.map(value)), uniquingKeysWith: { a, _ in a })
                        out[MeasureResult.reasonColumn] = row.notCounted.map(Value.text) ?? .null
                        return out
                    })
        })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(doc)
    }

    private static func value(_ cell: Workbook.Cell) -> Value {
        switch cell {
        case .empty: return .null
        case .text(let s): return .text(s)
        case .date(let d): return .text(d.iso)
        case .number(let n): return .number(n)
        }
    }
}
