import Foundation

/// The older options (`--previous DIR`, `--providers FILE`, `--la CODE`, ...) that the specs
/// declare as aliases of their inputs and parameters, turned into `--input NAME=PATH` and
/// `--param NAME=VALUE` before the command line is parsed: the program knows no such option
/// itself, so a return that adds one adds it in its spec.
public enum OptionAliases {
    struct Alias { var form: String; var name: String; var many: Bool }

    /// Every alias any year of any return declares (read leniently: the full load checks the files).
    static func declared(in specs: URL) -> [String: Alias] {
        var found: [String: Alias] = [:]
        for head in ReturnHeads.of(specs).years {
            for i in head.inputs { if let alias = i.alias { found[alias] = Alias(form: "--input", name: i.name, many: i.many) } }
            for p in head.parameters { if let alias = p.alias { found[alias] = Alias(form: "--param", name: p.name, many: false) } }
        }
        return found
    }

    /// The commands returns declare for themselves (`command: annex-a` makes `statreturn annex-a
    /// ...` the export of that return's latest year), to the return.
    static func commands(in specs: URL) -> [String: (returnName: String, year: String)] {
        var found: [String: (returnName: String, year: String)] = [:]
        // In order, so the latest year wins.
        for head in ReturnHeads.of(specs).years {
            if let command = head.command { found[command] = (head.returnName, head.year) }
        }
        return found
    }

    public static func rewrite(_ args: [String], specs: URL) -> [String] {
        var args = args
        if let first = args.first, let made = commands(in: specs)[first] {
            args = ["export", made.returnName] + (args.contains("--year") ? [] : ["--year", made.year]) + args.dropFirst()
        }
        let aliases = declared(in: specs)
        guard !aliases.isEmpty else { return args }
        var out: [String] = [], i = 0
        while i < args.count {
            let arg = args[i]
            let (option, inline) = arg.firstIndex(of: "=").map { (String(arg[..<$0]), String(arg[arg.index(after: $0)...])) } ?? (arg, nil)
            guard let alias = aliases[option] else { out.append(arg); i += 1; continue }
            i += 1
            var values: [String] = inline.map { [$0] } ?? []
            // A return's files may be many (`--previous a.csv b.csv`), up to the next option; a list or a value is one.
            while inline == nil, i < args.count, !args[i].hasPrefix("-"), alias.many || values.isEmpty {
                values.append(args[i]); i += 1
            }
            if values.isEmpty { values = [""] }  // reported as given no value
            for v in values { out += [alias.form, "\(alias.name)=\(v)"] }
        }
        return out
    }
}
