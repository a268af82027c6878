import ArgumentParser
import Foundation
import StatReturnKit

struct Scorecard: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Work out a published scorecard (the adoption scorecard) from several years' returns.",
        discussion: """
        Give each year's return with its own --input, named by the return it is: the year is told
        from the latest date in it, or said after the name (ssda903-2025-26=PATH). Years before the
        scorecard's are read for children's earlier records. Given fewer of the scorecard's years
        than it covers, the figures cover the years given, and say so.
        Examples:
          statreturn scorecard adoption --year 2026-27 --input ssda903=903-2024-25 --input ssda903=903-2025-26 --input ssda903=903-2026-27 --out scorecard
          statreturn scorecard adoption --year 2026-27 --input ssda903-2025-26=old-903 --input ssda903=903-2026-27
          statreturn scorecard adoption --year 2026-27 --input asglb=asglb-q4-2026-27.xlsx --out scorecard --format xlsx
        """)

    @Argument(help: "The scorecard: adoption.")
    var name: String

    @Option(help: "The year the figures run to, to its 31 March: 2026-27, 2026/27 or 2026-2027.")
    var year: String

    @Option(help: "The Specs folder (default: $STATRETURN_SPECS, else the Specs folder beside the program or above the current folder).")
    var specs: String?

    @OptionGroup var given: InputOptions

    @OptionGroup var reports: ReportOptions

    func run() throws {
        let loader = SpecLoader(root: try SpecOptions.findSpecs(given: specs))
        do {
            let spec = try ScorecardLoader(specs: loader).load(name: name, year: year)
            let run = try given.run()
            if let file = run.files.first {
                throw CouldNotRun(description: "\(file): give each year's return with its own --input, e.g. --input \(spec.sources[0].returnName)=\(file)")
            }
            if let p = run.parameters.keys.sorted().first { throw CouldNotRun(description: "--param \(p): the scorecard takes no values") }
            let target = try reports.out.map { try OutputTarget(path: $0, inputs: run.paths) }
            progress("Reading \(run.paths.joined(separator: ", "))")
            var scorecard = ScorecardRun(spec: spec, specs: loader)
            scorecard.legacyEncoding = run.legacyEncoding
            let result = try scorecard.run(run.named)
            print(ScorecardConsole.render(result).terminalSafe, terminator: "")
            if let target {
                let files = try ScorecardFiles.files(result, settings: reports.settings)
                try target.writeFolder(files)
                print("\nWritten to \(target.path)/: \(files.map(\.name).joined(separator: ", "))")
            }
        } catch let e as SpecError {
            throw CouldNotRun(description: "spec error: \(e)")
        } catch let e as InputError {
            throw CouldNotRun(description: e.description)
        } catch let e as ScorecardFailure {
            throw CouldNotRun(description: e.description)
        }
    }
}
