import ArgumentParser
import Foundation
import StatReturnKit

/// The files a run reads, shared by every command that reads a return.
struct InputOptions: ParsableArguments {
    @Argument(help: "Return files, or folders of them.")
    var inputs: [String] = []

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

    @Option(help: "How text files are encoded: utf-8 (the default), or windows-1252 for a file Excel saved as plain \"CSV\" on Windows (each value read that way is listed in fixes.csv).")
    var encoding: Encoding = .utf8

    enum Encoding: String, ExpressibleByArgument, CaseIterable {
        case utf8 = "utf-8", windows1252 = "windows-1252"
    }

    func validate() throws {
        if inputs.isEmpty { throw ValidationError("give at least one file or folder of the return") }
    }

    /// Every path the run reads, so that no output can land on one.
    var paths: [String] { inputs + previous + withSSDA903 + [providers, postcodes].compactMap { $0 } }

    /// Reads every file given; a file given for a reference list must be that list.
    func files(for spec: ReturnSpec) throws -> [InputFile] {
        var files = try InputFile.collect(paths: inputs) + InputFile.collect(paths: previous, previousYear: true)
            + InputFile.collect(paths: withSSDA903, companion: "ssda903")
        for (option, path) in [("--providers", providers), ("--postcodes", postcodes)] {
            guard let path else { continue }
            guard let table = spec.tables.first(where: { $0.givenBy == option }) else {
                throw InputError(file: path, problem: "\(spec.title) \(spec.year) takes no \(option) list")
            }
            files += try InputFile.collect(paths: [path]).map { var f = $0; f.mustBe = table.name; return f }
        }
        if encoding == .windows1252 { files = files.map { var f = $0; f.legacyEncoding = true; return f } }
        try InputFile.refuseDuplicates(files)
        return files
    }

    var parameters: [String: String] { la.map { ["la_code": $0] } ?? [:] }
}
