/// A synthetic council's CIN census: referrals followed, on working days, by assessments
/// with their factors, CIN plans, or section 47 enquiries leading to conferences and
/// child protection plans with reviews; cases close with a reason that fits what happened.
struct CINGenerator {
    let spec: ReturnSpec
    var random: SeededRandom

    private var start: SimpleDate { spec.period.start }
    private var end: SimpleDate { spec.period.end }

    private func workingDays(_ n: Int, after d: SimpleDate) -> SimpleDate {
        (try? spec.calendar.adding(workingDays: n, to: d)) ?? d.adding(days: n * 7 / 5)
    }

    /// The first working day on or after `d`.
    private func workingDay(_ d: SimpleDate) -> SimpleDate {
        var x = d
        while (try? spec.calendar.isWorkingDay(x)) == false { x = x.adding(days: 1) }
        return x
    }

    func header(into out: inout SyntheticReturn) {
        out.add("Header", ["Collection": "CIN", "Year": String(spec.period.referenceDate.year),
                           "ReferenceDate": spec.period.referenceDate.iso, "SourceLevel": "L", "LEA": "999",
                           "SoftwareCode": "Synthetic", "Release": "1", "SerialNo": "001",
                           "DateTime": "\(spec.period.referenceDate.year)-04-15T09:00:00"])
    }

    mutating func child(_ n: Int, into out: inout SyntheticReturn) {
        let id = "CIN\(100_000 + n)"
        let age = random.int(0...16)
        let dob = start.adding(days: -(age * 365 + random.int(10...300)))
        let sex = random.chance(0.52) ? "M" : "F"
        // School age (born by 31 August six years before the reference year) means a UPN.
        let schoolAge = dob <= SimpleDate(year: spec.period.referenceDate.year - 6, month: 8, day: 31)!
        let digits = String(format: "380%08d%d", n, n % 10)
        let upn = schoolAge ? String(UPN.checkLetter(for: digits)!) + digits : ""
        out.add("ChildIdentifiers", ["LAchildID": id, "UPN": upn, "UPNunknown": upn.isEmpty ? "UN1" : "",
                                     "PersonBirthDate": dob.iso, "Sex": sex])
        out.add("ChildCharacteristics", ["LAchildID": id, "Ethnicity": random.weighted([("WBRI", 70), ("WOTH", 5), ("MWBC", 4),
                                         ("AIND", 3), ("APKN", 4), ("BAFR", 5), ("BCRB", 3), ("CHNE", 1), ("OOTH", 5)])])
        let disability = random.weighted([("NONE", 80), ("AUT", 5), ("LD", 4), ("COMM", 3), ("BEH", 3), ("MOB", 1), ("HAND", 1),
                                          ("PC", 1), ("HEAR", 1), ("VIS", 1), ("CON", 1), ("INC", 1), ("DDA", 1)])
        out.add("Disabilities", ["LAchildID": id, "Disability": disability])
        if disability != "NONE" && random.chance(0.2) {
            out.add("Disabilities", ["LAchildID": id, "Disability": disability == "LD" ? "COMM" : "LD"])
        }

        // A referral in the year, or an older case still open.
        let older = random.chance(0.15)
        let referral = workingDay(older ? start.adding(days: -random.int(5...25)) : start.adding(days: random.int(0...250)))
        var details: [String: String] = ["LAchildID": id, "CINreferralDate": referral.iso,
                                         "ReferralSource": random.pick(["1A", "2A", "3A", "3B", "5D", "6", "8"]),
                                         "PrimaryNeedCode": random.weighted([("N1", 50), ("N4", 15), ("N5", 20), ("N3", 10), ("N2", 5)]),
                                         "ReferralNFA": "0"]
        let keys = ["LAchildID": id, "CINreferralDate": referral.iso]
        let assessmentStart = workingDays(random.int(1...5), after: referral)
        // The census carries what happened in the year: an older case's assessment ends in it.
        var assessmentEnd: SimpleDate? = max(workingDays(random.int(10...40), after: assessmentStart), workingDay(start))
        if assessmentEnd! > end { assessmentEnd = nil }
        out.add("Assessments", keys.merging(["AssessmentActualStartDate": assessmentStart.iso,
                                             "AssessmentAuthorisationDate": assessmentEnd?.iso ?? ""]) { a, _ in a })
        guard let assessed = assessmentEnd else { out.add("CINdetails", details); return }
        for factor in ["3B", "4B", "16A", "17A", "2B", "1B", "14A", "18C"].shuffled(using: &random).prefix(random.int(1...3)) {
            out.add("AssessmentFactors", keys.merging(["AssessmentActualStartDate": assessmentStart.iso, "AssessmentFactor": factor]) { a, _ in a })
        }
        switch random.weighted([("plan", 50), ("protection", 25), ("closed", 25)]) {
        case "closed":
            details["CINclosureDate"] = assessed.iso
            details["ReasonForClosure"] = random.pick(["RC8", "RC9"])
        case "plan":
            let planStart = workingDays(random.int(1...10), after: assessed)
            guard planStart <= end else { break }
            let planEnd = workingDays(random.int(60...160), after: planStart)
            let ended = planEnd <= end
            out.add("CINPlanDates", keys.merging(["CINPlanStartDate": planStart.iso, "CINPlanEndDate": ended ? planEnd.iso : ""]) { a, _ in a })
            if ended { details["CINclosureDate"] = planEnd.iso; details["ReasonForClosure"] = "RC7" }
        default:
            let enquiry = max(workingDays(random.int(1...4), after: assessmentStart), workingDay(start))
            let conference = workingDays(random.int(8...15), after: enquiry)
            guard conference <= end else { break }
            out.add("Section47", keys.merging(["S47ActualStartDate": enquiry.iso, "InitialCPCtarget": workingDays(15, after: enquiry).iso,
                                               "DateOfInitialCPC": conference.iso, "ICPCnotRequired": "0"]) { a, _ in a })
            let planEnd = workingDays(random.int(120...300), after: conference)
            let ended = planEnd <= end
            let category = random.pick(["NEG", "EMO", "PHY"])
            out.add("ChildProtectionPlans", keys.merging(["CPPstartDate": conference.iso, "CPPendDate": ended ? planEnd.iso : "",
                                                          "InitialCategoryOfAbuse": category, "LatestCategoryOfAbuse": category,
                                                          "NumberOfPreviousCPP": "0"]) { a, _ in a })
            var review = workingDays(60, after: conference)
            while review <= end && (!ended || review < planEnd) {
                out.add("CPPreviews", keys.merging(["CPPstartDate": conference.iso, "CPPreviewDate": review.iso]) { a, _ in a })
                review = workingDays(120, after: review)
            }
            if ended { details["CINclosureDate"] = planEnd.iso; details["ReasonForClosure"] = "RC7" }
        }
        out.add("CINdetails", details)
    }
}
