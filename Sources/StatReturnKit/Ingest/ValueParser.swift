import Foundation
import GRDB

/// Turns one cell's text into its typed value for SQLite, once, at ingest.
struct ValueParser {
    enum Outcome {
        case value(DatabaseValue)
        case blank
        case invalid
    }

    let field: FieldSpec
    let codeList: CodeList?
    let dateFormat: ReturnSpec.DateFormat
    private let pattern: NSRegularExpression?
    private let also: Set<String>

    // Full postcodes, or the sector (outward code and the first digit of the inward
    // code) that the 903 asks for.
    private static let postcode = try! NSRegularExpression(
        pattern: "^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9]([A-Z]{2})?$")

    init(field: FieldSpec, codeList: CodeList?, dateFormat: ReturnSpec.DateFormat) throws {
        self.field = field
        self.codeList = codeList
        self.dateFormat = dateFormat
        self.pattern = try field.pattern.map { try NSRegularExpression(pattern: "^(?:\($0))$") }
        self.also = Set(field.alsoAllowed ?? [])
    }

    func parse(_ raw: String) -> Outcome {
        let text = raw.trimmingCharacters(in: .whitespaces)
        if text.isEmpty { return .blank }
        if also.contains(text) { return .value(text.databaseValue) }
        if let max = field.maxLength, text.count > max { return .invalid }
        if let min = field.minLength, text.count < min { return .invalid }
        if let p = pattern, !p.matches(text) { return .invalid }
        switch field.type {
        case .string:
            return .value(text.databaseValue)
        case .code:
            return codeList?.contains(text) == true ? .value(text.databaseValue) : .invalid
        case .date:
            let d = dateFormat == .dmy ? SimpleDate(dmy: text) : SimpleDate(iso: text)
            return d.map { .value($0.iso.databaseValue) } ?? .invalid
        case .integer:
            guard let n = Int(text) else { return .invalid }
            if let lo = field.min, n < lo { return .invalid }
            if let hi = field.max, n > hi { return .invalid }
            return .value(n.databaseValue)
        case .flag:
            switch text {
            case "0": return .value(0.databaseValue)
            case "1": return .value(1.databaseValue)
            default: return .invalid
            }
        case .postcode:
            return ValueParser.postcode.matches(text.uppercased()) ? .value(text.databaseValue) : .invalid
        case .upn:
            return UPN.isValid(text) ? .value(text.databaseValue) : .invalid
        }
    }
}

extension NSRegularExpression {
    func matches(_ s: String) -> Bool {
        firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil
    }
}
