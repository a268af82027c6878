import Foundation

/// Fills the return-level values a spec's submission names (e.g. the CIN header).
public enum HeaderValues {
    /// StatReturn's release, written where a return records the software that made it.
    public static let version = "0.1.0"

    public static func fill(_ spec: ReturnSpec, lea: String?, serial: String, now: Date = Date()) throws -> [String: [String: String]] {
        let stamp = ISO8601DateFormatter()
        stamp.formatOptions = [.withInternetDateTime]
        let known = [
            "{reference_date}": spec.period.referenceDate.iso,
            "{reference_year}": String(spec.period.referenceDate.year),
            "{version}": version,
            "{serial}": serial,
            "{now}": stamp.string(from: now),
            "{lea}": lea ?? "",
        ]
        return try (spec.submission.header ?? [:]).mapValues { fields in
            try fields.mapValues { template in
                if template == "{lea}", lea == nil { throw InputError(file: "--lea", problem: "give the local authority's three-digit number") }
                return known[template] ?? template
            }
        }
    }
}
