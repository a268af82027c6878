/// A synthetic council's SSDA903: children whose care follows the usual course. Periods of
/// care chain episode to episode without gaps or overlaps; placements change with a reason;
/// a care order becomes full after the interim; reviews fall at 20 working days, three months
/// and then six-monthly; teenagers sometimes go missing; young children with a placement
/// order go through decision, match, placement and adoption in order; care ends at 18.
struct SSDA903Generator {
    let spec: ReturnSpec
    var random: SeededRandom
    /// The adoption stories of the children written, in their order, for the returns that tell
    /// them too (the ASGLB): kept as they happen, drawing nothing more from `random`.
    var adoptions: [AdoptionStory] = []

    private var start: SimpleDate { spec.period.start }
    private var end: SimpleDate { spec.period.end }

    mutating func child(_ n: Int, into out: inout SyntheticReturn) {
        let id = "C\(100_000 + n)"
        let age = random.weighted([(0, 8), (1, 5), (2, 4), (3, 4), (4, 4), (5, 4), (6, 4), (7, 4), (8, 4), (9, 4),
                                   (10, 5), (11, 5), (12, 6), (13, 7), (14, 8), (15, 9), (16, 8), (17, 7)])
        let dob = start.adding(days: -(age * 365 + random.int(20...340)))
        let sex = random.chance(0.55) ? "M" : "F"
        let school = dob.age(on: SimpleDate(year: start.year - 1, month: 8, day: 31)!) >= 4
        let header = ["CHILD": id, "SEX": sex, "DOB": dob.dmy,
                           "ETHNIC": random.weighted([("WBRI", 70), ("WOTH", 4), ("MWBC", 4), ("MOTH", 3), ("AIND", 2), ("APKN", 3),
                                                      ("BAFR", 4), ("BCRB", 3), ("OOTH", 2), ("CHNE", 1), ("NOBT", 4)]),
                           "UPN": school ? upn(n) : "UN1", "MOTHER": sex == "F" ? "0" : "", "MC_DOB": ""]
        let eighteen = SimpleDate(year: dob.year + 18, month: dob.month, day: min(dob.day, SimpleDate.daysIn(month: dob.month, year: dob.year + 18)))!
        let earliest = max(dob.adding(days: 30), start.adding(days: -900))
        let latest = min(end.adding(days: -60), eighteen.adding(days: -60))
        guard earliest < latest else { return }
        let careStart = earliest.adding(days: random.int(0...(latest.dayNumber - earliest.dayNumber)))
        let adoption = age <= 3 && random.chance(0.3)
        // Unaccompanied asylum-seeking children mostly come into care as teenagers.
        let uasc = dob.age(on: careStart) >= 14 && random.chance(0.25)
        var legal = adoption ? "C1" : random.weighted([("C2", 60), ("C1", 20), ("V2", 20)])
        let need = random.weighted([("N1", 60), ("N4", 10), ("N5", 15), ("N2", 5), ("N8", 10)])
        let home = sector()
        var episodes: [[String: String]] = []
        var cursor = careStart
        var placement = place(age: careStart.year - dob.year, home: home)
        var decision: SimpleDate?, match: SimpleDate?, order: SimpleDate?, placed: SimpleDate?, adopted: SimpleDate?
        var adoptionRows: [(table: String, row: [String: String])] = []  // written if the child is in the year
        var reason = "S"
        while true {
            let length = random.int(60...300)
            var next = cursor.adding(days: length)
            // An adoption on 31 March itself would count the child both as adopted and as looked
            // after all year, which the DfE's rules (187, 191) cannot both accept.
            if placement.type.hasPrefix("A") && next == end { next = end.adding(days: -1) }
            var ep: [String: String] = ["CHILD": id, "DECOM": cursor.dmy, "RNE": reason, "LS": legal, "CIN": need,
                                        "PLACE": placement.type, "PLACE_PROVIDER": placement.provider, "HOME_POST": home,
                                        "PL_POST": placement.postcode, "URN": placement.urn]
            if next >= eighteen { next = eighteen }
            if next > end {
                episodes.append(ep)
                break
            }
            // What happens next: a move, a change of legal status, the end of care.
            if next == eighteen || (!adoption && random.chance(0.25)) {
                ep["DEC"] = next.dmy
                ep["REC"] = next == eighteen ? (placement.type.hasPrefix("U") ? "E17" : "E5")
                    : random.weighted([("E4A", 5), ("E13", 2), ("E41", 2), ("E48", 1)])
                episodes.append(ep)
                break
            }
            ep["DEC"] = next.dmy
            ep["REC"] = "X1"
            if legal == "C1" {
                legal = adoption ? "E1" : "C2"
                reason = "L"
                if adoption {
                    // The decision that the child should be placed for adoption precedes the placement order.
                    decision = max(cursor, next.adding(days: -random.int(10...40)))
                    order = next
                    adoptionRows.append(("PlacedAdoption", ["CHILD": id, "DOB": dob.dmy, "DATE_PLACED": decision!.dmy]))
                }
            } else if adoption && legal == "E1" && !placement.type.hasPrefix("A") {
                placement = (type: "A6", provider: "PR1", postcode: sector(not: home), urn: "XXXXXXX")
                ep["REASON_PLACE_CHANGE"] = "CARPL"
                reason = "P"
                match = max(decision!, next.adding(days: -random.int(7...30)))
                placed = next
            } else if placement.type.hasPrefix("A") {
                ep["REC"] = "E11"
                adopted = next
                episodes.append(ep)
                if next >= start {
                    adoptionRows.append(("AD1", ["CHILD": id, "DOB": dob.dmy, "DATE_INT": decision!.dmy, "DATE_MATCH": match!.dmy,
                                                 "FOSTER_CARE": "0", "NB_ADOPTR": "2", "SEX_ADOPTR": "MF", "LS_ADOPTR": "L11"]))
                }
                break
            } else {
                placement = place(age: next.year - dob.year, home: home, from: placement.postcode)
                ep["REASON_PLACE_CHANGE"] = random.weighted([("CARPL", 5), ("CHILD", 1), ("CREQO", 2), ("LAREQ", 1)])
                reason = "P"
            }
            episodes.append(ep)
            cursor = next
        }
        // The 903 holds the children looked after in the year, and their episodes open at,
        // or starting in, it.
        let inYear = episodes.filter { ($0["DEC"].flatMap { SimpleDate(dmy: $0) } ?? end) >= start }
        guard !inYear.isEmpty else { return }
        out.add("Header", header)
        for ep in inYear { out.add("Episodes", ep) }
        if let decision, let order {
            adoptions.append(AdoptionStory(child: id, dob: dob, sex: sex, ethnicity: header["ETHNIC"]!, enteredCare: careStart,
                                           decision: decision, placementOrder: order, matched: match, placed: placed, adopted: adopted))
        }
        for (table, row) in adoptionRows { out.add(table, row) }
        if uasc {
            // The status ends at 18, within the year for a young person who turns 18 in it.
            var row = ["CHILD": id, "SEX": sex, "DOB": dob.dmy]
            if eighteen <= end { row["DUC"] = eighteen.dmy }
            out.add("UASC", row)
        }
        if careStart >= start {
            // A child starting care in the year: had they a permanence order before? Usually not.
            out.add("PrevPerm", ["CHILD": id, "DOB": dob.dmy, "PREV_PERM": "Z1"])
        }
        if spec.table("DoLo") != nil, let last = inYear.last, last["PLACE"] == "K2", last["DEC"] == nil, random.chance(0.15) {
            // A deprivation of liberty order for a young person in a children's home.
            let from = max(SimpleDate(dmy: last["DECOM"]!)!, start).adding(days: random.int(1...30))
            if from < end { out.add("DoLo", ["CHILD": id, "DOB": dob.dmy, "DOLO_START": from.dmy]) }
        }
        addReviews(id, dob: dob, careStart: careStart, episodes: episodes, into: &out)
        addMissing(id, dob: dob, episodes: inYear, into: &out)
        let openAtEnd = episodes.last?["DEC"] == nil
        if openAtEnd {
            // A social worker from the start of care, or of the year, still allocated at 31 March.
            out.add("SWEpisodes", ["CHILD": id, "DOB": dob.dmy, "SW_ID": "SW\(random.int(1000...1400))",
                                   "SW_DECOM": max(careStart, start).dmy, "SW_REASON": "FCONTA"])
        }
        // Looked after for the whole year: from 1 April to 31 March (ending that day counts).
        let endsOnLastDay = episodes.last?["DEC"] == end.dmy
        if (openAtEnd || endsOnLastDay) && careStart <= start && legal != "V3" && legal != "V4" {
            addOutcomes(id, dob: dob, into: &out)
        }
    }

