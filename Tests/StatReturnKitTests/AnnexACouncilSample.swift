import Foundation
@testable import StatReturnKit

/// SampleReturns/annex-a/council-annex-a.xlsx: Annex A for an inspection on 01/12/2025 as a
/// council might make it itself, pasting its case system's reports into a workbook of Ofsted's
/// lists, with the deliberate errors that folder's README lists (and the quirks of real files:
/// a title and blank rows above a header, headers written their own way, IDs a spreadsheet took
/// for numbers). Built here so it can be made again (`make samples`). Every child, worker and
/// place in it is made up.
enum AnnexACouncilSample {
    static let inspectionDate = SimpleDate(iso: "2025-12-01")!

    struct Child { var gender: String; var ethnicity: String; var dob: String }
    static let children: [String: Child] = [
        "0001001": Child(gender: "b) Female", ethnicity: "a) WBRI", dob: "14/03/2012"),
        "0001002": Child(gender: "a) Male", ethnicity: "f) MWBC", dob: "02/07/2015"),
        "0001003": Child(gender: "b) Female", ethnicity: "j) AIND", dob: "23/11/2010"),
        "0001004": Child(gender: "a) Male", ethnicity: "a) WBRI", dob: "30/01/2019"),
        "0001005": Child(gender: "b) Female", ethnicity: "o) BAFR", dob: "05/05/2013"),
        "0001006": Child(gender: "a) Male", ethnicity: "d) WOTH", dob: "19/09/2017"),
        "0001007": Child(gender: "b) Female", ethnicity: "a) WBRI", dob: "08/02/2011"),
        "0001008": Child(gender: "a) Male", ethnicity: "k) APKN", dob: "12/12/2016"),
        "0001009": Child(gender: "b) Female", ethnicity: "a) WBRI", dob: "01/04/2014"),
        "0001010": Child(gender: "a) Male", ethnicity: "n) BCRB", dob: "16/08/2009"),
        "0001011": Child(gender: "b) Female", ethnicity: "c) WIRT", dob: "06/06/2020"),
        "0001012": Child(gender: "a) Male", ethnicity: "a) WBRI", dob: "10/10/2008"),
        "0001013": Child(gender: "b) Female", ethnicity: "h) MWAS", dob: "03/03/2022"),
        "0001014": Child(gender: "a) Male", ethnicity: "a) WBRI", dob: "15/01/2023"),
        "0001501": Child(gender: "b) Female", ethnicity: "a) WBRI", dob: "20/11/2007"),
        "0001502": Child(gender: "a) Male", ethnicity: "d) WOTH", dob: "04/05/2006"),
        "0001503": Child(gender: "b) Female", ethnicity: "a) WBRI", dob: "02/02/2010"),
    ]

    /// A row: the values given, by field name. Dates are written dd/mm/yyyy and become Excel
    /// dates; `text:` keeps a value as text (a date typed as text), `number:` makes a number cell
    /// (an ID a spreadsheet took for a number). The child's own columns come from `children`.
    typealias Row = [String: String]

    struct List {
        var table: String
        var rows: [Row?]  // nil: a wholly blank row
        /// Headers as this council writes them, where not Ofsted's, by field name.
        var headers: [String: String] = [:]
        /// Rows above the header: a title (one cell), or blank.
        var above: [String?] = []
    }

    /// A row of a list with the allocated team and worker columns.
    static func staffed(_ row: Row) -> Row {
        row.merging(["allocated_team": "Assessment Team 2", "allocated_worker": "SW 0412"]) { given, _ in given }
    }

    static let lists: [List] = [list1, list2, list3, list4, list5, list6, list7, list8, list9, list10, list11]

    static let list1 = List(table: "List1", rows: [
        ["child_id": "0001001", "contact_date": "05/06/2025", "contact_source": "e) 2A: Schools"],
        ["child_id": "0001002", "contact_date": "12/08/2025", "contact_source": "q) 6: Police"],
        ["child_id": "0001003", "contact_date": "31/05/2025", "contact_source": "g) 3A: Health services"],
        ["child_id": "0001004", "gender": "Male", "contact_date": "20/10/2025", "contact_source": "a) 1A: Individual"],
        ["child_id": "0001005", "contact_date": "28/11/2025", "contact_source": "t) 9: Anonymous"],
        ["child_id": "0001009", "contact_date": "02/09/2025", "contact_source": "e) 2A: Schools"],
    ], headers: ["age": "Age"])

