/// A named list of valid codes, each with its label.
public struct CodeList: Sendable, Equatable {
    public var name: String
    public var description: String?
    /// Codes in the order the DfE publishes them.
    public var codes: [String]
    public var labels: [String: String]

    public func contains(_ code: String) -> Bool { labels[code] != nil }
}
