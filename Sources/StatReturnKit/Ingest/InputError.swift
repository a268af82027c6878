/// Input StatReturn cannot read: reported with the file, line and field, and exit 2.
public struct InputError: Error, CustomStringConvertible {
    public let file: String
    public let line: Int?
    public let field: String?
    public let problem: String

    public init(file: String, line: Int? = nil, field: String? = nil, problem: String) {
        self.file = file; self.line = line; self.field = field; self.problem = problem
    }

    public var description: String {
        var place = file
        if let line { place += ":\(line)" }
        if let field { place += " (\(field))" }
        return "\(place): \(problem)"
    }
}