    static let list2 = List(table: "List2", rows: [
        ["child_id": "0001006", "assessment_start_date": "01/07/2025", "assessment_completion_date": "15/09/2025", "organisation": "Early Help Hub"],
        ["child_id": "0001011", "assessment_start_date": "10/01/2025", "organisation": "Family Centre North"],
        ["child_id": "0001004", "assessment_start_date": "10/04/2025", "assessment_completion_date": "20/07/2025", "organisation": "Early Help Hub"],
    ])

    static let list3 = List(table: "List3", rows: [
        staffed(["child_id": "0001001", "referral_date": "06/06/2025", "referral_source": "e) 2A: Schools", "referral_nfa": "b) No", "referrals_last_12_months": "0"]),
        staffed(["child_id": "0001002", "referral_date": "13/08/2025", "referral_source": "q) 6: Police", "referral_nfa": "b) No", "referrals_last_12_months": "0"]),
        nil,
        staffed(["child_id": "number:1007", "referral_date": "01/07/2025", "referral_source": "a) 1A: Individual", "referral_nfa": "b) No", "referrals_last_12_months": "0"]),
        staffed(["child_id": "0001005", "referral_date": "02/12/2025", "referral_source": "t) 9: Anonymous", "referral_nfa": "b) No", "referrals_last_12_months": "0"]),
        staffed(["child_id": "0001009", "referral_date": "03/09/2025", "referral_source": "e) 2A: Schools", "referral_nfa": "a) Yes", "referrals_last_12_months": "0"]),
        staffed(["child_id": "0001009", "referral_date": "20/10/2025", "referral_source": "g) 3A: Health services", "referral_nfa": "b) No", "referrals_last_12_months": "0"]),
    ], headers: ["referral_date": "Date of referral )"], above: ["Referrals received in the six months to 1 December 2025", nil])

    static let list4 = List(table: "List4", rows: [
        staffed(["child_id": "0001001", "disability": "b) No", "assessment_start_date": "09/06/2025", "child_seen": "a) Yes",
                "assessment_auth_date": "20/07/2025", "requires_support": "a) Yes"]),
        staffed(["child_id": "0001002", "disability": "b)No", "assessment_start_date": "15/08/2025"]),
        staffed(["child_id": "0001010", "disability": "b) No", "assessment_start_date": "01/03/2025", "child_seen": "a) Yes",
                "assessment_auth_date": "15/05/2025", "requires_support": "a) Yes"]),
        staffed(["child_id": "0001007", "disability": "c) Unknown", "assessment_start_date": "02/07/2025"]),
    ], headers: uppercased("List4"))

    static let list5 = List(table: "List5", rows: [
        staffed(["child_id": "0001001", "disability": "b) No", "strategy_discussion_date": "20/07/2025", "icpc_unnecessary": "b) No",
                "icpc_date": "05/08/2025", "icpc_plan": "a) Yes", "s47_last_12_months": "0", "icpcs_last_12_months": "0"]),
        staffed(["child_id": "0001002", "disability": "b) No", "strategy_discussion_date": "20/08/2025", "icpc_unnecessary": "a) Yes",
                "s47_last_12_months": "0", "icpcs_last_12_months": "0"]),
        staffed(["child_id": "0001002", "disability": "b) No", "strategy_discussion_date": "20/08/2025", "icpc_unnecessary": "a) Yes",
                "s47_last_12_months": "0", "icpcs_last_12_months": "0"]),
    ])

    static let list6 = List(table: "List6", rows: [
        staffed(["child_id": "0001001", "disability": "b) No", "cin_start_date": "06/06/2025", "primary_need": "a) Abuse or neglect",
                "last_seen_date": "20/11/2025", "case_status": "b) Child Protection plan"]),
        staffed(["child_id": "0001002", "disability": "b) No", "cin_start_date": "13/08/2025", "primary_need": "d) Family in acute stress",
                "case_status": "d) Open assessment"]),
        staffed(["child_id": "0001007", "ethnicity": "WBRI - White British", "disability": "c) Unknown", "cin_start_date": "01/07/2025",
                "primary_need": "e) Family dysfunction", "last_seen_date": "14/11/2025", "case_status": "c) Child in need plan"]),
        nil,
        staffed(["child_id": "0001005", "age": "13", "disability": "b) No", "cin_start_date": "01/02/2025", "primary_need": "a) Abuse or neglect",
                "last_seen_date": "25/11/2025", "case_status": "c) Child in need plan"]),
        staffed(["child_id": "0001012", "disability": "b) No", "cin_start_date": "01/04/2024", "primary_need": "a) Abuse or neglect",
                "last_seen_date": "18/11/2025", "case_status": "a) Looked after child"]),
        staffed(["child_id": "0001010", "disability": "a) Yes", "cin_start_date": "01/03/2025", "primary_need": "f) Socially unacceptable behaviour",
                "last_seen_date": "21/11/2025", "case_status": "a) Looked after child"]),
        staffed(["child_id": "0001501", "disability": "b) No", "cin_start_date": "01/01/2024", "primary_need": "h) Absent parenting",
                "cin_closure_date": "20/11/2025", "closure_reason": "g) 'Other' incl. Child no longer in need", "case_status": "e) Closed episode"]),
    ])

