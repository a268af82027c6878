import XCTest
@testable import StatReturnKit

/// Each Annex A list's window, a day inside and a day outside each of its ends, on both sides of
/// StatReturn: the lists MADE from an SSD (from-ssd.yml) and a council's workbook CHECKED by the
/// window rules (AA11-AA21, and AA31-AA41 for a date after the inspection date). One table of
/// cases serves both, for inspection dates where counting months is easy (1 October) and where
/// it is not (31 August, whose 6 months before start on 28 February; 29 February).
final class AnnexAWindowTests: XCTestCase {
    /// One record near one end of one list's window.
    struct Case {
        var list: String
        var what: String
        var inside: Bool
        /// The row as the list has it (field: value, dates dd/mm/yyyy), without its ID.
        var row: [String: String]
        /// The SSD records the row is made from (table, column: value, dates yyyy-mm-dd), for the
        /// person `id`; nil where the SSD holds no such data (List 11's adopters).
        var ssd: ((_ id: String) -> [(table: String, values: [String: String])])?
    }

    static func cases(_ t: SimpleDate) -> [Case] {
        let m6 = t.adding(months: -6)!, m12 = t.adding(months: -12)!, after = t.adding(days: 1)
        let longAgo = t.adding(months: -30)!
        func before(_ d: SimpleDate) -> SimpleDate { d.adding(days: -1) }
        var out: [Case] = []
        func add(_ list: String, _ what: String, _ inside: Bool, _ row: [String: String],
                 _ ssd: ((String) -> [(table: String, values: [String: String])])?) {
            out.append(Case(list: list, what: what, inside: inside, row: row, ssd: ssd))
        }

        // List 1: contacts dated from t less 6 months to t.
        for (d, inside, what) in [(m6, true, "on the window's first day"), (before(m6), false, "the day before it"),
                                  (t, true, "on the inspection date"), (after, false, "the day after it")] {
            add("List1", "a contact \(what)", inside, ["contact_date": d.dmy]) { id in
                [("ssd_contacts", ["cont_contact_id": "K\(id)", "cont_person_id": id, "cont_contact_date": d.iso, "cont_contact_source_code": "1A"])]
            }
        }
        // List 2: early help started in the window, or started earlier and still going on at t.
        func earlyHelp(_ start: SimpleDate, _ end: SimpleDate?) -> (String) -> [(table: String, values: [String: String])] {
            { id in [("ssd_early_help_episodes", ["earl_episode_id": "E\(id)", "earl_person_id": id, "earl_episode_start_date": start.iso,
                                                  "earl_episode_end_date": end?.iso ?? "", "earl_episode_organisation": "Early Help Hub"])] }
        }
        add("List2", "early help started on the window's first day, completed by t", true,
            ["assessment_start_date": m6.dmy, "assessment_completion_date": t.dmy], earlyHelp(m6, t))
        add("List2", "early help started the day before the window, completed on t", false,
            ["assessment_start_date": before(m6).dmy, "assessment_completion_date": t.dmy], earlyHelp(before(m6), t))
        add("List2", "early help started before the window, going on at t", true,
            ["assessment_start_date": before(m6).dmy], earlyHelp(before(m6), nil))
        add("List2", "early help started before the window, completed the day after t", true,
            ["assessment_start_date": before(m6).dmy], earlyHelp(before(m6), after))
        add("List2", "early help started on t", true, ["assessment_start_date": t.dmy], earlyHelp(t, nil))
        add("List2", "early help started the day after t", false, ["assessment_start_date": after.dmy], earlyHelp(after, nil))
        // List 3: referrals dated from t less 6 months to t.
        for (d, inside, what) in [(m6, true, "on the window's first day"), (before(m6), false, "the day before it"),
                                  (t, true, "on the inspection date"), (after, false, "the day after it")] {
            add("List3", "a referral \(what)", inside, ["referral_date": d.dmy]) { id in
                [("ssd_cin_episodes", ["cine_referral_id": "R\(id)", "cine_person_id": id, "cine_referral_date": d.iso, "cine_referral_source_code": "1A"])]
            }
        }
        // List 4: assessments started by t and not authorised before t less 6 months.
        func assessment(_ start: SimpleDate, _ auth: SimpleDate?) -> (String) -> [(table: String, values: [String: String])] {
            { id in [("ssd_cin_assessments", ["cina_assessment_id": "A\(id)", "cina_person_id": id, "cina_assessment_start_date": start.iso,
                                              "cina_assessment_auth_date": auth?.iso ?? ""])] }
        }
        add("List4", "an assessment authorised on the window's first day", true,
            ["assessment_start_date": m12.dmy, "assessment_auth_date": m6.dmy], assessment(m12, m6))
        add("List4", "an assessment authorised the day before it", false,
            ["assessment_start_date": m12.dmy, "assessment_auth_date": before(m6).dmy], assessment(m12, before(m6)))
        add("List4", "an assessment started long ago, still open", true, ["assessment_start_date": longAgo.dmy], assessment(longAgo, nil))
        add("List4", "an assessment started on t", true, ["assessment_start_date": t.dmy], assessment(t, nil))
        add("List4", "an assessment started the day after t", false, ["assessment_start_date": after.dmy], assessment(after, nil))
        // List 5: section 47 enquiries whose strategy discussion was from t less 6 months to t.
        for (d, inside, what) in [(m6, true, "on the window's first day"), (before(m6), false, "the day before it"),
                                  (t, true, "on the inspection date"), (after, false, "the day after it")] {
            add("List5", "an enquiry started \(what)", inside, ["strategy_discussion_date": d.dmy]) { id in
                [("ssd_s47_enquiry", ["s47e_s47_enquiry_id": "S\(id)", "s47e_person_id": id, "s47e_s47_start_date": d.iso])]
            }
        }
        // List 6: children in need at t or at any point of the 6 months before.
        func episode(_ start: SimpleDate, _ close: SimpleDate?) -> (String) -> [(table: String, values: [String: String])] {
            { id in [("ssd_cin_episodes", ["cine_referral_id": "R\(id)", "cine_person_id": id, "cine_referral_date": start.iso,
                                           "cine_close_date": close?.iso ?? "", "cine_close_reason": close == nil ? "" : "RC1"])] }
        }
        add("List6", "an episode closed on the window's first day", true,
            ["cin_start_date": m12.dmy, "cin_closure_date": m6.dmy], episode(m12, m6))
        add("List6", "an episode closed the day before it", false,
            ["cin_start_date": m12.dmy, "cin_closure_date": before(m6).dmy], episode(m12, before(m6)))
        add("List6", "an episode open since long ago", true, ["cin_start_date": longAgo.dmy], episode(longAgo, nil))
        add("List6", "an episode started on t", true, ["cin_start_date": t.dmy], episode(t, nil))
        add("List6", "an episode started the day after t", false, ["cin_start_date": after.dmy], episode(after, nil))
        // List 7: plans open at t, and plans that ended in the 6 months before.
        func plan(_ start: SimpleDate, _ end: SimpleDate?) -> (String) -> [(table: String, values: [String: String])] {
            { id in [("ssd_cp_plans", ["cppl_cp_plan_id": "P\(id)", "cppl_person_id": id, "cppl_cp_plan_start_date": start.iso,
                                       "cppl_cp_plan_end_date": end?.iso ?? ""])] }
        }
        add("List7", "a plan ended on the window's first day", true,
            ["cp_plan_start_date": m12.dmy, "cp_plan_end_date": m6.dmy], plan(m12, m6))
        add("List7", "a plan ended the day before it", false,
            ["cp_plan_start_date": m12.dmy, "cp_plan_end_date": before(m6).dmy], plan(m12, before(m6)))
        add("List7", "a plan open since long ago", true, ["cp_plan_start_date": longAgo.dmy], plan(longAgo, nil))
        add("List7", "a plan started on t", true, ["cp_plan_start_date": t.dmy], plan(t, nil))
        add("List7", "a plan started the day after t", false, ["cp_plan_start_date": after.dmy], plan(after, nil))
        // List 8: looked after at t, and those who ceased in the 6 months before.
        func care(_ start: SimpleDate, _ end: SimpleDate?) -> (String) -> [(table: String, values: [String: String])] {
            { id in [("ssd_cla_episodes", ["clae_cla_episode_id": "C\(id)", "clae_person_id": id, "clae_cla_id": "PC\(id)",
                                           "clae_cla_episode_start_date": start.iso, "clae_cla_episode_start_reason": "S",
                                           "clae_cla_episode_ceased_date": end?.iso ?? "", "clae_cla_episode_ceased_reason": end == nil ? "" : "E13"]),
                     ("ssd_legal_status", ["lega_legal_status_id": "L\(id)", "lega_person_id": id, "lega_legal_status": "C2",
                                           "lega_legal_status_start_date": start.iso, "lega_legal_status_end_date": end?.iso ?? ""])] }
        }
        add("List8", "care that ceased on the window's first day", true,
            ["cla_start_date": m12.dmy, "cla_end_date": m6.dmy], care(m12, m6))
        add("List8", "care that ceased the day before it", false,
            ["cla_start_date": m12.dmy, "cla_end_date": before(m6).dmy], care(m12, before(m6)))
        add("List8", "in care since long ago", true, ["cla_start_date": longAgo.dmy], care(longAgo, nil))
        add("List8", "in care from t", true, ["cla_start_date": t.dmy], care(t, nil))
        add("List8", "in care from the day after t", false, ["cla_start_date": after.dmy], care(after, nil))
        // List 9: care leavers from their 16th to their 25th birthday at t.
        for (years, day, inside, what) in [(16, t, true, "whose 16th birthday is t"), (16, after, false, "16 the day after t"),
                                           (25, after, true, "25 the day after t"), (25, t, false, "whose 25th birthday is t")] {
            let dob = day.adding(months: -12 * years)!
            add("List9", "a care leaver \(what)", inside, ["dob": dob.dmy]) { id in
                [("ssd_person", ["pers_dob": dob.iso]),
                 ("ssd_care_leavers", ["clea_table_id": "CL\(id)", "clea_person_id": id, "clea_care_leaver_eligibility": "Former relevant"])]
            }
        }
        // List 10: in the 12 months before t, adopted, waiting, or the decision reversed.
        func adoption(_ decided: SimpleDate, order: SimpleDate? = nil, reversed: SimpleDate? = nil) -> (String) -> [(table: String, values: [String: String])] {
            { id in [("ssd_permanence", ["perm_table_id": "PM\(id)", "perm_person_id": id, "perm_adm_decision_date": decided.iso,
                                         "perm_permanence_order_date": order?.iso ?? "", "perm_permanence_order_type": order == nil ? "" : "Adoption",
                                         "perm_decision_reversed_date": reversed?.iso ?? "", "perm_decision_reversed_reason": reversed == nil ? "" : "RD1"])] }
        }
        add("List10", "adopted on the window's first day", true,
            ["adm_decision_date": longAgo.dmy, "adoption_order_date": m12.dmy], adoption(longAgo, order: m12))
        add("List10", "adopted the day before it", false,
            ["adm_decision_date": longAgo.dmy, "adoption_order_date": before(m12).dmy], adoption(longAgo, order: before(m12)))
        add("List10", "a decision reversed on the window's first day", true,
            ["adm_decision_date": longAgo.dmy, "decision_reversed_date": m12.dmy], adoption(longAgo, reversed: m12))
        add("List10", "a decision reversed the day before it", false,
            ["adm_decision_date": longAgo.dmy, "decision_reversed_date": before(m12).dmy], adoption(longAgo, reversed: before(m12)))
        add("List10", "waiting since long ago", true, ["adm_decision_date": longAgo.dmy], adoption(longAgo))
        add("List10", "a decision made on t", true, ["adm_decision_date": t.dmy], adoption(t))
        add("List10", "a decision made the day after t", false, ["adm_decision_date": after.dmy], adoption(after))
        // List 11: adopters in contact with the agency in the 12 months before t (the SSD has none).
        add("List11", "an adopter who left the process on the window's first day", true,
            ["enquiry_date": longAgo.dmy, "left_process_date": m12.dmy], nil)
        add("List11", "an adopter who left the day before it", false,
            ["enquiry_date": longAgo.dmy, "left_process_date": before(m12).dmy], nil)
        add("List11", "an adopter who adopted on the window's first day", true,
            ["enquiry_date": longAgo.dmy, "adoption_order_date": m12.dmy], nil)
        add("List11", "an adopter who adopted the day before it", false,
            ["enquiry_date": longAgo.dmy, "adoption_order_date": before(m12).dmy], nil)
        add("List11", "an enquiry on t", true, ["enquiry_date": t.dmy], nil)
        add("List11", "an enquiry the day after t", false, ["enquiry_date": after.dmy], nil)
        return out
    }

