/// The dates a return covers, bound into every rule query as parameters.
public struct CollectionPeriod: Codable, Sendable, Equatable {
    public var start: SimpleDate
    public var end: SimpleDate
    public var referenceDate: SimpleDate

    enum CodingKeys: String, CodingKey { case start, end, referenceDate = "reference_date" }

    /// SQL parameter names and values: `:collection_start`, `:collection_end`, `:reference_date`.
    public var parameters: [String: String] {
        ["collection_start": start.iso, "collection_end": end.iso, "reference_date": referenceDate.iso]
    }
}
