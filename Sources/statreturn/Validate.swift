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
        """)

    @OptionGroup var spec: SpecOptions

    @Argument(help: "Return files, or folders of them.")
    var inputs: [String]

    @Option(help: "Write findings.csv, findings.json and report.html to this folder.")
    var out: String?

    @Option(help: "CSV of child,team,worker: who must fix each child's record.")
    var owners: String?

    @Option(parsing: .upToNextOption,
            help: "Last year's return (files or folders), for the rules that compare with it.")
    var previous: [String] = []

    @Option(help: "SSDA903: Ofsted's providers as a CSV (URN,PLACE_CODES,PROVIDER_CODES,REG_DATE,REG_END,POSTCODE,LA_CODE), for the URN rules.")
    var providers: String?

    @Option(help: "SSDA903: a postcode directory as a CSV (POSTCODE,LA_CODE,EASTING,NORTHING), for the placement distance and location rules.")
    var postcodes: String?

    @Option(help: "The council's own local authority code (as used in the providers and postcodes files), for the rules that compare with it.")
    var la: String?

    @Option(name: .customLong("with-ssda903"), parsing: .upToNextOption,
            help: "With the CIN census: the same year's SSDA903 (files or folders), for the checks across the two returns.")
    var withSSDA903: [String] = []

    @Flag(help: "Normalise values safely before checking (spaces, code case, 1.0, ISO or one-digit dates, known labels) and list each change in fixes.csv. Input files are not changed.")
    var fix = false

    @Flag(help: "Print the time of each phase and the ten slowest rules on stderr, for finding a slow check.")
    var timings = false

    @Option(help: "How many rules to run at once (default: one per core).")
    var workers: Int?

    func validate() throws {
        if inputs.isEmpty { throw ValidationError("give at least one file or folder to validate") }
    }

    func run() throws {
        let returnSpec = try spec.load()
        do {
            let ownerMap = try owners.map { path -> Owners in
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw InputError(file: path, problem: "the file cannot be read")
                }
                return try Owners(csv: CSVReader(data: data), file: path)
            } ?? Owners()
            progress("Reading \(inputs.joined(separator: ", "))")
            let files = try InputFile.collect(paths: inputs) + InputFile.collect(paths: previous, previousYear: true)
                + InputFile.collect(paths: withSSDA903, companion: "ssda903")
                + InputFile.collect(paths: [providers, postcodes].compactMap { $0 })
            progress("Checking \(returnSpec.rules.count) rules")
            var validator = Validator(spec: returnSpec)
            validator.fix = fix
            if let workers { validator.workers = max(1, workers) }
            if let la { validator.parameters["la_code"] = la }
            let result = try validator.validate(files, owners: ownerMap)
            print(ConsoleSummary.render(result), terminator: "")
            if timings {
                for (phase, seconds) in result.phaseSeconds { note(String(format: "%8.3f s  %@", seconds, phase)) }
                note("slowest rules:")
                for (code, seconds) in result.ruleSeconds.sorted(by: { $0.value > $1.value }).prefix(10) {
                    note(String(format: "%8.3f s  %@", seconds, code))
                }
            }
            if let out {
                try ReportWriter.write(result, to: URL(fileURLWithPath: out), fixed: fix)
                print("\nReports written to \(out)/: findings.csv, findings.json, report.html\(fix ? ", fixes.csv" : "")")
            }
            if !result.failed.isEmpty { throw ExitCode(2) }
            if result.errorCount > 0 { throw ExitCode(1) }
        } catch let e as InputError {
            throw CouldNotRun(description: e.description)
        }
    }
}
