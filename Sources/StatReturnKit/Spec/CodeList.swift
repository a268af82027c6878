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
    /// Each code and alias as `TableRecognizer.normalise` writes it (letters and digits, in
    /// capitals), alone and with the code's label after or before it (`N2 - Child's disability`,
    /// `WBRI - White British`, `Child's Disability [N2]`), to its code; a form two codes share is
    /// left out. Set by `spelled()`.
    private(set) var spellings: [String: String] = [:]

    public func contains(_ code: String) -> Bool { labels[code] != nil }

    /// Every way of writing a code, in lower case, to the code: its label, its aliases and the code
    /// itself, each taking precedence over the one before (as `code_for` resolves them).
    var writtenForms: [String: String] {
        var out: [String: String] = [:]
        for c in codes { if let l = labels[c] { out[l.lowercased()] = out[l.lowercased()] ?? c } }
        out.merge(aliases) { _, alias in alias }
        for c in codes { out[c.lowercased()] = c }
        return out
    }

    /// The code whose label, or alias, is exactly this text (ignoring case); failing that, the one
    /// code whose code or alias, alone or with the label, has the same letters and digits
    /// (`a)male`, `A) MALE` and `a. Male` for `a) Male`; `Not Stated / Recorded` for the alias
    /// `Not stated/recorded`). A label alone is not matched so: it is a description, whose
    /// punctuation may matter; beside its code there is no doubt which is meant.
    func code(forLabel text: String) -> String? {
        let key = text.lowercased()
        if let code = aliases[key] { return code }
        return codes.first { labels[$0]?.lowercased() == key } ?? spellings[TableRecognizer.normalise(text)]
    }

    /// This list with its `spellings` worked out from its codes and aliases.
    func spelled() -> CodeList {
        var list = self, ambiguous = Set<String>()
        list.spellings = [:]
        for (form, code) in codes.map({ ($0, $0) }) + aliases.map({ ($0.key, $0.value) }) {
            let label = labels[code] ?? ""
            for written in Set([form, "\(form) \(label)", "\(label) \(form)"].map { TableRecognizer.normalise($0) }) where !written.isEmpty {
                if let other = list.spellings.updateValue(code, forKey: written), other != code { ambiguous.insert(written) }
            }
        }
        for written in ambiguous { list.spellings[written] = nil }
        return list
    }
}
