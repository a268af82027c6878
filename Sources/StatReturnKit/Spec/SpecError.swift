/// A mistake in a spec file, named by file and entry so its author can find it.
public struct SpecError: Error, CustomStringConvertible, Equatable {
    public let file: String
    public let entry: String
    public let problem: String

    public init(file: String, entry: String, problem: String) {
        self.file = file; self.entry = entry; self.problem = problem
    }

    public var description: String { entry.isEmpty ? "\(file): \(problem)" : "\(file): \(entry): \(problem)" }
}
