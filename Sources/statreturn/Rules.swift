import ArgumentParser
import Foundation
import StatReturnKit

struct Rules: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List a return's rules, explain one, or run their examples.",
        discussion: """
        Examples:
          statreturn rules ssda903 --year 2026-27
          statreturn rules ssda903 --year 2026-27 --format tsv > rules.tsv
          statreturn rules ssda903 --year 2026-27 --explain 501
          statreturn rules ssda903 --year 2026-27 --check-examples
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, tsv }

    @OptionGroup var spec: SpecOptions

    @Option(help: "Output format of the listing: text or tsv.")
    var format: Format = .text

    @Option(help: "Print one rule in full: its check and its examples.")
    var explain: String?

    @Flag(help: "Run every rule's examples and report any that do not behave as documented.")
    var checkExamples = false

    func run() throws {
        let returnSpec = try spec.load()
        if let code = explain {
            guard let rule = returnSpec.rule(code) else {
                throw CouldNotRun(description: "\(returnSpec.returnName) \(returnSpec.year) has no rule \(code)")
            }
            print(RulesListing.explain(rule, in: returnSpec), terminator: "")
        } else if checkExamples {
            let results = ExampleRunner(spec: returnSpec).runAll()
            let bad = results.filter { $0.problem != nil }
            for r in bad { print("\(r.code) \(r.outcome.rawValue) example '\(r.example)' \(r.variant.rawValue): \(r.problem!)") }
            for variant in ExampleRunner.Variant.allCases {
                let of = results.filter { $0.variant == variant }
                let skipped = Dictionary(grouping: of.compactMap(\.skipped), by: { $0 }).sorted { $0.key < $1.key }
                    .map { "\($0.value.count) \($0.key)" }
                guard !of.isEmpty else { continue }
                print("\(variant.rawValue): \(of.filter { $0.problem == nil && $0.skipped == nil }.count) passed, "
                      + "\(of.filter { $0.problem != nil }.count) failed"
                      + (skipped.isEmpty ? "" : ", skipped: " + skipped.joined(separator: "; ")))
            }
            if !bad.isEmpty { throw ExitCode(1) }
        } else {
            print(format == .tsv ? RulesListing.tsv(returnSpec) : RulesListing.text(returnSpec), terminator: "")
        }
    }
}
