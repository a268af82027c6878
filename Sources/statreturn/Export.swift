import ArgumentParser
import Foundation
import StatReturnKit

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the submission from a validated return.",
        discussion: """
        The return is validated first, with the safe normalisations of `validate --fix`.
        Nothing is written while errors remain, unless --draft is given; a draft's file
        names end in -DRAFT. XML is checked against the return's schema before it is
        written. Input files are never changed.
        Examples:
          statreturn export ssda903 --year 2026-27 path/to/903-files --out submission/
          statreturn export cin --year 2026-27 path/to/cin.xml --out cin-submission.xml --lea 999
        """)

    @OptionGroup var spec: SpecOptions

    @OptionGroup var given: InputOptions

    @Option(help: "Where to write: a folder for CSV returns; a file (or folder) for XML returns.")
    var out: String

    @Flag(help: "Write the files even though errors remain, marked as a draft.")
    var draft = false

    @Flag(help: "For CSV returns with an XML form (SSDA903): also write the XML.")
    var xml = false

    @Option(help: "Serial number of this submission, for the return's header.")
    var serial = "001"

    @Flag(help: "For a return written as a workbook (Annex A): the pooled copy regions share, with dates of birth to the 1st of the month, postcodes to their sector, workers and the lists marked so left out, and IDs with the LA code.")
    var degrade = false

    func run() throws {
        let returnSpec = try spec.load()
        do {
            // Options the header needs are checked before the (long) validation.
            let run = try given.run()
            let parameters = try run.checkedParameters(for: returnSpec)
            let header = returnSpec.submission.form == .xml || xml
                ? try HeaderValues.fill(returnSpec, parameters: parameters, serial: serial) : [:]
            let fileName = returnSpec.submission.form == .xlsx && !out.lowercased().hasSuffix(".xlsx")
                ? try HeaderValues.fileName(returnSpec, parameters: parameters) : nil
            if degrade && returnSpec.submission.form != .xlsx {
                throw InputError(file: "--degrade", problem: "is for a return written as a workbook; \(returnSpec.title) is not")
            }
            let target = try OutputTarget(path: out, inputs: run.paths)
            // The companions read for the run's year (Annex A's returns, for the inspection date).
            let returnSpec = try returnSpec.companionsFor(run: parameters, loader: try spec.loader())
            var validator = Validator(spec: returnSpec)
            validator.fix = true
            validator.requireTables = true
            validator.parameters = parameters
            let result = try validator.validate(run, specs: try spec.loader())
            print("\(result.errorCount) errors, \(result.queryCount) queries; \(result.fixes.count) values normalised")
            if !result.fixes.isEmpty {
                // Beside the submission, never in it: what was normalised, to make the same change in the case system.
                let file = (out.lowercased().hasSuffix(".xml") || out.lowercased().hasSuffix(".xlsx"))
                    ? (out as NSString).deletingPathExtension + "-fixes.csv" : (out as NSString).standardizingPath + "-fixes.csv"
                try OutputTarget(path: file, inputs: run.paths).writeFile(file, Data(("\u{FEFF}" + FixesCSV.render(result.fixes)).utf8))
                print("The values normalised are listed in \(file)")
            }
            if result.errorCount > 0 && !draft {
                let errors = result.findings.filter { $0.severity == .error }
                note("statreturn: these errors block the export\(errors.count > 20 ? " (the first 20 of \(errors.count))" : ""):")
                for f in errors.prefix(20) {
                    note("  \(f.code)  " + (f.child.isEmpty ? "" : "child \(f.child)  ") + (f.record.isEmpty ? f.table : f.record)
                         + (f.row.map { " (\(f.file) row \($0))" } ?? "") + ": " + f.message.truncated(110))
                }
                if errors.count > 20 { note("  all of them: the same command as validate, with --out DIR, writes them to findings.xlsx") }
                throw ExportRefused(errors: result.errorCount)
            }
            let missing = result.missingInputs(returnSpec)
            if !missing.isEmpty && !draft {
                note("statreturn: not written: rules that check the return against these did not run, as they were not given: "
                     + missing.joined(separator: "; ") + ". Give them, or --draft for a draft.")
                throw ExitCode(1)
            }
            var written: [String] = []
            if returnSpec.submission.form == .xlsx {
                let made = try run.madeFrom(for: returnSpec)
                let context = WorkbookExporter.Context(parameters: parameters, sources: made.flatMap(\.inputs), mappings: made.map(\.mapping),
                                                       degraded: degrade, draft: draft)
                let data = try WorkbookExporter.render(result, spec: returnSpec, context: context)
                let file = out.lowercased().hasSuffix(".xlsx")
                    ? (draft ? (out as NSString).deletingPathExtension + "-DRAFT.xlsx" : out)
                    : (out as NSString).appendingPathComponent((fileName ?? returnSpec.returnName) + (degrade ? "-pooled" : "") + (draft ? "-DRAFT" : "") + ".xlsx")
                try target.writeFile(file, data)
                written.append(file)
            }
            if returnSpec.submission.form == .csv {
                written = try CSVExporter.write(result, spec: returnSpec, to: target, draft: draft)
                    .map { "\(out)/\($0)" }
            }
            if returnSpec.submission.form == .xml || xml {
                written.append(try writeXML(result, returnSpec, header: header, to: target))
            }
            print("Wrote \(written.joined(separator: ", "))")
        } catch let e as ExportRefused {
            note("statreturn: \(e)")
            throw ExitCode(1)
        } catch let e as InputError {
            throw spec.couldNotRun(e, returnSpec)
        }
    }

    private func writeXML(_ result: ValidationResult, _ returnSpec: ReturnSpec, header: [String: [String: String]], to target: OutputTarget) throws -> String {
        let (data, unplaced) = try XMLExporter.render(result, spec: returnSpec, returnLevel: header)
        if !unplaced.isEmpty {
            let list = unplaced.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
            note("statreturn: the XML form cannot hold these records (children with no \(returnSpec.xml!.recordTable) row, or tables it has no elements for): \(list) left out")
            if !draft { throw ExitCode(1) }
        }
        if let schema = returnSpec.schemaFile {
            let problems = try SchemaCheck.problems(in: data, schema: schema)
            if !problems.isEmpty {
                note("statreturn: the XML breaks the schema \(schema.lastPathComponent) in \(problems.count) place(s):")
                for p in problems.prefix(10) { note("  \(p)") }
                if !draft { throw ExitCode(1) }
            }
        }
        let file = out.lowercased().hasSuffix(".xml")
            ? (draft ? (out as NSString).deletingPathExtension + ".DRAFT.xml" : out)
            : (out as NSString).appendingPathComponent(returnSpec.returnName + (draft ? "-DRAFT" : "") + ".xml")
        try target.writeFile(file, data)
        return file
    }
}

