/// The 903's generated records written back as the SSD's tables, as a case system holds them:
/// the person; their periods of care, each episode naming its period and its placement (one
/// placement row however many episodes it spans); legal statuses and home addresses as
/// spells of their own; reviews reaching the child only through the period of care; and the
/// rest in the SSD's own tables. `from-ssd.yml` reads them back into the same 903 records.
enum SSDFrom903 {
    /// The role the 903's social worker episodes are held under, apart from the allocations'
    /// "Allocated Case Worker", so that each keeps its own workers.
    static let socialWorkerRole = "Social Worker"

    static func add(_ council: SyntheticReturn, into out: inout SyntheticReturn, ids: inout SSDRowIDs) {
        let period = council.spec.period
        func byChild(_ table: String) -> [String: [[String: String]]] {
            Dictionary(grouping: council.rows[table] ?? [], by: { $0["CHILD"] ?? "" })
        }
        let (episodes, reviews, missing, placed, adopted) = (byChild("Episodes"), byChild("Reviews"), byChild("Missing"),
                                                              byChild("PlacedAdoption"), byChild("AD1"))
        let (uasc, prevPerm, outcomes, leavers, workers) = (byChild("UASC"), byChild("PrevPerm"), byChild("OC2"),
                                                             byChild("OC3"), byChild("SWEpisodes"))
        var socialWorkers = Set<String>()

        for header in council.rows["Header"] ?? [] {
            let child = header["CHILD"]!, dob = iso(header["DOB"])
            let upn = header["UPN"] ?? ""
            out.add("ssd_person", ["pers_person_id": child, "pers_sex": header["SEX"] ?? "", "pers_dob": dob,
                                   "pers_ethnicity": header["ETHNIC"] ?? "", "pers_upn_unknown": upn.hasPrefix("UN") ? upn : "",
                                   "pers_is_mother": yesNo(header["MOTHER"])])
            if !upn.isEmpty && !upn.hasPrefix("UN") {
                out.add("ssd_linked_identifiers", ["link_table_id": ids.next("LINK"), "link_person_id": child,
                                                   "link_identifier_type": "Unique Pupil Number", "link_identifier_value": upn])
            }
            if let first = header["MC_DOB"], !first.isEmpty {
                out.add("ssd_mother", ["moth_table_id": ids.next("MOTH"), "moth_person_id": child,
                                       "moth_childs_person_id": child + "B1", "moth_childs_dob": iso(first)])
            }

            let eps = episodes[child] ?? []
            // A period of care runs on while each episode ends X1 on the day the next starts.
            let periods = runs(eps) { $0["REC"] == "X1" && $0["DEC"] == $1["DECOM"] }.map { (id: ids.next("CLA"), episodes: $0) }
            for p in periods {
                let entered = p.episodes[0]["RNE"] == "S" ? iso(p.episodes[0]["DECOM"]) : ""
                for spell in runs(p.episodes, continues: { $0["LS"] == $1["LS"] }) {
                    out.add("ssd_legal_status", ["lega_legal_status_id": ids.next("LEGA"), "lega_person_id": child,
                                                 "lega_legal_status": spell[0]["LS"] ?? "",
                                                 "lega_legal_status_start_date": iso(spell[0]["DECOM"]),
                                                 "lega_legal_status_end_date": iso(spell.last!["DEC"])])
                }
                // A change of legal status alone (RNE L) keeps the placement.
                let placeFields = ["PLACE", "PLACE_PROVIDER", "PL_POST", "URN"]
                for placement in runs(p.episodes, continues: { a, b in b["RNE"] == "L" && placeFields.allSatisfy { a[$0] == b[$0] } }) {
                    let id = ids.next("CLAP"), first = placement[0], last = placement.last!
                    out.add("ssd_cla_placement", ["clap_cla_placement_id": id, "clap_cla_placement_start_date": iso(first["DECOM"]),
                                                  "clap_cla_placement_type": first["PLACE"] ?? "", "clap_cla_placement_urn": first["URN"] ?? "",
                                                  "clap_cla_id": p.id, "clap_cla_placement_provider": first["PLACE_PROVIDER"] ?? "",
                                                  "clap_cla_placement_postcode": first["PL_POST"] ?? "",
                                                  "clap_cla_placement_end_date": iso(last["DEC"]),
                                                  "clap_cla_placement_change_reason": last["REASON_PLACE_CHANGE"] ?? "", "clap_person_id": child])
                    for ep in placement {
                        out.add("ssd_cla_episodes", ["clae_cla_episode_id": ids.next("CLAE"), "clae_person_id": child,
                                                     "clae_cla_episode_start_date": iso(ep["DECOM"]),
                                                     "clae_cla_episode_start_reason": ep["RNE"] ?? "",
                                                     "clae_cla_primary_need_code": ep["CIN"] ?? "",
                                                     "clae_cla_episode_ceased_date": iso(ep["DEC"]),
                                                     "clae_cla_episode_ceased_reason": ep["REC"] ?? "", "clae_cla_id": p.id,
                                                     "clae_cla_placement_id": id, "clae_entered_care_date": entered])
                    }
                }
            }
            // The home address from birth, then from the episode where a new home postcode appears.
            let homes = runs(eps.filter { !($0["HOME_POST"] ?? "").isEmpty }) { $0["HOME_POST"] == $1["HOME_POST"] }
            for (n, home) in homes.enumerated() {
                let postcode = home[0]["HOME_POST"]!
                out.add("ssd_address", ["addr_table_id": ids.next("ADDR"), "addr_person_id": child, "addr_address_type": "Home",
                                        "addr_address_json": "{\"POSTCODE\": \"\(postcode)\"}", "addr_address_postcode": postcode,
                                        "addr_address_start_date": n == 0 ? dob : iso(home[0]["DECOM"]),
                                        "addr_address_end_date": n + 1 < homes.count ? iso(homes[n + 1][0]["DECOM"]) : ""])
            }

            for review in reviews[child] ?? [] {
                let day = SimpleDate(dmy: review["REVIEW"] ?? "")
                let held = periods.first { p in
                    guard let day, let from = SimpleDate(dmy: p.episodes[0]["DECOM"] ?? "") else { return false }
                    return from <= day && (p.episodes.last!["DEC"].flatMap { SimpleDate(dmy: $0) }.map { day <= $0 } ?? true)
                } ?? periods.last
                out.add("ssd_cla_reviews", ["clar_cla_review_id": ids.next("CLAR"), "clar_cla_id": held?.id ?? "",
                                            "clar_cla_review_date": iso(review["REVIEW"]), "clar_cla_review_cancelled": "N",
                                            "clar_cla_review_participation": review["REVIEW_CODE"] ?? ""])
            }
            for m in missing[child] ?? [] {
                out.add("ssd_missing", ["miss_table_id": ids.next("MISS"), "miss_person_id": child,
                                        "miss_missing_episode_start_date": iso(m["MIS_START"]),
                                        "miss_missing_episode_type": m["MISSING"] == "A" ? "Away from placement without authorisation" : "Missing",
                                        "miss_missing_episode_end_date": iso(m["MIS_END"])])
            }
            // The 903 does not say when the status began: here, with the first episode it has.
            for u in uasc[child] ?? [] {
                out.add("ssd_immigration_status", ["immi_immigration_status_id": ids.next("IMMI"), "immi_person_id": child,
                                                   "immi_immigration_status": "Unaccompanied Asylum Seeking Child",
                                                   "immi_immigration_status_start_date": iso(eps.first?["DECOM"]),
                                                   "immi_immigration_status_end_date": iso(u["DUC"])])
            }
            for p in prevPerm[child] ?? [] {
                out.add("ssd_cla_previous_permanence", ["lapp_table_id": ids.next("LAPP"), "lapp_person_id": child,
                                                        "lapp_previous_permanence_option": p["PREV_PERM"] ?? "",
                                                        "lapp_previous_permanence_la": p["LA_PERM"] ?? "",
                                                        "lapp_previous_permanence_order_date": p["DATE_PERM"] ?? ""])
            }
            addPermanence(child, placed: placed[child] ?? [], adopted: adopted[child]?.first, periods: periods, into: &out, ids: &ids)
            for o in outcomes[child] ?? [] { addOutcomes(child, o, in: period, into: &out, ids: &ids) }
            for l in leavers[child] ?? [] {
                let accommodation = l["ACCOM"] ?? ""
                out.add("ssd_care_leavers", ["clea_table_id": ids.next("CLEA"), "clea_person_id": child,
                                             "clea_care_leaver_eligibility": "Former Relevant", "clea_care_leaver_in_touch": l["IN_TOUCH"] ?? "",
                                             "clea_care_leaver_accommodation": String(accommodation.prefix(1)),
                                             "clea_care_leaver_accom_suitable": String(accommodation.dropFirst()),
                                             "clea_care_leaver_activity": l["ACTIV"] ?? ""])
            }
            for w in workers[child] ?? [] {
                let number = w["SW_ID"] ?? ""
                socialWorkers.insert(number)
                out.add("ssd_involvements", ["invo_involvements_id": ids.next("INV"), "invo_professional_id": "P" + number,
                                             "invo_professional_role_id": socialWorkerRole,
                                             "invo_involvement_start_date": iso(w["SW_DECOM"]), "invo_involvement_end_date": iso(w["SW_DEC"]),
                                             "invo_worker_change_reason": w["SW_REASON"] ?? "", "invo_person_id": child])
            }
        }
        // The 903 names a social worker by their Social Work England number; the SSD by its own ID.
        for number in socialWorkers.sorted() {
            out.add("ssd_professionals", ["prof_professional_id": "P" + number, "prof_staff_id": "S" + number,
                                          "prof_professional_name": "Worker P\(number)", "prof_social_worker_registration_no": number,
                                          "prof_professional_job_title": "Social Worker", "prof_full_time_equivalency": "1"])
        }
    }