    /// A care leaver around their 18th to 20th birthday, who left care before the year: in
    /// touch, with their activity and accommodation (OC3), and no episodes this year.
    mutating func careLeaver(_ n: Int, into out: inout SyntheticReturn) {
        let id = "L\(100_000 + n)"
        let dob = start.adding(days: -(random.int(18...20) * 365 + random.int(20...340)))
        out.add("Header", ["CHILD": id, "SEX": random.chance(0.55) ? "M" : "F", "DOB": dob.dmy, "ETHNIC": "WBRI",
                           "UPN": upn(5_000_000 + n)])
        out.add("OC3", ["CHILD": id, "DOB": dob.dmy, "IN_TOUCH": "YES",
                        "ACTIV": random.weighted([("F2", 3), ("F5", 3), ("P5", 1), ("G5", 2), ("F1", 1)]),
                        "ACCOM": random.weighted([("U1", 4), ("D1", 2), ("B1", 2), ("E1", 1), ("T1", 1)])])
    }

    /// OC2: the outcomes of a child looked after for the whole year, as the DfE asks by age.
    private mutating func addOutcomes(_ id: String, dob: SimpleDate, into out: inout SyntheticReturn) {
        let ageAtEnd = dob.age(on: end)
        var row = ["CHILD": id, "DOB": dob.dmy, "IMMUNISATIONS": "1", "TEETH_CHECK": "1", "HEALTH_ASSESSMENT": "1",
                   "SUBSTANCE_MISUSE": "0"]
        if ageAtEnd >= 4 && dob.age(on: start) < 17 { row["SDQ_SCORE"] = String(random.int(3...30)) }
        if ageAtEnd >= 10 { row["CONVICTED"] = "0" }
        if ageAtEnd < 5 { row["HEALTH_CHECK"] = "1" }
        out.add("OC2", row)
    }

