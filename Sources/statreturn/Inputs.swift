import ArgumentParser
import Foundation
import StatReturnKit

struct Inputs: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List what a return can be checked with besides its own files, and the values its rules use.",
        discussion: """
        Each is given on validate and export as --input NAME=PATH or --param NAME=VALUE,
        or by the older option shown beside it. Rules that need one that was not given are
        listed as not run, and export will not write the submission without them (unless --draft).
        Example:
          statreturn inputs ssda903 --year 2026-27
        """)

    @OptionGroup var spec: SpecOptions

    func run() throws {
        let s = try spec.load()
        print("\(s.title) \(s.year): the return's own files, and")
        for i in s.inputs {
            let used = s.rules.filter { r in (r.tables + r.needs + r.optional).contains { s.supplier(of: $0)?.option.hasPrefix("--input \(i.name)=") ?? false } }
            if case .source = i.kind {
                print("  --input \(i.name)=SOURCE" + (i.alias.map { "  (or \($0) SOURCE)" } ?? ""))
                print("      \(i.help)")
                continue
            }
            print("  --input \(i.name)=\(i.many ? "PATH" : "FILE")" + (i.alias.map { "  (or \($0))" } ?? ""))
            print("      \(i.help) Used by \(used.count) rule\(used.count == 1 ? "" : "s").")
        }
        for p in s.parameters {
            let used = s.rules.filter { $0.needs.contains(p.name) }
            print("  --param \(p.name)=VALUE" + (p.alias.map { "  (or \($0))" } ?? ""))
            print("      \(p.help) Used by \(used.count) rule\(used.count == 1 ? "" : "s").")
        }
        if s.inputs.isEmpty && s.parameters.isEmpty { print("  nothing else") }
        switch s.periodKind {
        case .collectionYear: print("Period: collection year, \(s.period.start.dmy) to \(s.period.end.dmy).")
        case .beforeDate:
            let dates = s.parameters.filter { $0.type == .date }.map { $0.alias ?? "--param \($0.name)" }
            print("Period: windows before the date given (\(dates.joined(separator: ", "))).")
        case .quarter:
            let quarter = s.parameters.filter { $0.type == .quarter }.map { $0.alias ?? "--param \($0.name)" }
            print("Period: the collection year from \(s.period.start.dmy), up to the end of the quarter given (\(quarter.joined(separator: ", "))).")
        }
    }
}
