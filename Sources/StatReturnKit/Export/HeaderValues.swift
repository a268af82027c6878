import Foundation

/// Fills the return-level values a spec's submission names (e.g. the CIN header).
public enum HeaderValues {
    /// StatReturn's release, written where a return records the software that made it.
    public static let version = "0.1.0"

    /// A `{name}` template of a declared parameter takes its value, which must then be given.
    public static func fill(_ spec: ReturnSpec, parameters: [String: String], serial: String, now: Date = Date()) throws -> [String: [String: String]] {
        let stamp = ISO8601DateFormatter()
        stamp.formatOptions = [.withInternetDateTime]
        var known = [
            "{reference_date}": spec.period.referenceDate.iso,
            "{reference_year}": String(spec.period.referenceDate.year),
            "{version}": version,
            "{serial}": serial,
            "{now}": stamp.string(from: now),
        ]
        for (name, value) in parameters { known["{\(name)}"] = value }
        return try (spec.submission.header ?? [:]).mapValues { fields in
            try fields.mapValues { template in
                if let p = spec.parameters.first(where: { "{\($0.name)}" == template }), parameters[p.name] == nil {
                    throw InputError(file: "--param \(p.name)", problem: "give it for the return's header: \(p.help)")
                }
                return known[template] ?? template
            }
        }
    }
}
