/// The CIN census's generated records written back as the SSD's tables, linked by the SSD's
/// row IDs (an assessment to its referral, a conference to its enquiry, a review to its plan),
/// so that `Specs/cin/<year>/from-ssd.yml` derives the same census from them. An assessment's
/// internal review date has no place in the SSD, so it is not written.
enum SSDFromCIN {
    static func add(_ council: SyntheticReturn, into out: inout SyntheticReturn, ids: inout SSDRowIDs) {
        let rows = { (table: String) in council.rows[table] ?? [] }
        let ethnicity = Dictionary(rows("ChildCharacteristics").map { ($0["LAchildID"] ?? "", $0["Ethnicity"] ?? "") }) { a, _ in a }
        for child in rows("ChildIdentifiers") {
            let id = child["LAchildID"] ?? ""
            out.add("ssd_person", ["pers_person_id": id, "pers_sex": child["Sex"] ?? "", "pers_ethnicity": ethnicity[id] ?? "",
                                   "pers_dob": child["PersonBirthDate"] ?? "", "pers_upn_unknown": child["UPNunknown"] ?? "",
                                   "pers_expected_dob": child["ExpectedPersonBirthDate"] ?? "", "pers_death_date": child["PersonDeathDate"] ?? ""])
            if let upn = child["UPN"], !upn.isEmpty {
                out.add("ssd_linked_identifiers", ["link_table_id": ids.next("LINK"), "link_person_id": id,
                                                   "link_identifier_type": "Unique Pupil Number", "link_identifier_value": upn])
            }
            // The census's former UPN is, in the SSD, a UPN that stopped being valid before the year.
            if let former = child["FormerUPN"], !former.isEmpty {
                out.add("ssd_linked_identifiers", ["link_table_id": ids.next("LINK"), "link_person_id": id,
                                                   "link_identifier_type": "Unique Pupil Number", "link_identifier_value": former,
                                                   "link_valid_to_date": council.spec.period.start.adding(days: -1).iso])
            }
        }
        for d in rows("Disabilities") {
            out.add("ssd_disability", ["disa_person_id": d["LAchildID"] ?? "", "disa_table_id": ids.next("DISA"), "disa_disability_code": d["Disability"] ?? ""])
        }

        // The SSD's ID of each record the census nests others under, by the census's key.
        func key(_ row: [String: String], _ fields: String...) -> String { fields.map { row[$0] ?? "" }.joined(separator: "|") }
        var referrals: [String: String] = [:], assessments: [String: String] = [:], plans: [String: String] = [:]
        // A conference is a record of its own in the SSD, linked to its referral and to the
        // enquiry before it (if any); the plan it led to links back to it.
        var conferences: [String: String] = [:]
        func conference(_ row: [String: String], enquiry: String, target: String) {
            let id = ids.next("ICPC")
            conferences[key(row, "LAchildID", "CINreferralDate", "DateOfInitialCPC")] = id
            out.add("ssd_initial_cp_conference", ["icpc_icpc_id": id, "icpc_s47_enquiry_id": enquiry, "icpc_person_id": row["LAchildID"] ?? "",
                                                  "icpc_referral_id": referrals[key(row, "LAchildID", "CINreferralDate")] ?? "",
                                                  "icpc_icpc_target_date": target, "icpc_icpc_date": row["DateOfInitialCPC"] ?? ""])
        }
        for e in rows("CINdetails") {
            let id = ids.next("CINE")
            referrals[key(e, "LAchildID", "CINreferralDate")] = id
            out.add("ssd_cin_episodes", ["cine_referral_id": id, "cine_person_id": e["LAchildID"] ?? "", "cine_referral_date": e["CINreferralDate"] ?? "",
                                         "cine_cin_primary_need_code": e["PrimaryNeedCode"] ?? "", "cine_referral_source_code": e["ReferralSource"] ?? "",
                                         "cine_referral_nfa": e["ReferralNFA"] == "1" ? "Y" : "N",
                                         "cine_close_reason": e["ReasonForClosure"] ?? "", "cine_close_date": e["CINclosureDate"] ?? ""])
            // The episode's own conference, with no enquiry before it (e.g. a transfer-in).
            if !(e["DateOfInitialCPC"] ?? "").isEmpty { conference(e, enquiry: "", target: "") }
        }
        let referral = { (row: [String: String]) in referrals[key(row, "LAchildID", "CINreferralDate")] ?? "" }
        for a in rows("Assessments") {
            let id = ids.next("CINA")
            assessments[key(a, "LAchildID", "CINreferralDate", "AssessmentActualStartDate")] = id
            out.add("ssd_cin_assessments", ["cina_assessment_id": id, "cina_person_id": a["LAchildID"] ?? "", "cina_referral_id": referral(a),
                                            "cina_assessment_start_date": a["AssessmentActualStartDate"] ?? "",
                                            "cina_assessment_auth_date": a["AssessmentAuthorisationDate"] ?? ""])
        }
        // One JSON list of codes per assessment, in the order the census lists them.
        var factors: [String: [String]] = [:], assessed: [String] = []
        for f in rows("AssessmentFactors") {
            let assessment = assessments[key(f, "LAchildID", "CINreferralDate", "AssessmentActualStartDate")] ?? ""
            if factors[assessment] == nil { assessed.append(assessment) }
            factors[assessment, default: []].append(f["AssessmentFactor"] ?? "")
        }
        for a in assessed {
            out.add("ssd_assessment_factors", ["cinf_table_id": ids.next("CINF"), "cinf_assessment_id": a,
                                               "cinf_assessment_factors_json": "[" + factors[a]!.map { "\"\($0)\"" }.joined(separator: ", ") + "]"])
        }
        for p in rows("CINPlanDates") {
            out.add("ssd_cin_plans", ["cinp_cin_plan_id": ids.next("CINP"), "cinp_referral_id": referral(p), "cinp_person_id": p["LAchildID"] ?? "",
                                      "cinp_cin_plan_start_date": p["CINPlanStartDate"] ?? "", "cinp_cin_plan_end_date": p["CINPlanEndDate"] ?? ""])
        }
        for s in rows("Section47") {
            let id = ids.next("S47E")
            out.add("ssd_s47_enquiry", ["s47e_s47_enquiry_id": id, "s47e_referral_id": referral(s), "s47e_person_id": s["LAchildID"] ?? "",
                                        "s47e_s47_start_date": s["S47ActualStartDate"] ?? "", "s47e_s47_nfa": s["ICPCnotRequired"] == "1" ? "Y" : "N"])
            let target = s["InitialCPCtarget"] ?? ""
            if !(s["DateOfInitialCPC"] ?? "").isEmpty || !target.isEmpty { conference(s, enquiry: id, target: target) }
        }
        // NumberOfPreviousCPP is counted from the plans the SSD holds, so none is written: every
        // generated plan is the child's first.
        for p in rows("ChildProtectionPlans") {
            let id = ids.next("CPPL")
            plans[key(p, "LAchildID", "CINreferralDate", "CPPstartDate")] = id
            out.add("ssd_cp_plans", ["cppl_cp_plan_id": id, "cppl_referral_id": referral(p), "cppl_person_id": p["LAchildID"] ?? "",
                                     "cppl_icpc_id": conferences[key(p, "LAchildID", "CINreferralDate", "CPPstartDate")] ?? "",
                                     "cppl_cp_plan_start_date": p["CPPstartDate"] ?? "", "cppl_cp_plan_end_date": p["CPPendDate"] ?? "",
                                     "cppl_cp_plan_initial_category": abuse[p["InitialCategoryOfAbuse"] ?? ""] ?? "", "cppl_cp_plan_ola": "N",
                                     "cppl_cp_plan_latest_category": abuse[p["LatestCategoryOfAbuse"] ?? ""] ?? ""])
        }
        for r in rows("CPPreviews") {
            out.add("ssd_cp_reviews", ["cppr_cp_review_id": ids.next("CPPR"), "cppr_person_id": r["LAchildID"] ?? "",
                                       "cppr_cp_plan_id": plans[key(r, "LAchildID", "CINreferralDate", "CPPstartDate")] ?? "",
                                       "cppr_cp_review_date": r["CPPreviewDate"] ?? ""])
        }
    }

    /// The census's categories of abuse in the words the SSD holds them in.
    private static let abuse = ["NEG": "Neglect", "PHY": "Physical abuse", "SAB": "Sexual abuse", "EMO": "Emotional abuse", "MUL": "Multiple"]
}
