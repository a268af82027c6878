import ArgumentParser
import Foundation
import StatReturnKit

struct Schema: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the XSD of a return's XML form, generated from its spec.",
        discussion: """
        The schema kept beside each spec (Specs/<return>/<year>/schema.xsd) is this output;
        regenerate it after changing the spec:
          statreturn schema cin --year 2026-27 > Specs/cin/2026-27/schema.xsd
        """)

    @OptionGroup var spec: SpecOptions

    func run() throws {
        let returnSpec = try spec.load()
        guard let xsd = SchemaGenerator.xsd(for: returnSpec) else {
            throw CouldNotRun(description: "\(returnSpec.title) \(returnSpec.year) has no XML form")
        }
        print(xsd, terminator: "")
    }
}
