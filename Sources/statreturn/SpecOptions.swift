import ArgumentParser
import Foundation
import StatReturnKit

/// Which return and year, and where the specs are.
struct SpecOptions: ParsableArguments {
    @Argument(help: "The return: ssda903 (or 903, CLA, LAC) or cin, in any case.")
    var returnName: String

    @Option(help: "Collection year: 2026-27, 2026/27 or 2026-2027; for the CIN census also its census year (2026 for 2025-26).")
    var year: String

    @Option(help: "The Specs folder (default: $STATRETURN_SPECS, else the Specs folder beside the program or above the current folder).")
    var specs: String?

    func loader() throws -> SpecLoader { SpecLoader(root: try specsFolder()) }

    func load() throws -> ReturnSpec {
        let loader = try loader()
        do {
            let (name, collectionYear) = try ReturnCatalog(loader).resolve(returnName: returnName, year: year)
            return try loader.load(returnName: name, year: collectionYear)
        } catch let e as SpecError {
            throw CouldNotRun(description: "spec error: \(e)")
        } catch let e as ReturnCatalog.Unknown {
            throw CouldNotRun(description: e.description)
        }
    }

    func specsFolder() throws -> URL { try Self.findSpecs(given: specs) }

    /// An input error as the user reads it: where a file this return cannot read looks like
    /// another return, it says which, and the command that reads it.
    func couldNotRun(_ e: InputError, _ spec: ReturnSpec) -> CouldNotRun {
        let unrecognised = e.problem.hasPrefix("header row matches none") || e.problem.hasPrefix("the root element is")
        if unrecognised, let root = try? specsFolder(),
           let other = ReturnGuess.otherReturn(for: e.file, not: spec.returnName, specs: root) {
            return CouldNotRun(description: "\(e): it looks like the \(other), not the \(spec.title); check the return named on the command line")
        }
        return CouldNotRun(description: e.description)
    }

    static func findSpecs(given specs: String?) throws -> URL {
        let fm = FileManager.default
        func isSpecs(_ url: URL) -> Bool { fm.fileExists(atPath: url.appendingPathComponent("codelists.yml").path) }
        if let given = specs ?? ProcessInfo.processInfo.environment["STATRETURN_SPECS"] {
            let url = URL(fileURLWithPath: given)
            guard isSpecs(url) else { throw CouldNotRun(description: "\(given): not a Specs folder (no codelists.yml)") }
            return url
        }
        let program = (Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0]))
            .standardizedFileURL.resolvingSymlinksInPath()
        let starts = [program.deletingLastPathComponent(), URL(fileURLWithPath: fm.currentDirectoryPath)]
        for start in starts {
            var dir = start
            for _ in 0..<8 {
                for candidate in [dir.appendingPathComponent("Specs"), dir.appendingPathComponent("share/statreturn/Specs")]
                where isSpecs(candidate) { return candidate }
                dir.deleteLastPathComponent()
            }
        }
        throw CouldNotRun(description: "cannot find the Specs folder; give --specs DIR or set STATRETURN_SPECS")
    }
}
