import ArgumentParser
import Foundation
import StatReturnKit

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Make a synthetic council's return, for trying StatReturn out and for benchmarks.",
        discussion: """
        The same seed always gives the same council. The tables are written to
        <out>/<return>-<year>/ and the errors put in with --error-rate to <out>/injected.csv.
        Example:
          statreturn generate ssda903 --year 2026-27 --children 10000 --seed 1 --error-rate 0.02 --out council
          statreturn validate ssda903 --year 2026-27 council/ssda903-2026-27
          statreturn generate ssd --year 2026-27 --children 1000 --out council
          statreturn validate ssda903 --year 2026-27 --ssd council/ssd-1.0
          statreturn generate asglb --year 2026-27 --children 1000 --out council   # the 903's adoptions, for the same seed
          statreturn validate asglb --year 2026-27 council/asglb-2026-27 --with-ssda903 council/ssda903-2026-27
        """)

    @OptionGroup var spec: SpecOptions

    @Option(help: "How many children.")
    var children: Int

    @Option(help: "Seed for the random choices.")
    var seed: UInt64 = 1

    @Option(help: "Fraction of children given one error of a known kind (0 to 1).")
    var errorRate: Double = 0

    @Option(help: "Folder to write to.")
    var out: String

    func validate() throws {
        guard children > 0 else { throw ValidationError("--children must be at least 1") }
        guard (0...1).contains(errorRate) else { throw ValidationError("--error-rate must be between 0 and 1") }
    }

    func run() throws {
        do {
            // A dataset the year's returns are made from (the SSD) is made from their generators.
            let council = try SyntheticCouncil.dataset(spec.returnName, year: spec.year, loader: try spec.loader(), children: children, seed: seed, errorRate: errorRate)
                ?? SyntheticCouncil.generate(try spec.load(), specs: try spec.specsFolder(), children: children, seed: seed, errorRate: errorRate)
            let folder = try council.write(to: URL(fileURLWithPath: out))
            print("Wrote \(council.rows.values.map(\.count).reduce(0, +)) records for \(children) children to \(folder.path); \(council.injected.count) errors injected (\(out)/injected.csv)")
        } catch let e as SyntheticCouncil.Unsupported {
            throw CouldNotRun(description: e.description)
        }
    }
}
