import ArgumentParser
import Foundation
import StatReturnKit

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the submission files from a validated return.",
        discussion: """
        The return is validated first, with the safe normalisations of `validate --fix`.
        Nothing is written while errors remain, unless --draft is given; a draft's file
        names end in -DRAFT. Input files are never changed.
        Example:
          statreturn export ssda903 --year 2026-27 path/to/903-files --out submission
        """)

    @OptionGroup var spec: SpecOptions

    @Argument(help: "Return files, or folders of them.")
    var inputs: [String]

    @Option(help: "Folder to write the submission files to.")
    var out: String

    @Flag(help: "Write the files even though errors remain, marked as a draft.")
    var draft = false

    @Flag(help: "Also write the return in its XML form.")
    var xml = false

    func run() throws {
        let returnSpec = try spec.load()
        do {
            var validator = Validator(spec: returnSpec)
            validator.fix = true
            let result = try validator.validate(try InputFile.collect(paths: inputs))
            var names = try CSVExporter.write(result, spec: returnSpec, to: URL(fileURLWithPath: out), draft: draft)
            if xml {
                let (data, unplaced) = try XMLExporter.render(result, spec: returnSpec)
                if !unplaced.isEmpty {
                    let list = unplaced.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
                    note("statreturn: the XML form cannot hold records of children with no Header row: \(list) left out")
                    if !draft { throw ExitCode(1) }
                }
                let name = returnSpec.returnName + (draft ? "-DRAFT" : "") + ".xml"
                try data.write(to: URL(fileURLWithPath: out).appendingPathComponent(name))
                names.append(name)
            }
            print("\(result.errorCount) errors, \(result.queryCount) queries; \(result.fixes.count) values normalised")
            print("Wrote \(names.map { "\(out)/\($0)" }.joined(separator: ", "))")
        } catch let e as CSVExporter.Refused {
            note("statreturn: \(e)")
            throw ExitCode(1)
        } catch let e as InputError {
            throw CouldNotRun(description: e.description)
        }
    }
}
