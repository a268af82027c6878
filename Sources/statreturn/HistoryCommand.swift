import ArgumentParser
import Foundation
import StatReturnKit

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "List the nightly runs a history holds, or one finding's life (--key).",
        discussion: """
        Examples:
          statreturn history --config nightly.yml
          statreturn history --config nightly.yml --key "CHILD=C100001; DECOM=26/09/2026"
          statreturn history --config nightly.yml --key C100001      (every finding of a child)
        """)

    @Option(help: "The nightly.yml whose history to read.")
    var config: String

    @Option(help: "A finding's record key (as in findings.csv), its identity, or a child's ID.")
    var key: String?

    func run() throws {
        do {
            let file = try NightlyConfig(file: config).history
            guard FileManager.default.fileExists(atPath: file.path) else {
                throw CouldNotRun(description: "\(file.path): no history yet (no nightly run has been recorded)")
            }
            let history = try History(file: file)
            guard let key else {
                let runs = try history.runs()
                print("\(runs.count) run\(runs.count == 1 ? "" : "s") in \(file.path)")
                print("run  day         errors  queries")
                for r in runs { print(String(r.id).padded(5) + r.day.dmy + "  " + String(r.errors).leftPadded(6) + "  " + String(r.queries).leftPadded(7)) }
                return
            }
            let lives = try history.lives(matching: key)
            if lives.isEmpty { print("No finding with the key, identity or child '\(key)' in \(file.path)") }
            for life in lives {
                print("\(life.code) child \(life.child): \(life.record.isEmpty ? "the whole record" : life.record)")
                print("  \(life.message)")
                for s in life.sightings {
                    print("  seen \(s.day.dmy)  \(s.team.isEmpty ? FindingGroups.noTeam : s.team) / \(s.worker.isEmpty ? FindingGroups.noWorker : s.worker)")
                }
                print("  " + (life.resolved.map { "fixed by \($0.dmy)" } ?? "still open") + (life.timesReopened > 0 ? "; came back \(life.timesReopened) time\(life.timesReopened == 1 ? "" : "s")" : ""))
            }
        } catch let e as InputError {
            throw CouldNotRun(description: e.description)
        }
    }
}

