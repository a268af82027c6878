/// The dates a return covers, bound into every rule query as parameters.
public struct CollectionPeriod: Codable, Sendable, Equatable {
    public var start: SimpleDate
    public var end: SimpleDate
    public var referenceDate: SimpleDate

    enum CodingKeys: String, CodingKey { case start, end, referenceDate = "reference_date" }

    /// Parameters a run may be given besides the period, e.g. the council's own local authority.
    public static let optionalParameters = ["la_code"]

    /// SQL parameter names and values: `:collection_start`, `:collection_end`, `:reference_date`.
    public var parameters: [String: String] {
        ["collection_start": start.iso, "collection_end": end.iso, "reference_date": referenceDate.iso]
    }
}
