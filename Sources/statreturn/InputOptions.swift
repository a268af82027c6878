import ArgumentParser
import Foundation
import StatReturnKit

/// The files and values a run reads, shared by every command that reads a return.
struct InputOptions: ParsableArguments {
    @Argument(help: "Return files, or folders of them.")
    var inputs: [String] = []

    @Option(name: .customLong("input"),
            help: "NAME=PATH: something else the return is checked with (last year's return, a companion return, a reference list). `statreturn inputs RETURN --year Y` lists them and their older option names (e.g. --previous, --providers).")
    var named: [String] = []

    @Option(name: .customLong("param"),
            help: "NAME=VALUE: a value the return's rules use (e.g. la_code, the council's LA code; older form --la). `statreturn inputs` lists them.")
    var parameters: [String] = []

    @Option(help: "How text files are encoded: utf-8 (the default), or windows-1252 for a file Excel saved as plain \"CSV\" on Windows (each value read that way is listed in fixes.csv).")
    var encoding: Encoding = .utf8

    enum Encoding: String, ExpressibleByArgument, CaseIterable {
        case utf8 = "utf-8", windows1252 = "windows-1252"
    }

    func validate() throws {
        if inputs.isEmpty && named.isEmpty { throw ValidationError("give at least one file or folder of the return") }
    }

    func run() throws -> RunInputs {
        var values: [String: String] = [:]
        for p in parameters {
            let (name, value) = try RunInputs.pair(p, option: "--param")
            if values.updateValue(value, forKey: name) != nil { throw InputError(file: "--param \(name)", problem: "given twice") }
        }
        return RunInputs(files: inputs, named: try named.map { let p = try RunInputs.pair($0, option: "--input"); return (p.name, p.value) },
                         parameters: values, legacyEncoding: encoding == .windows1252)
    }
}
