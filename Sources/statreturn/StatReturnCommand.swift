import ArgumentParser
import Foundation
import StatReturnKit

@main
struct StatReturnCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "statreturn",
        abstract: "Validate and produce children's services statutory returns, locally.",
        discussion: "Exit status: 0 no errors (queries allowed), 1 errors found, 2 could not run.",
        subcommands: [Validate.self, Export.self, Scorecard.self, Nightly.self, HistoryCommand.self, Inputs.self, Rules.self, Schema.self, Generate.self])

    /// Maps every failure to the documented exit codes: a usage mistake is "could not run" (2), not 64.
    static func main() {
        do {
            let given = Array(CommandLine.arguments.dropFirst())
            let specs = try? SpecOptions.findSpecs(given: given.firstIndex(of: "--specs").flatMap { given.indices.contains($0 + 1) ? given[$0 + 1] : nil })
            var command = try parseAsRoot(specs.map { OptionAliases.rewrite(given, specs: $0) } ?? given)
            try command.run()
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch let reason as CouldNotRun {
            note("statreturn: \(reason)")
            Foundation.exit(2)
        } catch {
            let status = exitCode(for: error)
            if status == .success {
                print(fullMessage(for: error))  // --help, --version
                Foundation.exit(0)
            }
            // One line, as for every other reason a run cannot start; --help has the rest.
            let first = fullMessage(for: error).split(whereSeparator: \.isNewline).first.map(String.init) ?? "\(error)"
            note("statreturn: " + (first.hasPrefix("Error: ") ? String(first.dropFirst(7)) : first) + " (see --help)")
            Foundation.exit(2)
        }
    }
}

/// Prints a line on stderr.
func note(_ s: String) { FileHandle.standardError.write(Data((s.terminalSafe + "\n").utf8)) }

/// Progress for long runs, only when someone is watching.
func progress(_ s: String) { if isatty(2) != 0 { note(s) } }

/// Ends the run with exit 2 and a one-line reason.
struct CouldNotRun: Error, CustomStringConvertible {
    let description: String
}