    /// One permanence row per decision to place for adoption, with the adoption that followed
    /// it (AD1) on the same row; the decision belongs to the period of care it was made in, or
    /// to the earliest one known when it was made before them.
    private static func addPermanence(_ child: String, placed: [[String: String]], adopted: [String: String]?,
                                      periods: [(id: String, episodes: [[String: String]])], into out: inout SyntheticReturn, ids: inout SSDRowIDs) {
        var decisions = placed
        if let adopted, !placed.contains(where: { $0["DATE_PLACED"] == adopted["DATE_INT"] }) {
            decisions.append(["DATE_PLACED": adopted["DATE_INT"] ?? ""])
        }
        for decision in decisions {
            let day = decision["DATE_PLACED"] ?? ""
            let period = periods.last { p in
                guard let d = SimpleDate(dmy: day), let from = SimpleDate(dmy: p.episodes[0]["DECOM"] ?? "") else { return false }
                return from <= d
            } ?? periods.first
            var row = ["perm_table_id": ids.next("PERM"), "perm_person_id": child, "perm_cla_id": period?.id ?? "",
                       "perm_adm_decision_date": iso(day), "perm_decision_reversed_date": iso(decision["DATE_PLACED_CEASED"]),
                       "perm_decision_reversed_reason": decision["REASON_PLACED_CEASED"] ?? ""]
            if let adopted, adopted["DATE_INT"] == day {
                let eps = period?.episodes ?? []
                row["perm_matched_date"] = iso(adopted["DATE_MATCH"])
                row["perm_adopted_by_carer_flag"] = yesNo(adopted["FOSTER_CARE"])
                row["perm_number_of_adopters"] = adopted["NB_ADOPTR"] ?? ""
                row["perm_adopter_sex"] = adopted["SEX_ADOPTR"] ?? ""
                row["perm_adopter_legal_status"] = adopted["LS_ADOPTR"] ?? ""
                row["perm_placed_for_adoption_date"] = iso(eps.first { ($0["PLACE"] ?? "").hasPrefix("A") }?["DECOM"])
                row["perm_permanence_order_date"] = iso(eps.first { ["E11", "E12"].contains($0["REC"] ?? "") }?["DEC"])
                row["perm_permanence_order_type"] = "Adoption"
            }
            out.add("ssd_permanence", row)
        }
    }