    static let list7 = List(table: "List7", rows: [
        staffed(["child_id": "0001001", "disability": "b) No", "cp_plan_start_date": "25/08/2025", "initial_category": "a) Neglect",
                "latest_category": "a) Neglect", "last_visit_date": "20/11/2025", "seen_alone": "a) Yes", "latest_review_date": "10/11/2025",
                "epo_last_6_months": "b) No", "previous_cp_plans": "0"]),
        staffed(["child_id": "0001005", "disability": "b) No", "cp_plan_start_date": "10/12/2024", "initial_category": "d) Emotional abuse",
                "latest_category": "d) Emotional abuse", "cp_plan_end_date": "20/05/2025", "epo_last_6_months": "b) No", "previous_cp_plans": "0"]),
        staffed(["child_id": "0001003", "disability": "b) No", "cp_plan_start_date": "05/08/2025", "initial_category": "b) Physical abuse",
                "latest_category": "b) Physical abuse", "last_visit_date": "text:31/09/2025", "epo_last_6_months": "b) No", "previous_cp_plans": "0"]),
    ])

    static let list8 = List(table: "List8", rows: [
        care(["child_id": "0001012", "cla_start_date": "01/04/2024", "legal_status_start_date": "01/04/2024", "placement_start_date": "01/04/2024"]),
        care(["child_id": "0001010", "cla_start_date": "01/03/2025", "legal_status_start_date": "01/03/2025", "placement_start_date": "01/03/2025",
              "legal_status": "e) Accommodated under S20", "placement_postcode": ""]),
        care(["child_id": "0001501", "cla_start_date": "01/01/2024", "legal_status_start_date": "01/01/2024", "placement_start_date": "01/01/2024",
              "cla_end_date": "20/11/2025", "cla_end_reason": "v) E17: Aged 18 (or over) and remained with current carers (inc under staying put arrangements)",
              "latest_review_date": "text:2025-09-14"]),
        care(["child_id": "0001008", "cla_start_date": "15/09/2025", "legal_status_start_date": "15/09/2025", "placement_start_date": "15/09/2025",
              "legal_status": "a) Interim care orders", "placement_type": "f) U6: Foster placement - not FFA"]),
    ], headers: curlyQuoted("List8"))

    static let list9 = List(table: "List9", rows: [
        leaver(["child_id": "0001502", "eligibility": "b) Former relevant child", "accommodation": "U: Independent living",
                "activity": "F2: Full time in education other than higher"]),
        leaver(["child_id": "1501.0", "eligibility": "b) Former relevant child", "accommodation": "Z: With former foster carers",
                "activity": "F2: Full time in education other than higher"]),
        leaver(["child_id": "0001503", "eligibility": "a) Relevant child", "accommodation": "E: Supported lodgings",
                "activity": "F2: Full time in education other than higher"]),
    ], headers: ["gender": "Sex"])

    static let list10 = List(table: "List10", rows: [
        ["child_id": "0001013", "family_id": "F0601", "disability": "b) No", "entered_care_date": "01/06/2023", "adm_decision_date": "10/01/2025",
         "placement_order_date": "01/03/2025", "matched_date": "01/07/2025", "placed_for_adoption_date": "15/07/2025"],
        ["child_id": "0001014", "family_id": "F0602", "disability": "b) No", "entered_care_date": "15/02/2023", "adm_decision_date": "01/06/2023",
         "placement_order_date": "01/09/2023", "matched_date": "01/02/2024", "placed_for_adoption_date": "15/02/2024", "adoption_order_date": "15/11/2024"],
    ])

    static let list11 = List(table: "List11", rows: [
        ["adopter_id": "A0101", "family_id": "F0601", "gender": "b) Female", "ethnicity": "a) WBRI", "disability": "b) No", "fostering_for_adoption": "b) No",
         "enquiry_date": "05/02/2024", "stage1_start_date": "01/03/2024", "stage1_end_date": "30/04/2024", "stage2_start_date": "01/05/2024",
         "stage2_end_date": "31/08/2024", "application_date": "01/05/2024", "approval_date": "10/09/2024", "matched_date": "01/07/2025",
         "placed_date": "15/07/2025", "children_placed": "1"],
        ["adopter_id": "A0102", "gender": "a) Male", "ethnicity": "d) WOTH", "disability": "b) No", "fostering_for_adoption": "b) No",
         "enquiry_date": "10/01/2024", "stage1_start_date": "01/02/2024", "left_process_date": "10/10/2024", "left_process_reason": "a) Withdrew"],
    ])

