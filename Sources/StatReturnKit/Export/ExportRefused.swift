/// A submission is written only from data with no errors, unless a draft is asked for.
public struct ExportRefused: Error, CustomStringConvertible {
    public let errors: Int
    public init(errors: Int) { self.errors = errors }
    public var description: String {
        "not exported: \(errors) error\(errors == 1 ? "" : "s") remain; fix them, or give --draft to export anyway"
    }
}