    static let inspectionDates = ["2025-10-01", "2025-08-31", "2028-02-29"].map { SimpleDate(iso: $0)! }

    func testMonthsAreCountedAsPeopleCountThem() {
        let cases = [("2025-10-01", -6, "2025-04-01"), ("2025-08-31", -6, "2025-02-28"), ("2028-08-31", -6, "2028-02-29"),
                     ("2028-02-29", -12, "2027-02-28"), ("2025-03-31", -6, "2024-09-30"), ("2025-01-15", -13, "2023-12-15")]
        for (from, n, to) in cases {
            XCTAssertEqual(SimpleDate(iso: from)!.adding(months: n)?.iso, to, "\(from) \(n) months")
        }
    }

    /// The lists made from an SSD holding every case's records: a case inside its window is on
    /// its list, one outside it is not.
    func testTheListsMadeFromAnSSDKeepToEachWindow() throws {
        let spec = try Package.spec("annex-a", "2025")
        let ssd = try Package.spec("ssd", "1.0")
        let route = try SourceRoute(spec: spec, source: "ssd", loader: SpecLoader(root: Package.specs))
        for t in Self.inspectionDates {
            let cases = Self.cases(t).enumerated().filter { $0.element.ssd != nil }
            var tables: [String: [[String: String]]] = [:]
            for (i, c) in cases {
                let id = "W\(i)"
                var person = ["pers_person_id": id, "pers_sex": "F", "pers_dob": t.adding(months: -120)!.iso]
                for record in c.ssd!(id) {
                    if record.table == "ssd_person" { person.merge(record.values) { $1 } } else { tables[record.table, default: []].append(record.values) }
                }
                tables["ssd_person", default: []].append(person)
            }
            let folder = try temporaryFolder()
            for (name, rows) in tables {
                let columns = try XCTUnwrap(ssd.table(name), name).fields.filter { !$0.extra }.map(\.name)
                let csv = ([columns] + rows.map { r in columns.map { r[$0] ?? "" } }).map { csvLine($0) }.joined()
                try csv.write(to: folder.appendingPathComponent("\(name).csv"), atomically: true, encoding: .utf8)
            }
            let derived = try route.derive(from: folder.path, parameters: ["inspection_date": t.iso])
            for (i, c) in cases {
                let feed = try XCTUnwrap(derived.feeds.first { $0.table == c.list })
                let idColumn = try XCTUnwrap(feed.header.firstIndex(of: "child_id"))
                let listed = feed.rows.contains { $0[idColumn] == "W\(i)" }
                XCTAssertEqual(listed, c.inside, "inspection date \(t.dmy), \(c.list): \(c.what) should \(c.inside ? "" : "not ")be on the list")
            }
        }
    }