    static func care(_ row: Row) -> Row {
        staffed(["uasc": "b) No", "disability": "b) No", "category_of_need": "a) Abuse or neglect", "subsequent_period": "b) No",
                      "legal_status": "b) Full care orders", "placements_last_12_months": "1", "placement_type": "d) U4: Foster placement - long term",
                      "placement_provider": "b) PR1: Own provision", "placement_postcode": "AB1 2CD", "placement_location": "a) In",
                      "placement_la": "Synthshire", "missing_episodes": "0", "absent_episodes": "0"]).merging(row) { _, given in given }
    }

    static func leaver(_ row: Row) -> Row {
        ["allocated_team": "Leaving Care Team", "allocated_worker": "SW 0977", "personal_adviser": "PA 0031", "uasc": "b) No",
         "disability": "b) No", "in_touch": "a) Yes", "latest_contact_date": "10/11/2025", "pathway_plan_review_date": "01/10/2025",
         "accommodation_suitability": "a) Suitable"].merging(row) { _, b in b }
    }

    static func uppercased(_ table: String) -> [String: String] {
        Dictionary(uniqueKeysWithValues: (try! spec.get()).table(table)!.fields.map { ($0.name, $0.title.uppercased()) })
    }

    /// The 'Missing' and 'Absent' of List 8's headers in curly quotes, as word processors write them.
    static func curlyQuoted(_ table: String) -> [String: String] {
        Dictionary(uniqueKeysWithValues: (try! spec.get()).table(table)!.fields.filter { $0.title.contains("'") }.map {
            ($0.name, $0.title.replacingOccurrences(of: "'Missing'", with: "\u{2018}Missing\u{2019}")
                .replacingOccurrences(of: "'Absent'", with: "\u{2018}Absent\u{2019}"))
        })
    }

    static let spec = Result { try Package.spec("annex-a", "2025") }

    /// The workbook: a notes sheet, then a sheet per list, each column with the drop-down of its
    /// labels as Ofsted's template has them.
    static func workbook() throws -> Workbook {
        let spec = try spec.get()
        var notes = Workbook.Sheet(name: "Notes", columns: [Workbook.Column("Annex A for the inspection of 1 December 2025: lists as run from the case system", width: 80)])
        notes.freezeHeader = false
        notes.autofilter = false
        return Workbook(sheets: [notes] + lists.map { list in
            let table = spec.table(list.table)!
            var sheet = Workbook.Sheet(name: table.sheet!, columns: table.fields.map { f in
                Workbook.Column(list.headers[f.name] ?? f.title, f.type == .date ? .date : f.type == .integer ? .integer : .text, allowed: f.codes.flatMap { spec.codeLists[$0]?.codes })
            })
            sheet.above = list.above.map { $0.map { Workbook.Row([.text($0)]) } ?? Workbook.Row([]) }
            sheet.rows = list.rows.map { row in
                guard let row else { return Workbook.Row([]) }
                return Workbook.Row(table.fields.map { cell(value(of: $0, in: row), $0) })
            }
            return sheet
        })
    }

    /// The field's value in the row: as given, else the child's own (gender, ethnicity, date of
    /// birth, and the age worked out from it at the inspection date).
    static func value(of field: FieldSpec, in row: Row) -> String {
        if let v = row[field.name] { return v }
        // The child is found by the ID as the case system writes it, however the row damaged it.
        let digits = (row["child_id"] ?? "").replacingOccurrences(of: "number:", with: "").replacingOccurrences(of: ".0", with: "")
        guard let child = children[String(repeating: "0", count: max(0, 7 - digits.count)) + digits] else { return "" }
        switch field.name {
        case "gender": return child.gender
        case "ethnicity": return child.ethnicity
        case "dob": return child.dob
        case "age": return String(SimpleDate(dmy: child.dob)!.age(on: inspectionDate))
        default: return ""
        }
    }

    static func cell(_ value: String, _ field: FieldSpec) -> Workbook.Cell {
        if value.isEmpty { return .empty }
        if value.hasPrefix("text:") { return .text(String(value.dropFirst(5))) }
        if value.hasPrefix("number:") { return .number(Double(value.dropFirst(7))!) }
        if field.type == .date, let d = SimpleDate(dmy: value) { return .date(d) }
        if field.type == .integer, let n = Double(value) { return .number(n) }
        return .text(value)
    }
}
