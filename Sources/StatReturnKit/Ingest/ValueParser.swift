import Foundation
import GRDB

/// Turns one cell's text into its typed value for SQLite, once, at ingest.
final class ValueParser {
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
    private let blanks: Set<String>
    /// Regular-expression results by value: codes, postcodes and URNs repeat across a
    /// return, and matching costs far more than a lookup. Bounded, so memory stays flat.
    private var matched: [String: Bool] = [:]

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
        self.blanks = Set(field.blankValues ?? [])
    }

    func parse(_ raw: String) -> Outcome {
        let text = Self.trimmed(raw)
        if text.isEmpty || blanks.contains(text) { return .blank }
        if also.contains(text) { return .value(text.databaseValue) }
        if field.maxLength != nil || field.minLength != nil {
            // Bytes bound characters from above; count characters only when that is not enough.
            let bytes = text.utf8.count
            let length = bytes <= (field.maxLength ?? Int.max) && field.minLength == nil ? bytes : text.count
            if let max = field.maxLength, length > max { return .invalid }
            if let min = field.minLength, length < min { return .invalid }
        }
        if let p = pattern, !matches(p, text) { return .invalid }
        switch field.type {
        case .string:
            return .value(text.databaseValue)
        case .code:
            return codeList?.contains(text) == true ? .value(text.databaseValue) : .invalid
        case .date:
            return dateFormat.date(text).map { .value($0.iso.databaseValue) } ?? .invalid
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
            return matches(ValueParser.postcode, text.uppercased()) ? .value(text.databaseValue) : .invalid
        case .upn:
            return UPN.isValid(text) ? .value(text.databaseValue) : .invalid
        }
    }
}

extension ValueParser {
    /// Spaces and tabs off both ends; most cells have none, so check before trimming.
    static func trimmed(_ s: String) -> String {
        guard let first = s.utf8.first, let last = s.utf8.last else { return s }
        if first != 32 && first != 9 && last != 32 && last != 9 { return s }
        return s.trimmingCharacters(in: .whitespaces)
    }

    private func matches(_ p: NSRegularExpression, _ text: String) -> Bool {
        if let known = matched[text] { return known }
        let result = p.matches(text)
        if matched.count < 100_000 { matched[text] = result }
        return result
    }
}

extension NSRegularExpression {
    func matches(_ s: String) -> Bool {
        firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil
    }
}