    /// A council's workbook holding every case as a row of its list: a row outside its window
    /// is reported by the list's window rule (or as a date after t), one inside it is not.
    func testTheWindowRulesReportARowOutsideEachWindowOnly() throws {
        let spec = try Package.spec("annex-a", "2025")
        let windowRules = Set(spec.rules.map(\.code).filter { code in
            Int(code.dropFirst(2)).map { (11...21).contains($0) || (31...41).contains($0) } ?? false })
        XCTAssertEqual(windowRules.count, 22)
        for t in Self.inspectionDates {
            let cases = Self.cases(t)
            var files: [InputFile] = [], rowOf: [String: [Int]] = [:]
            for list in Set(cases.map(\.list)).sorted() {
                let mine = cases.indices.filter { cases[$0].list == list }
                let idField = list == "List11" ? "adopter_id" : "child_id"
                let columns = [idField] + Set(mine.flatMap { cases[$0].row.keys }).sorted()
                let rows = mine.map { i in columns.map { $0 == idField ? "W\(i)" : cases[i].row[$0] ?? "" } }
                files.append(InputFile(name: "\(list).csv", data: Data(([columns] + rows).map { csvLine($0) }.joined().utf8), table: list))
                rowOf[list] = mine
            }
            var v = Validator(spec: spec)
            v.parameters = ["inspection_date": t.iso]
            let result = try v.validate(files, only: windowRules)
            XCTAssertEqual(result.notRun.count, 0, "\(result.notRun)")
            let reported = Set(result.findings.compactMap { f in f.row.map { rowOf[f.table]![$0 - 1] } })
            for (i, c) in cases.enumerated() {
                XCTAssertEqual(!reported.contains(i), c.inside,
                               "inspection date \(t.dmy), \(c.list): \(c.what) should \(c.inside ? "not " : "")be reported")
            }
        }
    }
}
