/// Every person of a synthetic SSD allocated to a team and a worker, as a case system records
/// it: the teams (`ssd_department`), their workers (`ssd_professionals`) and one open
/// involvement each as allocated case worker (`ssd_involvements`). Children looked after go to
/// the children in care teams, care leavers (a 903 child with no episode) to leaving care, and
/// children in need to the child in need teams.
enum SSDAllocations {
    static let teams = [
        (id: "T10", name: "Children in Care North"), (id: "T11", name: "Children in Care South"),
        (id: "T20", name: "Leaving Care"), (id: "T30", name: "Child in Need East"), (id: "T31", name: "Child in Need West"),
    ]

    static func add(into out: inout SyntheticReturn, from start: SimpleDate, random: inout SeededRandom, ids: inout SSDRowIDs) {
        for t in teams { out.add("ssd_department", ["dept_team_id": t.id, "dept_team_name": t.name, "dept_team_parent_id": "D1", "dept_team_parent_name": "Children's Social Care"]) }
        // Five workers a team, each named only by a staff code: reports never carry names.
        var workers: [String: [String]] = [:]
        for t in teams {
            for w in 1...5 {
                let id = "\(t.id)W\(w)"
                workers[t.id, default: []].append(id)
                out.add("ssd_professionals", ["prof_professional_id": id, "prof_staff_id": "S\(id)", "prof_professional_name": "Worker \(id)",
                                              "prof_professional_job_title": "Social Worker", "prof_professional_department": t.name,
                                              "prof_full_time_equivalency": "1"])
            }
        }
        let inCare = Set((out.rows["ssd_cla_episodes"] ?? []).compactMap { $0["clae_person_id"] })
        let inNeed = Set((out.rows["ssd_cin_episodes"] ?? []).compactMap { $0["cine_person_id"] })
        for (n, person) in (out.rows["ssd_person"] ?? []).enumerated() {
            guard let id = person["pers_person_id"] else { continue }
            let team = inCare.contains(id) ? teams[n % 2] : inNeed.contains(id) ? teams[3 + n % 2] : teams[2]
            let worker = random.pick(workers[team.id]!)
            out.add("ssd_involvements", ["invo_involvements_id": ids.next("INV"), "invo_professional_id": worker,
                                         "invo_professional_role_id": "Allocated Case Worker", "invo_professional_team": team.name,
                                         "invo_involvement_start_date": start.adding(days: -random.int(30...400)).iso, "invo_person_id": id])
        }
    }
}
