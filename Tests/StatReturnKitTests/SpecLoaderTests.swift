import XCTest
@testable import StatReturnKit

/// A spec with a mistake in it must fail to load, naming the file and entry.
final class SpecLoaderTests: XCTestCase {
    private var root: URL!

    override func setUpWithError() throws {
        root = try temporaryFolder().appendingPathComponent("Specs")
        try FileManager.default.copyItem(at: Package.specs, to: root)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: root.deletingLastPathComponent())
    }

    private var rules: URL { root.appendingPathComponent("ssda903/2025-26/rules") }

    private func edit(_ relative: String, _ change: (String) -> String) throws {
        let url = root.appendingPathComponent(relative)
        let text = try String(contentsOf: url, encoding: .utf8), changed = change(text)
        XCTAssertNotEqual(changed, text, "the edit found nothing to change in \(relative): the test would prove nothing")
        try changed.write(to: url, atomically: true, encoding: .utf8)
    }

    private func loadError() -> SpecError? {
        do { _ = try SpecLoader(root: root).load(returnName: "ssda903", year: "2026-27"); return nil } catch {
            return error as? SpecError
        }
    }

    func testTheRealSpecsLoad() throws {
        XCTAssertNil(loadError())
    }

    /// Every member of every return's spec survives the cache: a member the cache dropped
    /// would make a run that hits it behave differently from one that parsed the files.
    func testACachedSpecIsTheSpecItsFilesGive() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let loader = SpecLoader(root: Package.specs)
        let cache = try XCTUnwrap(SpecCache(root: Package.specs, environment: ["STATRETURN_CACHE": folder.path]))
        for r in loader.returns {
            for y in loader.years(of: r) {
                let fresh = try loader.loadFiles(returnName: r, year: y)
                cache.store(fresh, r, y)
                let cached = try XCTUnwrap(cache.spec(r, y), "\(r) \(y) was not cached")
                XCTAssertTrue(cached == fresh, "\(r) \(y): the cached spec differs from its files'")
                XCTAssertFalse(cached.tables.flatMap(\.fields).contains { $0.source.isEmpty }, "\(r) \(y): a field lost its file")
            }
        }
    }

    /// Any edit to a spec file, even one that keeps its size, misses the cache.
    func testAnEditedSpecIsNeverServedStale() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let env = ["STATRETURN_CACHE": folder.path]
        let before = try XCTUnwrap(SpecCache(root: root, environment: env))
        before.store(try SpecLoader(root: root).loadFiles(returnName: "ssda903", year: "2026-27"), "ssda903", "2026-27")
        XCTAssertNotNil(before.spec("ssda903", "2026-27"))
        try edit("ssda903/2025-26/rules/101.yml") { $0.replacingOccurrences(of: "severity: error", with: "severity: query") }
        let after = try XCTUnwrap(SpecCache(root: root, environment: env))
        XCTAssertNotEqual(after.key, before.key)
        XCTAssertNil(after.spec("ssda903", "2026-27"))
        XCTAssertNil(SpecCache(root: root, environment: ["STATRETURN_CACHE": ""]), "an empty STATRETURN_CACHE turns caching off")
    }

    func testUnknownCodeList() throws {
        try edit("ssda903/2025-26/return.yml") { $0.replacingOccurrences(of: "codes: sex,", with: "codes: gender,") }
        let e = try XCTUnwrap(loadError())
        XCTAssertEqual(e.file, "Specs/ssda903/2025-26/return.yml")
        XCTAssertEqual(e.entry, "tables.Header.SEX")
        XCTAssertTrue(e.problem.contains("unknown code list 'gender'"), e.problem)
    }

    func testBadSQL() throws {
        try edit("ssda903/2025-26/rules/501.yml") { $0.replacingOccurrences(of: "FROM Episodes", with: "FROM Episodez") }
        let e = try XCTUnwrap(loadError())
        XCTAssertEqual(e.file, "Specs/ssda903/2025-26/rules/501.yml")
        XCTAssertEqual(e.entry, "rule 501")
        XCTAssertTrue(e.problem.contains("bad SQL") && e.problem.contains("Episodez"), e.problem)
    }

    func testBadDerivedTableSQL() throws {
        try edit("ssda903/2025-26/return.yml") { $0.replacingOccurrences(of: "        JOIN Episodes e ON", with: "        JOIN Episodez e ON") }
        let e = try XCTUnwrap(loadError())
        XCTAssertEqual(e.file, "Specs/ssda903/2025-26/return.yml")
        XCTAssertEqual(e.entry, "derived LookedAfter12Months")
        XCTAssertTrue(e.problem.contains("Episodez"), e.problem)
    }

    func testDuplicateRuleCode() throws {
        try FileManager.default.copyItem(at: rules.appendingPathComponent("501.yml"), to: rules.appendingPathComponent("0501.yml"))
        let e = try XCTUnwrap(loadError())
        XCTAssertTrue(e.problem.contains("duplicate rule code"), e.problem)
        XCTAssertEqual(e.entry, "code 501")
    }

    func testRuleWithNoFailingExample() throws {
        try edit("ssda903/2025-26/rules/INT32.yml") { text in
            String(text[..<text.range(of: "  fail:")!.lowerBound])
        }
        let e = try XCTUnwrap(loadError())
        XCTAssertEqual(e.file, "Specs/ssda903/2025-26/rules/INT32.yml")
        XCTAssertEqual(e.problem, "has no failing example")
    }

    func testFieldNamingAMissingRule() throws {
        try FileManager.default.removeItem(at: rules.appendingPathComponent("171.yml"))
        let e = try XCTUnwrap(loadError())
        XCTAssertEqual(e.entry, "tables.Header.MC_DOB")
        XCTAssertTrue(e.problem.contains("171"), e.problem)
    }

    func testUnknownSQLParameter() throws {
        try edit("ssda903/2025-26/rules/501.yml") { $0.replacingOccurrences(of: "WHERE DECOM IS NOT NULL", with: "WHERE DECOM > :year_start") }
        let e = try XCTUnwrap(loadError())
        XCTAssertTrue(e.problem.contains(":year_start"), e.problem)
    }

    func testBrokenYAMLNamesTheFile() throws {
        try edit("ssda903/2026-27/return.yml") { $0 + "\ntables: [ {name: X\n" }
        let e = try XCTUnwrap(loadError())
        XCTAssertEqual(e.file, "Specs/ssda903/2026-27/return.yml")
    }

    // Specs are strict: a key nothing reads is a mistake, named with its file and path.

    private func assertUnknownKey(_ e: SpecError?, file: String, entry: String, key: String, suggests: String?,
                                  line: UInt = #line) {
        guard let e else { return XCTFail("loaded", line: line) }
        XCTAssertEqual(e.file, file, line: line)
        XCTAssertEqual(e.entry, entry, line: line)
        XCTAssertTrue(e.problem.hasPrefix("unknown key '\(key)'"), e.problem, line: line)
        if let suggests { XCTAssertTrue(e.problem.contains("did you mean '\(suggests)'?"), e.problem, line: line) }
    }

    func testUnknownKeyInAField() throws {
        try edit("ssda903/2025-26/return.yml") { $0.replacingOccurrences(of: "type: date, required: true, invalid: \"141\"",
                                                                          with: "type: date, requird: true, invalid: \"141\"") }
        let e = loadError()
        assertUnknownKey(e, file: "Specs/ssda903/2025-26/return.yml", entry: "tables.Episodes.fields.DECOM",
                         key: "requird", suggests: "required")
        XCTAssertEqual(e?.description, "Specs/ssda903/2025-26/return.yml: tables.Episodes.fields.DECOM: unknown key 'requird' (did you mean 'required'?)")
    }

    func testUnknownKeyAtTheTopOfARuleFile() throws {
        try edit("ssda903/2025-26/rules/501.yml") { $0.replacingOccurrences(of: "\nfields:", with: "\nfeilds:") }
        let e = loadError()
        assertUnknownKey(e, file: "Specs/ssda903/2025-26/rules/501.yml", entry: "", key: "feilds", suggests: "fields")
        XCTAssertEqual(e?.description, "Specs/ssda903/2025-26/rules/501.yml: unknown key 'feilds' (did you mean 'fields'?)")
    }

    func testAnExampleKeyThatIsNotATable() throws {
        try edit("ssda903/2025-26/rules/501.yml") { text in
            let at = text.range(of: "      Episodes: |")!
            return text.replacingCharacters(in: at, with: "      Episods: |")
        }
        let e = try XCTUnwrap(loadError())
        XCTAssertEqual(e.file, "Specs/ssda903/2025-26/rules/501.yml")
        XCTAssertTrue(e.entry.hasPrefix("examples.pass"), e.entry)
        XCTAssertTrue(e.problem.hasPrefix("unknown key 'Episods'") && e.problem.contains("did you mean 'Episodes'?"), e.problem)
    }

    func testUnknownKeyInAnExampleBlock() throws {
        try edit("ssda903/2025-26/rules/501.yml") { $0.replacingOccurrences(of: "      rows: [2]", with: "      rowz: [2]") }
        assertUnknownKey(loadError(), file: "Specs/ssda903/2025-26/rules/501.yml", entry: "examples.fail[1]",
                         key: "rowz", suggests: "rows")
    }

    func testUnknownKeyInACodeList() throws {
        try edit("codelists.yml") { $0.replacingOccurrences(of: "sex:\n  description:", with: "sex:\n  descripton:") }
        assertUnknownKey(loadError(), file: "Specs/codelists.yml", entry: "sex", key: "descripton", suggests: "description")
    }

    func testUnknownKeyInTheXMLMapping() throws {
        try edit("ssda903/2025-26/xml.yml") { $0.replacingOccurrences(of: "record: { path: CHILD, table: Header }",
                                                                       with: "record: { path: CHILD, table: Header, tabel: Header }") }
        assertUnknownKey(loadError(), file: "Specs/ssda903/2025-26/xml.yml", entry: "record", key: "tabel", suggests: "table")
    }

    func testUnknownKeyInTheCalendar() throws {
        try edit("calendar/bank-holidays-england-wales.yml") { $0.replacingOccurrences(of: "covers: { from: 2013, to: 2030 }",
                                                                                        with: "covers: { from: 2013, to: 2030, untill: 2031 }") }
        assertUnknownKey(loadError(), file: "Specs/calendar/bank-holidays-england-wales.yml", entry: "covers", key: "untill", suggests: nil)
    }

    func testUnknownKeyInInjectYML() throws {
        try edit("ssda903/2025-26/inject.yml") { $0.replacingOccurrences(of: "{ code: \"101\", table: Header, field: SEX, set: \"1\" }",
                                                                          with: "{ code: \"101\", table: Header, field: SEX, sett: \"1\" }") }
        let spec = try SpecLoader(root: root).load(returnName: "ssda903", year: "2025-26")
        XCTAssertThrowsError(try ErrorInjector.kinds(for: spec, specs: root)) { error in
            assertUnknownKey(error as? SpecError, file: "Specs/ssda903/2025-26/inject.yml", entry: "[1]", key: "sett", suggests: "set")
        }
    }

    /// Repeated definitions may be written once with an anchor, and merged with changes.
    func testAnchorsAndMergeKeys() throws {
        try edit("ssda903/2025-26/return.yml") { text in
            let reviews = text.range(of: "  - name: Reviews")!
            let child = text.range(of: "      - *child\n", range: reviews.upperBound..<text.endIndex)!
            return text.replacingCharacters(in: child, with: "      - { <<: *child, max_length: 12 }\n")
        }
        XCTAssertNil(loadError())
        let spec = try SpecLoader(root: root).load(returnName: "ssda903", year: "2026-27")
        XCTAssertEqual(spec.table("Episodes")?.field("CHILD"), spec.table("Header")?.field("CHILD"), "the alias is the anchored field")
        XCTAssertEqual(spec.table("Reviews")?.field("CHILD")?.maxLength, 12, "a key beside the merge replaces the anchored one")
        XCTAssertEqual(spec.table("Reviews")?.field("CHILD")?.pattern, "[A-Za-z0-9]+")
    }

    // A rule's SQL reads only the tables it declares (tables, needs, optional).

    func testReadingAnUndeclaredTable() throws {
        try edit("ssda903/2025-26/rules/199.yml") { $0.replacingOccurrences(of: "optional: [Episodes_last]\n", with: "") }
        let e = try XCTUnwrap(loadError())
        XCTAssertEqual(e.file, "Specs/ssda903/2025-26/rules/199.yml")
        XCTAssertEqual(e.entry, "rule 199")
        XCTAssertTrue(e.problem.hasPrefix("reads Episodes_last, which it does not declare") && e.problem.contains("'optional'"), e.problem)
    }

    func testCountingRowsIsReadingTheTable() throws {
        try edit("ssda903/2025-26/rules/501.yml") {
            $0.replacingOccurrences(of: "WHERE DECOM IS NOT NULL", with: "WHERE DECOM IS NOT NULL AND (SELECT count(*) FROM Reviews) >= 0")
        }
        XCTAssertTrue(try XCTUnwrap(loadError()).problem.hasPrefix("reads Reviews,"))
    }

    func testReadingADerivedTableIsReadingWhatItIsWorkedOutFrom() throws {
        try edit("ssda903/2025-26/rules/157.yml") { $0.replacingOccurrences(of: "tables: [OC2, Episodes]", with: "tables: [OC2]") }
        let e = try XCTUnwrap(loadError())
        XCTAssertTrue(e.problem.hasPrefix("reads Episodes (through LookedAfter12Months), which it does not declare"), e.problem)
    }

    func testATableBothRequiredAndOptional() throws {
        try edit("ssda903/2025-26/rules/199.yml") { $0.replacingOccurrences(of: "optional: [Episodes_last]", with: "optional: [Episodes_last, Episodes]") }
        XCTAssertTrue(try XCTUnwrap(loadError()).problem.contains("Episodes is both required"))
    }

    func testUnknownYearListsTheKnownOnes() throws {
        XCTAssertThrowsError(try SpecLoader(root: root).load(returnName: "ssda903", year: "2030-31")) { error in
            XCTAssertTrue("\(error)".contains("2025-26, 2026-27"), "\(error)")
        }
    }
}