    /// The OC2 outcomes as the SSD's own records of them: a completed check, immunisation status,
    /// SDQ, offence or substance misuse in the year. A "no" is the absence of a record, as in a
    /// case system; each record is dated in the year (its day does not matter to the 903).
    private static func addOutcomes(_ child: String, _ o: [String: String], in period: CollectionPeriod,
                                    into out: inout SyntheticReturn, ids: inout SSDRowIDs) {
        let day = period.start.adding(days: 150).iso
        for (field, kind) in [("HEALTH_CHECK", "Health Surveillance Check"), ("TEETH_CHECK", "Dental Check"),
                              ("HEALTH_ASSESSMENT", "Health Assessment")] where o[field] == "1" {
            out.add("ssd_cla_health", ["clah_health_check_id": ids.next("CLAH"), "clah_person_id": child, "clah_health_check_type": kind,
                                       "clah_health_check_date": day, "clah_health_check_status": "Completed"])
        }
        if let status = o["IMMUNISATIONS"], !status.isEmpty {
            out.add("ssd_cla_immunisations", ["clai_person_id": child, "clai_immunisations_status": yesNo(status),
                                              "clai_immunisations_status_date": day])
        }
        if !(o["SDQ_SCORE"] ?? "").isEmpty || !(o["SDQ_REASON"] ?? "").isEmpty {
            out.add("ssd_sdq_scores", ["csdq_table_id": ids.next("CSDQ"), "csdq_person_id": child, "csdq_sdq_completed_date": day,
                                       "csdq_sdq_score": o["SDQ_SCORE"] ?? "", "csdq_sdq_reason": o["SDQ_REASON"] ?? ""])
        }
        if o["CONVICTED"] == "1" {
            out.add("ssd_cla_convictions", ["clac_cla_conviction_id": ids.next("CLAC"), "clac_person_id": child, "clac_cla_conviction_date": day])
        }
        if o["SUBSTANCE_MISUSE"] == "1" {
            out.add("ssd_cla_substance_misuse", ["clas_substance_misuse_id": ids.next("CLAS"), "clas_person_id": child,
                                                 "clas_substance_misuse_date": day, "clas_intervention_received": yesNo(o["INTERVENTION_RECEIVED"])])
        }
    }

    /// Consecutive records grouped while `continues(previous, next)` holds.
    private static func runs(_ rows: [[String: String]], continues: ([String: String], [String: String]) -> Bool) -> [[[String: String]]] {
        var out: [[[String: String]]] = []
        for row in rows {
            if let previous = out.last?.last, continues(previous, row) { out[out.count - 1].append(row) } else { out.append([row]) }
        }
        return out
    }

    /// A 903 date (dd/mm/yyyy) as the SSD holds it (ISO); blank stays blank.
    private static func iso(_ dmy: String?) -> String { dmy.flatMap { SimpleDate(dmy: $0) }?.iso ?? "" }

    /// A 903 flag as the SSD's Y or N; blank stays blank.
    private static func yesNo(_ flag: String?) -> String {
        switch flag { case "1": "Y"; case "0": "N"; default: "" }
    }
}
