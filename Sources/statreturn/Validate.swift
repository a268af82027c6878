import ArgumentParser
import Foundation
import StatReturnKit

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a return against the DfE's rules and write the findings.",
        discussion: """
        Give the return's files, or folders of them; each table is recognised by its header row.
        Examples:
          statreturn validate ssda903 --year 2026-27 SampleReturns/ssda903/2026-27 --out out
          statreturn validate ssda903 --year 2026-27 header.csv episodes.csv --owners owners.csv --out out
          statreturn validate ssda903 --year 2026-27 path/to/903-files --out out --format xlsx
        """)

    @OptionGroup var spec: SpecOptions

    @OptionGroup var given: InputOptions

    @OptionGroup var reports: ReportOptions

    @Option(name: .customLong("keep-db"), help: "Also write the loaded tables (typed, with each record's _row and _line) to this SQLite file, to query with any SQLite tool.")
    var keepDB: String?

    @Option(help: "Who must fix each child's record: a CSV file or Excel sheet with the columns child and team (worker optional).")
    var owners: String?

    @Flag(help: "Normalise values safely before checking (spaces, code case, 1.0, ISO or one-digit dates, known labels) and list each change in fixes.csv. Input files are not changed.")
    var fix = false

    @Flag(help: "Print the time of each phase and the ten slowest rules on stderr, for finding a slow check.")
    var timings = false

    @Option(help: "How many rules to run at once (default: one per core).")
    var workers: Int?

    func run() throws {
        let loading = Date()
        let returnSpec = try spec.load()
        let loadSeconds = Date().timeIntervalSince(loading)
        do {
            // The output place is checked before the (long) run, so a mistake costs nothing.
            let run = try given.run()
            let target = try reports.out.map { try OutputTarget(path: $0, inputs: run.paths + [owners].compactMap { $0 }) }
            let ownerMap = try owners.map { try Owners(file: InputFile.read($0)) } ?? Owners()
            progress("Reading \(run.paths.joined(separator: ", "))")
            progress("Checking \(returnSpec.rules.count) rules")
            var validator = Validator(spec: returnSpec)
            validator.fix = fix
            validator.requireTables = true
            if let keepDB {
                _ = try OutputTarget(path: keepDB, inputs: run.paths + [owners].compactMap { $0 })  // never onto an input
                validator.keepDatabase = URL(fileURLWithPath: keepDB)
            }
            // More workers than cores only adds copies of the database.
            if let workers { validator.workers = min(max(1, workers), ProcessInfo.processInfo.activeProcessorCount) }
            validator.parameters = try run.checkedParameters(for: returnSpec)
            let result = try validator.validate(run, specs: try spec.loader(), owners: ownerMap)
            print(ConsoleSummary.render(result).terminalSafe, terminator: "")
            if timings {
                note(String(format: "%8.3f s  load the spec", loadSeconds))
                for (phase, seconds) in result.phaseSeconds { note(String(format: "%8.3f s  %@", seconds, phase)) }
                note("slowest rules:")
                for (code, seconds) in result.ruleSeconds.sorted(by: { $0.value > $1.value }).prefix(10) {
                    note(String(format: "%8.3f s  %@", seconds, code))
                }
            }
            if let target {
                let written = try ReportWriter.write(result, spec: returnSpec, to: target, settings: reports.settings, fixed: fix)
                print("\nReports written to \(target.path)/: \(written.joined(separator: ", "))")
            }
            if !result.failed.isEmpty { throw ExitCode(2) }
            if result.errorCount > 0 { throw ExitCode(1) }
        } catch let e as InputError {
            throw spec.couldNotRun(e, returnSpec)
        }
    }
}
