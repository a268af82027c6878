import Foundation

/// Findings counted by rule: the figures every report opens with.
public struct RuleSummary: Sendable, Codable, Equatable {
    public var code: String
    public var severity: Severity
    public var findings: Int
    public var children: Int
    public var message: String

    public static func of(_ findings: [Finding]) -> [RuleSummary] {
        Dictionary(grouping: findings, by: \.code).map { code, group in
            RuleSummary(code: code, severity: group[0].severity, findings: group.count,
                        children: Set(group.map(\.child).filter { !$0.isEmpty }).count, message: group[0].message)
        }.sorted { a, b in
            a.severity != b.severity ? a.severity < b.severity
                : a.code.localizedStandardCompare(b.code) == .orderedAscending
        }
    }
}
