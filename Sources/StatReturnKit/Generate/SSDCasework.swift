/// The casework around a synthetic SSD's records that no return carries but Ofsted's lists
/// and a nightly run read: the contact before each referral, early help for some children
/// before it, and the visits (every few weeks while a CIN plan, a CP plan or an episode of care
/// lasts, up to the day the extract stands for).
enum SSDCasework {
    static func add(into out: inout SyntheticReturn, until last: SimpleDate, random: inout SeededRandom, ids: inout SSDRowIDs) {
        for r in out.rows["ssd_cin_episodes"] ?? [] {
            guard let person = r["cine_person_id"], let referral = r["cine_referral_date"].flatMap({ SimpleDate(iso: $0) }) else { continue }
            out.add("ssd_contacts", ["cont_contact_id": ids.next("CONT"), "cont_person_id": person,
                                     "cont_contact_date": referral.adding(days: -random.int(0...5)).iso,
                                     "cont_contact_source_code": r["cine_referral_source_code"] ?? "", "cont_contact_source_desc": r["cine_referral_source_desc"] ?? ""])
            if random.chance(0.3) {
                let end = referral.adding(days: -random.int(10...60))
                out.add("ssd_early_help_episodes", ["earl_episode_id": ids.next("EARL"), "earl_person_id": person,
                                                    "earl_episode_start_date": end.adding(days: -random.int(60...240)).iso,
                                                    "earl_episode_end_date": end.iso, "earl_episode_reason": "Family support",
                                                    "earl_episode_end_reason": "Stepped up to social care", "earl_episode_organisation": "Early Help Hub"])
            }
        }
        visits(&out, "ssd_cin_plans", start: "cinp_cin_plan_start_date", end: "cinp_cin_plan_end_date", person: "cinp_person_id",
               every: 20...42, until: last, into: "ssd_cin_visits", random: &random) { date, plan, person, random in
            ["cinv_cin_visit_id": ids.next("CINV"), "cinv_person_id": person, "cinv_cin_visit_date": date.iso,
             "cinv_cin_visit_seen": "Y", "cinv_cin_visit_seen_alone": random.chance(0.6) ? "Y" : "N", "cinv_cin_visit_bedroom": random.chance(0.5) ? "Y" : "N"]
        }
        visits(&out, "ssd_cp_plans", start: "cppl_cp_plan_start_date", end: "cppl_cp_plan_end_date", person: "cppl_person_id",
               every: 7...14, until: last, into: "ssd_cp_visits", random: &random) { date, plan, person, random in
            ["cppv_cp_visit_id": ids.next("CPPV"), "cppv_person_id": person, "cppv_cp_plan_id": plan["cppl_cp_plan_id"] ?? "",
             "cppv_cp_visit_date": date.iso, "cppv_cp_visit_seen": "Y", "cppv_cp_visit_seen_alone": random.chance(0.7) ? "Y" : "N",
             "cppv_cp_visit_bedroom": random.chance(0.5) ? "Y" : "N"]
        }
        visits(&out, "ssd_cla_episodes", start: "clae_cla_episode_start_date", end: "clae_cla_episode_ceased_date", person: "clae_person_id",
               every: 28...42, until: last, into: "ssd_cla_visits", random: &random) { date, episode, person, random in
            ["clav_cla_visit_id": ids.next("CLAV"), "clav_cla_id": episode["clae_cla_id"] ?? "", "clav_person_id": person,
             "clav_cla_visit_date": date.iso, "clav_cla_visit_seen": "Y", "clav_cla_visit_seen_alone": random.chance(0.6) ? "Y" : "N"]
        }
    }

    /// A visit every few days of `every` from each record's start to its end (or `until`).
    private static func visits(_ out: inout SyntheticReturn, _ table: String, start: String, end: String, person: String,
                               every: ClosedRange<Int>, until last: SimpleDate, into visits: String, random: inout SeededRandom,
                               _ row: (SimpleDate, [String: String], String, inout SeededRandom) -> [String: String]) {
        for record in out.rows[table] ?? [] {
            guard let from = record[start].flatMap({ SimpleDate(iso: $0) }), let who = record[person] else { continue }
            let to = min(record[end].flatMap { SimpleDate(iso: $0) } ?? last, last)
            var day = from.adding(days: random.int(every))
            while day <= to {
                out.add(visits, row(day, record, who, &random))
                day = day.adding(days: random.int(every))
            }
        }
    }
}
