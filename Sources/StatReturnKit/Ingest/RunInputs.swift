import Foundation

/// What one run reads: the return's own files, the inputs its spec declares (given by name),
/// and the parameters. Every command that reads a return takes the same.
public struct RunInputs: Sendable {
    public var files: [String]
    public var named: [(name: String, path: String)]
    public var parameters: [String: String]
    /// Read text that is not UTF-8 as Windows-1252 (each such value listed as a fix).
    public var legacyEncoding: Bool

    public init(files: [String], named: [(name: String, path: String)] = [], parameters: [String: String] = [:], legacyEncoding: Bool = false) {
        self.files = files; self.named = named; self.parameters = parameters; self.legacyEncoding = legacyEncoding
    }

    /// `NAME=VALUE` as typed after `option`.
    public static func pair(_ text: String, option: String) throws -> (name: String, value: String) {
        guard let eq = text.firstIndex(of: "="), eq != text.startIndex else {
            throw InputError(file: option, problem: "'\(text)' is not NAME=VALUE")
        }
        let name = String(text[..<eq]), value = String(text[text.index(after: eq)...])
        if value.isEmpty { throw InputError(file: "\(option) \(name)", problem: "is given no value") }
        return (name, value)
    }

    /// Every path the run reads, so that no output can land on one.
    public var paths: [String] { files + named.map(\.path) }

    /// Reads every file given. A file given for a reference list must be that list.
    public func inputFiles(for spec: ReturnSpec) throws -> [InputFile] {
        let sources = try self.sources(for: spec)
        if files.isEmpty && sources.isEmpty {
            throw InputError(file: "the command line", problem: "give the return's files or folders"
                             + (spec.sources.isEmpty ? "" : ", or a dataset it is made from (" + spec.inputs.compactMap { i in
                                 if case .source = i.kind { return i.alias ?? "--input \(i.name)=..." } else { return nil } }.joined(separator: ", ") + ")"))
        }
        var out = try InputFile.collect(paths: files)
        var listsGiven = Set<String>()
        for (name, path) in named {
            let input = try declared(name, in: spec)
            switch input.kind {
            case .source: continue
            case .previousYear: out += try InputFile.collect(paths: [path], previousYear: true)
            case .companion(let r): out += try InputFile.collect(paths: [path], companion: r)
            case .table(let t):
                guard listsGiven.insert(name).inserted else {
                    throw InputError(file: path, problem: "a second file for the \(name) list; give one")
                }
                out += try InputFile.collect(paths: [path]).map { var f = $0; f.mustBe = t; return f }
            }
        }
        if legacyEncoding { out = out.map { var f = $0; f.legacyEncoding = true; return f } }
        try InputFile.refuseDuplicates(out)
        return out
    }

    /// The datasets given that the return is made from, by the dataset's name (`ssd`), with the
    /// path or URL given.
    public func sources(for spec: ReturnSpec) throws -> [(source: String, path: String)] {
        var out: [(source: String, path: String)] = []
        for (name, path) in named {
            guard case .source(let s) = try declared(name, in: spec).kind else { continue }
            if out.contains(where: { $0.source == s }) { throw InputError(file: path, problem: "a second \(name) source; give one") }
            guard spec.sources[s] != nil else {
                throw InputError(file: path, problem: "\(spec.title) \(spec.year) says how it is made from \(s) nowhere (no from-\(s).yml)")
            }
            out.append((s, path))
        }
        return out
    }

    private func declared(_ name: String, in spec: ReturnSpec) throws -> InputSpec {
        guard let input = spec.inputs.first(where: { $0.name == name }) else {
            let known = spec.inputs.map(\.name).joined(separator: ", ")
            throw InputError(file: "--input \(name)", problem: "\(spec.title) \(spec.year) takes no input '\(name)' (it takes: \(known.isEmpty ? "none" : known))")
        }
        return input
    }

    /// The parameters, each one the spec declares and in the form it asks for.
    /// A value the datasets the return is made from take (the SSD's extract date) is taken too.
    public func checkedParameters(for spec: ReturnSpec) throws -> [String: String] {
        var values = parameters
        let declared = spec.parameters + spec.sources.values.flatMap(\.parameters).filter { p in !spec.parameters.contains { $0.name == p.name } }
        for (name, value) in parameters {
            guard let p = declared.first(where: { $0.name == name }) else {
                let known = declared.map(\.name).joined(separator: ", ")
                throw InputError(file: "--param \(name)", problem: "\(spec.title) \(spec.year) takes no value '\(name)' (it takes: \(known.isEmpty ? "none" : known))")
            }
            guard let typed = p.value(value) else {
                throw InputError(file: p.alias ?? "--param \(name)", problem: "'\(value)' is not " + (p.type == .quarter ? "a quarter (Q1, Q2, Q3 or Q4)" : "a date (dd/mm/yyyy)"))
            }
            if let pattern = p.pattern, typed.range(of: "^(?:\(pattern))$", options: .regularExpression) == nil {
                throw InputError(file: "--param \(name)", problem: "'\(value)' is not in the form it takes (\(p.help))")
            }
            if let list = p.codes.flatMap({ spec.codeLists[$0] }), list.spellings[typed.trimmingCharacters(in: .whitespaces).lowercased()] == nil {
                throw InputError(file: "--param \(name)", problem: "'\(value)' is none of the \(list.name) codes (\(p.help))")
            }
            values[name] = typed
        }
        for p in spec.parameters where values[p.name] == nil {
            values[p.name] = p.defaultValue(today: SimpleDate.today)
        }
        return values
    }
}
