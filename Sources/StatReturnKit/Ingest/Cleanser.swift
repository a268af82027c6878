/// The safe normalisations `validate --fix` makes before a value is parsed. Each one
/// only changes how a value is written, never what it means, and nothing is guessed:
/// a value that is ambiguous (e.g. a two-digit year) is left for the rules to report.
struct Cleanser {
    let field: FieldSpec
    let codeList: CodeList?
    let dateFormat: ReturnSpec.DateFormat

    /// The value to use and why, or nil when the value needs no change.
    func clean(_ raw: String) -> (value: String, reason: String)? {
        let trimmed = raw.trimmingCharacters(in: .whitespaces)
        var value = trimmed
        var reasons: [String] = trimmed == raw ? [] : ["removed surrounding spaces"]
        if let (v, why) = normalise(trimmed) {
            value = v
            reasons.append(why)
        }
        return reasons.isEmpty ? nil : (value, reasons.joined(separator: "; "))
    }

    private func normalise(_ v: String) -> (String, String)? {
        guard !v.isEmpty else { return nil }
        switch field.type {
        case .code:
            guard let list = codeList, !list.contains(v) else { return nil }
            if list.contains(v.uppercased()) { return (v.uppercased(), "upper-cased the code") }
            if let n = wholeNumber(v), list.contains(n) { return (n, "removed a spreadsheet's decimal point") }
            if let code = list.code(forLabel: v) { return (code, "replaced '\(v)' by the code it stands for") }
            return nil
        case .flag:
            switch v.lowercased() {
            case "true": return ("1", "wrote the boolean true as 1")
            case "false": return ("0", "wrote the boolean false as 0")
            default: return wholeNumber(v).map { ($0, "removed a spreadsheet's decimal point") }
            }
        case .integer:
            return wholeNumber(v).map { ($0, "removed a spreadsheet's decimal point") }
        case .date:
            return date(v)
        case .postcode, .upn:
            return v.uppercased() == v ? nil : (v.uppercased(), "upper-cased")
        case .string:
            return nil
        }
    }

    /// `1.0` or `2.00` as written by spreadsheets; nothing else.
    private func wholeNumber(_ v: String) -> String? {
        let parts = v.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].allSatisfy(\.isASCIIDigit),
              !parts[1].isEmpty, parts[1].allSatisfy({ $0 == "0" }) else { return nil }
        return String(parts[0])
    }

    /// ISO dates, and day or month written with one digit, to the return's date format.
    private func date(_ v: String) -> (String, String)? {
        let target: (SimpleDate) -> String = dateFormat == .dmy ? { $0.dmy } : { $0.iso }
        if dateFormat == .dmy, let d = SimpleDate(iso: v) { return (d.dmy, "wrote the ISO date as dd/mm/yyyy") }
        if dateFormat == .iso, let d = SimpleDate(dmy: v) { return (d.iso, "wrote the date as yyyy-mm-dd") }
        let parts = v.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[2].count == 4, (1...2).contains(parts[0].count), (1...2).contains(parts[1].count),
              parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
              let d = SimpleDate(year: Int(parts[2])!, month: Int(parts[1])!, day: Int(parts[0])!) else { return nil }
        let fixed = target(d)
        return fixed == v ? nil : (fixed, "wrote the day and month with two digits")
    }
}
