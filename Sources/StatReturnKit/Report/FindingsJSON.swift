import Foundation

/// `findings.json`: the whole result, for other programs.
public enum FindingsJSON {
    struct Document: Encodable {
        var returnName: String
        var year: String
        var errors: Int
        var queries: Int
        var rulesRun: Int
        var summary: [RuleSummary]
        var rulesNotRun: [ValidationResult.RuleStatus]
        var wanted: [ValidationResult.Wanted]
        var fieldLabels: [String: String]
        var rulesFailed: [ValidationResult.RuleStatus]
        var tables: [ValidationResult.LoadedTable]
        var byTeam: [TeamCounts]
        var owners: OwnerMatch?
        var findings: [Finding]

        enum CodingKeys: String, CodingKey {
            case returnName = "return", year, errors, queries, rulesRun = "rules_run", summary
            case rulesNotRun = "rules_not_run", wanted, fieldLabels = "field_labels", rulesFailed = "rules_failed", tables, byTeam = "by_team", owners, findings
        }
    }

    struct TeamCounts: Encodable {
        var team: String
        var counts: FindingGroups.Counts
        var workers: [WorkerCounts]
    }
    struct WorkerCounts: Encodable { var worker: String; var counts: FindingGroups.Counts }

    public static func render(_ r: ValidationResult) throws -> Data {
        let doc = Document(returnName: r.returnName, year: r.year, errors: r.errorCount, queries: r.queryCount,
                           rulesRun: r.rulesRun, summary: RuleSummary.of(r.findings), rulesNotRun: r.notRun,
                           wanted: r.wanted, fieldLabels: r.fieldLabels,
                           rulesFailed: r.failed, tables: r.tables,
                           byTeam: FindingGroups(r.findings).teams.map { t in
                               TeamCounts(team: t.name, counts: t.counts, workers: t.workers.map { WorkerCounts(worker: $0.name, counts: $0.counts) })
                           },
                           owners: r.owners, findings: r.findings)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(doc)
    }
}
