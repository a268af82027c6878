/// A named list of valid codes, each with its label.
public struct CodeList: Codable, Sendable, Equatable {
    public var name: String
    public var description: String?
    /// Codes in the order the DfE publishes them.
    public var codes: [String]
    public var labels: [String: String]
    /// Other ways the same code is written that `--fix` may safely replace
    /// (e.g. the numeric sex codes used before 2025), keyed by the lower-cased form.
    public var aliases: [String: String] = [:]

    public func contains(_ code: String) -> Bool { labels[code] != nil }

    /// Every way of writing a code, in lower case, to the code: its label, its aliases and the code
    /// itself, each taking precedence over the one before (as `code_for` resolves them).
    var spellings: [String: String] {
        var out: [String: String] = [:]
        for c in codes { if let l = labels[c] { out[l.lowercased()] = out[l.lowercased()] ?? c } }
        out.merge(aliases) { _, alias in alias }
        for c in codes { out[c.lowercased()] = c }
        return out
    }

    /// The code whose label, or alias, is exactly this text (ignoring case).
    func code(forLabel text: String) -> String? {
        let key = text.lowercased()
        if let code = aliases[key] { return code }
        return codes.first { labels[$0]?.lowercased() == key }
    }
}
