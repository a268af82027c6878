import XCTest
@testable import StatReturnKit

/// Specs/asglb/README.md lists every table, field, code list and rule of the ASGLB spec with what
/// is confirmed and what inferred, and where from, for a council to check against the template it
/// holds. It is written from the spec itself (the `# confirmed:` / `# inferred:` comments of
/// return.yml and codelists.yml, each rule's note), so it cannot drift: the test fails while it is
/// out of date, and `make rule-tests` rewrites it.
final class ASGLBSpecReadmeTests: XCTestCase {
    static let folder = Package.specs.appendingPathComponent("asglb/2026-27")
    static let readme = Package.specs.appendingPathComponent("asglb/README.md")

    /// What a comment block or note says is confirmed and what inferred.
    struct Status: Equatable {
        var confirmed: [String] = []
        var inferred: [String] = []

        /// Splits text at each `confirmed:` and `inferred:` (any case); text before the first is dropped.
        init(_ text: String) {
            var current: WritableKeyPath<Status, [String]>?
            var buffer = ""
            func flush(_ s: inout Status) {
                let t = buffer.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: ".;"))
                if let current, !t.isEmpty { s[keyPath: current].append(t) }
                buffer = ""
            }
            var rest = Substring(text)
            while !rest.isEmpty {
                let lower = rest.lowercased()
                if lower.hasPrefix("confirmed:") || lower.hasPrefix("inferred:") {
                    flush(&self)
                    current = lower.hasPrefix("confirmed:") ? \.confirmed : \.inferred
                    rest = rest.dropFirst(lower.hasPrefix("confirmed:") ? 10 : 9)
                } else {
                    buffer.append(rest.removeFirst())
                }
            }
            flush(&self)
        }

        var word: String {
            switch (confirmed.isEmpty, inferred.isEmpty) {
            case (false, true): return "confirmed"
            case (true, false): return "inferred"
            case (false, false): return "confirmed, part inferred"
            case (true, true): return "ours"
            }
        }
    }

    /// The comment block above each item of a YAML file: the key is `table`, `table.field` or a
    /// code list's name; a blank line or any other line ends a block, and `---` rule lines are passed over.
    static func comments(returnYML text: String) -> [String: String] {
        var out: [String: String] = [:], pending: [String] = [], table = "", inTables = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let t = line.trimmingCharacters(in: .whitespaces)
            if t.hasPrefix("#") {
                let c = t.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces)
                if !c.hasPrefix("---") { pending.append(c) }
                continue
            }
            if line.hasPrefix("tables:") { inTables = true }
            if inTables, let name = match(t, "^- name: ([A-Za-z0-9_]+)") {
                table = name
                out[table] = pending.joined(separator: " ")
            } else if inTables, let name = match(t, "^- \\{ *name: ([A-Za-z0-9_]+)") {
                out["\(table).\(name)"] = pending.joined(separator: " ")
            }
            pending = []
        }
        return out
    }

    static func comments(codeLists text: String) -> [String: String] {
        var out: [String: String] = [:], list: String?
        for line in text.split(separator: "\n") {
            if let name = match(String(line), "^([a-z0-9-]+):\\s*$") { list = name; continue }
            let t = line.trimmingCharacters(in: .whitespaces)
            if let list, line.hasPrefix("  "), t.hasPrefix("#") {
                out[list, default: ""] += " " + t.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces)
            }
        }
        return out
    }

    private static func match(_ text: String, _ pattern: String) -> String? {
        guard let r = text.range(of: pattern, options: .regularExpression) else { return nil }
        let found = String(text[r])
        let re = try! NSRegularExpression(pattern: pattern)
        guard let m = re.firstMatch(in: found, range: NSRange(found.startIndex..., in: found)), let g = Range(m.range(at: 1), in: found) else { return nil }
        return String(found[g])
    }

    static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
            .split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }

    static func generated() throws -> String {
        let spec = try LoadedSpecs.shared.spec("asglb", "2026-27")
        let returnComments = comments(returnYML: try String(contentsOf: folder.appendingPathComponent("return.yml"), encoding: .utf8))
        let listComments = comments(codeLists: try String(contentsOf: folder.appendingPathComponent("codelists.yml"), encoding: .utf8))
        var md = """
            # The ASGLB spec, item by item

            <!-- Written from Specs/asglb/2026-27 by ASGLBSpecReadmeTests; do not edit: change the spec, then `make rule-tests`. -->

            The ASGLB template and its validation rules are sent to councils and are not public, so
            StatReturn's spec (`Specs/asglb/2026-27/`) is built from the public record, and says of every
            item what is **confirmed** (named in the public record, as summarised in the project's
            reference notes, `alb-yjb-notes.md`; "notes L15" is its line 15) and what is **inferred** (our
            choice, and why). A council holding the template checks each line below against it and
            corrects the spec where they differ (see "The ASGLB adoption return" in `Specs/README.md`).
            The rule codes (AS, XR) are StatReturn's own.

            Status: *confirmed*, *inferred*, or *confirmed, part inferred* (the item is in the public
            record; something about it, such as its coding or whether it is required, is our choice).
            The column titles are our own wording throughout, save the item numbers (A8a, B4, C3, ...) and
            the tab names: a template's own titles go under `header`, and other forms under `also_headers`.


            """
        for table in spec.tables {
            let status = Status(returnComments[table.name] ?? "")
            md += "## Tab `\(table.sheet ?? table.name)` (table `\(table.name)`): \(status.word)\n\n"
            md += (table.description.map { cell($0) + "\n\n" } ?? "")
            md += status.confirmed.map { "- Confirmed: \(cell($0))\n" }.joined() + status.inferred.map { "- Inferred: \(cell($0))\n" }.joined()
            md += "\n| column title | also read as | field | type | required | status | confirmed | inferred |\n|---|---|---|---|---|---|---|---|\n"
            for f in table.fields {
                let s = Status(returnComments["\(table.name).\(f.name)"] ?? "")
                let type = f.type == .code ? "code (`\(f.codes ?? "")`)" : f.type.rawValue
                md += "| \(cell(f.title)) | \(cell((f.alsoHeaders ?? []).joined(separator: "; "))) | `\(f.name)` | \(type) | \(f.required ? "yes" : "") | \(s.word) | "
                    + cell(s.confirmed.joined(separator: "; ")) + " | " + cell(s.inferred.joined(separator: "; ")) + " |\n"
            }
            md += "\n"
        }
        md += "## Code lists\n\n| list | codes | status | confirmed | inferred |\n|---|---|---|---|---|\n"
        for name in listComments.keys.sorted() {
            let s = Status(listComments[name]!)
            let list = spec.codeLists[name]!
            md += "| `\(name)` | " + cell(list.codes.map { "\($0) \(list.labels[$0] ?? "")" }.joined(separator: "; ")) + " | \(s.word) | "
                + cell(s.confirmed.joined(separator: "; ")) + " | " + cell(s.inferred.joined(separator: "; ")) + " |\n"
        }
        md += "\nThe lists `sex` and `ethnicity` are the shared ones (`Specs/codelists.yml`); that the ASGLB uses them is inferred (see the fields).\n"
        md += "\n## Rules\n\n| code | severity | tab | what it reports | status | confirmed | inferred |\n|---|---|---|---|---|---|---|\n"
        for rule in spec.rules {
            let s = Status(rule.note ?? "")
            let tab = rule.tables.first.flatMap { spec.table($0)?.sheet } ?? rule.tables.first ?? ""
            md += "| \(rule.code) | \(rule.severity.rawValue) | \(cell(tab)) | \(cell(rule.message)) | \(s.word) | "
                + cell(s.confirmed.joined(separator: "; ")) + " | " + cell(s.inferred.joined(separator: "; ")) + " |\n"
        }
        return md
    }

    func testTheReadmeIsCurrentWithTheSpec() throws {
        let expected = try Self.generated()
        if ProcessInfo.processInfo.environment["STATRETURN_REGENERATE"] == "1" {
            try expected.write(to: Self.readme, atomically: true, encoding: .utf8)
        }
        let actual = try String(contentsOf: Self.readme, encoding: .utf8)
        XCTAssertTrue(actual == expected, "Specs/asglb/README.md is out of date with the spec: run `make rule-tests` and commit it")
    }

    func testEveryItemOfTheSpecSaysWhatIsConfirmedAndWhatInferred() throws {
        let spec = try LoadedSpecs.shared.spec("asglb", "2026-27")
        let text = try String(contentsOf: Self.folder.appendingPathComponent("return.yml"), encoding: .utf8)
        let comments = Self.comments(returnYML: text)
        let readme = try String(contentsOf: Self.readme, encoding: .utf8)
        for table in spec.tables {
            XCTAssertNotEqual(Status(comments[table.name] ?? "").word, "ours", "table \(table.name)")
            for f in table.fields {
                XCTAssertNotEqual(Status(comments["\(table.name).\(f.name)"] ?? "").word, "ours", "\(table.name).\(f.name) has no status comment")
                XCTAssertTrue(readme.contains("| `\(f.name)` |"), "\(f.name) is in the README")
            }
        }
        let lists = Self.comments(codeLists: try String(contentsOf: Self.folder.appendingPathComponent("codelists.yml"), encoding: .utf8))
        XCTAssertGreaterThan(lists.count, 5)
        XCTAssertTrue(lists.values.allSatisfy { Status($0).word != "ours" })
        for rule in spec.rules { XCTAssertTrue(readme.contains("| \(rule.code) |"), rule.code) }
    }

    func testAStatusIsReadFromItsWords() {
        let s = Status(#"confirmed: notes L15 "sex". inferred: coded as the 903 codes it."#)
        XCTAssertEqual(s.confirmed, [#"notes L15 "sex""#])
        XCTAssertEqual(s.inferred, ["coded as the 903 codes it"])
        XCTAssertEqual(s.word, "confirmed, part inferred")
        XCTAssertEqual(Status("StatReturn's own code. Inferred: the measures.").word, "inferred")
        XCTAssertEqual(Status("nothing said").word, "ours")
    }
}
