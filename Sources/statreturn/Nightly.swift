import ArgumentParser
import Foundation
import StatReturnKit

struct Nightly: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the scheduled data-quality check: what is new, what persists, what was fixed, for each team and worker.",
        discussion: """
        The config names the returns to check, where each night's extract is, the history file
        and the reports folder (paths relative to the config). Each run's reports go to a dated
        folder, and latest/ points at the newest. A night whose inputs are unchanged since the
        last run is skipped (exit 0) unless --force. Exit status as for validate.

        In the morning: <out>/latest/dashboard.html shows each team's and worker's new, still
        open and fixed findings and the oldest open ones; each team has its page and its
        workbook (team-N-<name>.xlsx) to send; findings.csv has every finding with its state.
        `statreturn history --config nightly.yml` lists the runs.
        Example:
          statreturn nightly --config SampleReturns/nightly/nightly.yml
        """)

    @Option(help: "The nightly.yml file.")
    var config: String

    @Option(help: "The Specs folder (default: $STATRETURN_SPECS, else the Specs folder beside the program or above the current folder).")
    var specs: String?

    @Flag(help: "Run even though the inputs are unchanged since the last run.")
    var force = false

    func run() throws {
        let loader = SpecLoader(root: try SpecOptions.findSpecs(given: specs))
        do {
            let nightly = NightlyRun(config: try NightlyConfig(file: config), specs: loader)
            // For the test that kills a run mid-way: it waits here, inside the history's transaction.
            let hold = ProcessInfo.processInfo.environment["STATRETURN_TEST_HOLD_BEFORE_COMMIT"].flatMap(Double.init)
            switch try nightly.run(force: force, beforeCommit: { if let hold { Thread.sleep(forTimeInterval: hold) } }) {
            case .unchanged(let since):
                print("The inputs are as they were at the run of \(since): nothing to do (--force runs anyway).")
            case .ran(let folder, let entries, let failed, let errors):
                let count = { (s: History.State) in entries.filter { $0.state == s }.count }
                print("\(count(.new)) new, \(count(.reopened)) back again, \(count(.persisting)) still open, \(count(.resolved)) fixed since the last run")
                print("Reports written to \(folder.path)/ (latest/ points there): dashboard.html, findings.csv, a page and a workbook per team")
                if failed > 0 { throw ExitCode(2) }
                if errors > 0 { throw ExitCode(1) }
            }
        } catch let e as InputError {
            throw CouldNotRun(description: e.description)
        } catch let e as ReturnCatalog.Unknown {
            throw CouldNotRun(description: "\(config): \(e.description)")
        } catch let e as SpecError {
            throw CouldNotRun(description: "spec error: \(e)")
        }
    }
}