    private mutating func addReviews(_ id: String, dob: SimpleDate, careStart: SimpleDate, episodes: [[String: String]],
                                     into out: inout SyntheticReturn) {
        let careEnd = episodes.last?["DEC"].flatMap { SimpleDate(dmy: $0) } ?? end.adding(days: 1)
        var review = careStart.adding(days: random.int(14...27))
        var gap = 90
        while review < careEnd && review <= end {
            if review >= start {
                let code = dob.age(on: review) < 4 ? "PN0" : random.weighted([("PN1", 5), ("PN2", 1), ("PN3", 1), ("PN5", 2), ("PN6", 1)])
                out.add("Reviews", ["CHILD": id, "DOB": dob.dmy, "REVIEW": review.dmy, "REVIEW_CODE": code])
            }
            review = review.adding(days: gap - random.int(0...10))
            gap = 180
        }
    }

    private mutating func addMissing(_ id: String, dob: SimpleDate, episodes: [[String: String]], into out: inout SyntheticReturn) {
        guard dob.age(on: start) >= 12, random.chance(0.15) else { return }
        for ep in episodes where random.chance(0.5) {
            let from = max(SimpleDate(dmy: ep["DECOM"]!)!, start)
            let to = min(ep["DEC"].flatMap { SimpleDate(dmy: $0) } ?? end, end)
            guard to.dayNumber - from.dayNumber > 10 else { continue }
            let missingStart = from.adding(days: random.int(2...(to.dayNumber - from.dayNumber - 5)))
            out.add("Missing", ["CHILD": id, "DOB": dob.dmy, "MISSING": random.chance(0.7) ? "M" : "A",
                                "MIS_START": missingStart.dmy, "MIS_END": missingStart.adding(days: random.int(0...2)).dmy])
        }
    }

    private mutating func place(age: Int, home: String, from previous: String = "") -> (type: String, provider: String, postcode: String, urn: String) {
        var postcode = sector(not: home)
        while postcode == previous { postcode = sector(not: home) }
        if age >= 12 && random.chance(0.3) {
            return ("K2", "PR4", postcode, "SC\(random.int(100_000...999_999))")
        }
        let type = random.weighted([("U4", 3), ("U6", 5), ("U3", 2)])
        return (type, random.chance(0.6) ? "PR1" : "PR4", postcode, type == "U3" ? "XXXXXXX" : String(random.int(1_000_000...9_999_999)))
    }

    private mutating func sector(not other: String = "") -> String {
        random.pick(["LS1 4", "LS6 2", "LS9 8", "LS11 5", "BD3 7", "BD7 1", "WF1 3", "WF10 4", "HX1 2", "HD1 6", "YO1 9", "S10 3"]
            .filter { $0 != other })
    }

    /// A valid UPN, unique per child.
    private func upn(_ n: Int) -> String {
        let digits = String(format: "%03d%08d", 380 + n / 100_000_000 % 500, n % 100_000_000)
        let rest = digits + String(n % 10)
        return String(UPN.checkLetter(for: rest)!) + rest
    }
}

/// One child's way through adoption as the 903 generator told it: each step's day, nil for a
/// step not reached by the end of the year.
struct AdoptionStory {
    var child: String
    var dob: SimpleDate
    var sex: String
    var ethnicity: String
    var enteredCare: SimpleDate
    var decision: SimpleDate
    var placementOrder: SimpleDate
    var matched: SimpleDate?
    var placed: SimpleDate?
    var adopted: SimpleDate?
}
