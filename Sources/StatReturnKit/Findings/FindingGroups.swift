/// The findings grouped as the people who fix them work: team, then worker, then child, with
/// counts at each level. Every report that groups findings (the HTML page, the JSON, later the
/// Excel workbook and the nightly pages) shows this one grouping rather than making its own.
public struct FindingGroups: Sendable {
    public struct Counts: Sendable, Codable, Equatable {
        public var errors = 0, queries = 0, children = 0
        init(_ findings: [Finding]) {
            errors = findings.filter { $0.severity == .error }.count
            queries = findings.count - errors
            children = Set(findings.map(\.child).filter { !$0.isEmpty }).count
        }
    }
    public struct Child: Sendable { public var child: String; public var findings: [Finding] }
    public struct Worker: Sendable { public var name: String; public var counts: Counts; public var children: [Child] }
    public struct Team: Sendable { public var name: String; public var counts: Counts; public var workers: [Worker] }

    public static let wholeReturn = "Whole return", noTeam = "No team given", noWorker = "No worker given"

    public let teams: [Team]

    public init(_ findings: [Finding]) {
        let byTeam = Dictionary(grouping: findings, by: Self.team)
        teams = byTeam.keys.sorted(by: Self.order).map { team in
            let byWorker = Dictionary(grouping: byTeam[team]!, by: Self.worker)
            let workers = byWorker.keys.sorted(by: Self.order).map { worker in
                let byChild = Dictionary(grouping: byWorker[worker]!, by: \.child)
                return Worker(name: worker, counts: Counts(byWorker[worker]!),
                              children: byChild.keys.sorted().map { Child(child: $0, findings: byChild[$0]!) })
            }
            return Team(name: team, counts: Counts(byTeam[team]!), workers: workers)
        }
    }

    /// The team a finding is grouped under, so a list of findings can name the same groups.
    public static func team(_ f: Finding) -> String {
        f.row == nil && f.child.isEmpty ? wholeReturn : (f.team.isEmpty ? noTeam : f.team)
    }
    public static func worker(_ f: Finding) -> String { f.worker.isEmpty ? noWorker : f.worker }

    /// Named groups alphabetically, the catch-all groups last.
    static func order(_ a: String, _ b: String) -> Bool {
        let last: Set = [noTeam, noWorker, wholeReturn]
        if last.contains(a) != last.contains(b) { return !last.contains(a) }
        return a < b
    }
}
