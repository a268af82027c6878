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

    /// The name of a workbook submission's file, without `.xlsx`, from the spec's `file_name`
    /// pattern (nil when it has none). Each value is written with its letters and digits only
    /// (`Barking and Dagenham` as `BarkingandDagenham`), as a file name takes no spaces; a
    /// declared parameter the pattern names must be given.
    public static func fileName(_ spec: ReturnSpec, parameters: [String: String]) throws -> String? {
        guard let pattern = spec.submission.fileName else { return nil }
        let known = fileNameValues(spec)
        var out = ""
        for (n, part) in pattern.split(separator: "{", omittingEmptySubsequences: false).enumerated() {
            guard n > 0, let close = part.firstIndex(of: "}") else { out += part; continue }
            let name = String(part[..<close])
            guard let value = parameters[name] ?? known[name] else {
                let p = spec.parameters.first { $0.name == name }
                throw InputError(file: p?.alias ?? "--param \(name)", problem: "give it for the file name (\(pattern)): \(p?.help ?? name)")
            }
            out += value.filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" } + part[part.index(after: close)...]
        }
        return out
    }

    /// The values a `file_name` pattern may name besides the return's parameters.
    static func fileNameValues(_ spec: ReturnSpec) -> [String: String] {
        ["year": spec.year, "year_digits": spec.year.filter(\.isNumber)]
    }
}
