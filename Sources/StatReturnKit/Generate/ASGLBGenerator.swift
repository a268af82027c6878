/// A synthetic council's ASGLB adoption return for the whole year (Q4), told from the same
/// adoption stories as its SSDA903 for the same seed: every child with a decision that they
/// should be placed for adoption is on the Adoptions tab with the 903's dates (so the two pass
/// the Q4 cross-check), the adopters who were matched with them are on the adopters' tab with
/// the journey before the match, beside adopters still waiting and some who left, and the SGO
/// tab counts the 903's endings on special guardianship orders in each quarter.
struct ASGLBGenerator {
    let spec: ReturnSpec
    var random: SeededRandom

    private var start: SimpleDate { spec.period.start }
    private var end: SimpleDate { spec.period.end }

    mutating func add(_ stories: [AdoptionStory], the903: SyntheticReturn, into out: inout SyntheticReturn) {
        for story in stories { child(story, into: &out) }
        var family = 0
        for story in stories {
            guard let matched = story.matched else { continue }
            family += 1
            adopters(family: family, matched: matched, story: story, into: &out)
        }
        // Adopters approved and waiting for a match, and some who left during assessment.
        for _ in 0..<max(1, stories.count / 3) {
            family += 1
            waiting(family: family, into: &out)
        }
        for _ in 0..<max(1, stories.count / 4) {
            family += 1
            leaving(family: family, into: &out)
        }
        sgoCounts(the903, into: &out)
    }

    private mutating func child(_ s: AdoptionStory, into out: inout SyntheticReturn) {
        var row = ["child_id": s.child, "date_of_birth": s.dob.dmy, "sex": s.sex, "ethnicity": s.ethnicity,
                   "disability": random.chance(0.05) ? "Y" : "N", "entered_care_date": s.enteredCare.dmy,
                   "adm_decision_date": s.decision.dmy, "placement_order_date": s.placementOrder.dmy,
                   "sibling_group": "N", "family_finding": s.matched == nil ? "Y" : "N"]
        if let m = s.matched { row["matched_date"] = m.dmy }
        if let p = s.placed {
            row["placed_date"] = p.dmy
            row["placement_provider"] = "PR1"  // as the 903 generator places: the council's own adopters
        }
        if let a = s.adopted {
            row["permanence_order_date"] = a.dmy
            row["permanence_order_type"] = "ADO"
        }
        out.add("Adoptions", row)
    }

    /// A couple (the 903's two adopters, male and female) whose journey led to the match.
    private mutating func adopters(family: Int, matched: SimpleDate, story: AdoptionStory, into out: inout SyntheticReturn) {
        var dates = journey(approvedBy: matched.adding(days: -random.int(30...200)))
        dates["matched_date"] = matched.dmy
        if let p = story.placed {
            dates["placed_date"] = p.dmy
            dates["children_placed"] = "1"
            dates["placement_provider"] = "PR1"
        }
        if let a = story.adopted { dates["adoption_order_date"] = a.dmy }
        couple(family, dates, into: &out)
    }

    private mutating func waiting(family: Int, into out: inout SyntheticReturn) {
        couple(family, journey(approvedBy: end.adding(days: -random.int(10...300))), into: &out)
    }

    /// An adopter who withdrew during stage 1 in the year.
    private mutating func leaving(family: Int, into out: inout SyntheticReturn) {
        let enquiry = start.adding(days: random.int(0...200))
        let stage1 = enquiry.adding(days: random.int(14...40))
        add(["adopter_id": "AD\(family)A", "family_id": "FAM\(family)", "sex": random.chance(0.5) ? "F" : "M",
             "ethnicity": ethnicity(), "disability": "N", "ffa": "N", "enquiry_date": enquiry.dmy,
             "stage1_start_date": stage1.dmy, "left_date": stage1.adding(days: random.int(10...60)).dmy, "left_reason": "LR1"],
            into: &out)
    }

    /// Enquiry, stage 1, application, stage 2 and approval, back from the day of approval.
    private mutating func journey(approvedBy approved: SimpleDate) -> [String: String] {
        let stage2End = approved.adding(days: -random.int(5...30))
        let stage2Start = stage2End.adding(days: -random.int(100...130))
        let stage1End = stage2Start.adding(days: -random.int(5...20))
        let stage1Start = stage1End.adding(days: -random.int(50...70))
        let enquiry = stage1Start.adding(days: -random.int(14...60))
        return ["enquiry_date": enquiry.dmy, "stage1_start_date": stage1Start.dmy, "stage1_end_date": stage1End.dmy,
                "application_date": stage1End.dmy, "stage2_start_date": stage2Start.dmy, "stage2_end_date": stage2End.dmy,
                "approved_date": approved.dmy, "ffa": random.chance(0.2) ? "Y" : "N"]
    }

    private mutating func couple(_ family: Int, _ shared: [String: String], into out: inout SyntheticReturn) {
        let ethnic = ethnicity()
        for (suffix, sex) in [("A", "F"), ("B", "M")] {
            add(shared.merging(["adopter_id": "AD\(family)\(suffix)", "family_id": "FAM\(family)", "sex": sex,
                                "ethnicity": ethnic, "disability": random.chance(0.03) ? "Y" : "N"]) { a, _ in a },
                into: &out)
        }
    }

    private func add(_ row: [String: String], into out: inout SyntheticReturn) { out.add("AdoptiveFamilies", row) }

    private mutating func ethnicity() -> String {
        random.weighted([("WBRI", 80), ("WOTH", 5), ("MWBC", 3), ("APKN", 4), ("BAFR", 4), ("BCRB", 4)])
    }

    /// Each quarter's special guardianship orders: SG1 and SG2 as the 903's endings give them
    /// (E45-E48, and E45-E46 to former foster carers), SG3 (children not looked after) a few.
    private mutating func sgoCounts(_ the903: SyntheticReturn, into out: inout SyntheticReturn) {
        let endings = (the903.rows["Episodes"] ?? []).compactMap { e -> (SimpleDate, String)? in
            guard let day = e["DEC"].flatMap({ SimpleDate(dmy: $0) }), let reason = e["REC"] else { return nil }
            return (day, reason)
        }
        // Each quarter ends where the return's period for it does.
        let quarter = spec.parameters.first { $0.type == .quarter }?.name ?? ""
        var first = start
        for q in 1...4 {
            let last = spec.period(for: [quarter: "Q\(q)"]).end
            defer { first = last.adding(days: 1) }
            let inQuarter = endings.filter { $0.0 >= first && $0.0 <= last }.map(\.1)
            let counts = [("SG1", inQuarter.filter { ["E45", "E46", "E47", "E48"].contains($0) }.count),
                          ("SG2", inQuarter.filter { ["E45", "E46"].contains($0) }.count),
                          ("SG3", random.int(0...3))]
            for (measure, count) in counts {
                out.add("SGOs", ["quarter": "Q\(q)", "measure": measure, "count": String(count)])
            }
        }
    }
}
