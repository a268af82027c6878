/// One change `--fix` made to a value before the rules ran. Input files are not touched.
public struct Fix: Sendable, Codable, Equatable {
    public var file: String
    /// Where in `file`, as a finding's `row` says it.
    public var row: Int
    public var field: String
    public var before: String
    public var after: String
    public var reason: String
}
