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
        if files.isEmpty && sources.isEmpty, try companionMapping(for: spec) == nil {
            let datasets = spec.inputs.compactMap { i in if case .source = i.kind { return i.alias ?? "--input \(i.name)=..." } else { return nil } }
            let returns = spec.sources.values.compactMap(\.companions).first.map { $0.compactMap { c in spec.inputs.first { $0.kind == .companion(c) } } } ?? []
            throw InputError(file: "the command line", problem: "give the return's files or folders"
                             + (datasets.isEmpty ? "" : ", or a dataset it is made from (\(datasets.joined(separator: ", ")))")
                             + (returns.isEmpty ? "" : ", or the returns it is made from (\(returns.map { "--input \($0.name)=..." }.joined(separator: " and ")))"))
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

    /// The mapping over the return's companions (`companions:` in a `from-<name>.yml`) that the
    /// return is made from, with the companions' paths by input: when the run gives none of the
    /// return's own files and no dataset, but the companions. A mapping reads all of its
    /// companions together, so one given without the others is refused, naming them.
    public func companionMapping(for spec: ReturnSpec) throws -> (mapping: SourceMapping, inputs: [(name: String, path: String)])? {
        guard files.isEmpty, try sources(for: spec).isEmpty else { return nil }
        for mapping in spec.sources.values.sorted(by: { $0.source < $1.source }) {
            guard let companions = mapping.companions else { continue }
            let inputs = companions.compactMap { c in spec.inputs.first { $0.kind == .companion(c) } }
            let given = named.filter { n in inputs.contains { $0.name == n.name } }
            guard !given.isEmpty else { continue }
            let absent = inputs.filter { i in !given.contains { $0.name == i.name } }
            if !absent.isEmpty {
                throw InputError(file: "--input \(given[0].name)", problem: "\(spec.title) is made from "
                                 + inputs.map(\.name).joined(separator: " and ") + " together; give "
                                 + absent.map { "--input \($0.name)=PATH" }.joined(separator: " and ") + " too, or the return's own files")
            }
            // Made for a date (Annex A's inspection date), the return cannot be made without it.
            for date in Set(inputs.compactMap(\.yearCovering)) where parameters[date] == nil {
                let p = spec.parameters.first { $0.name == date }
                throw InputError(file: p?.alias ?? "--param \(date)", problem: "is needed to make \(spec.title) from "
                                 + inputs.map(\.name).joined(separator: " and ") + ": \(p?.help ?? "give it")")
            }
            return (mapping, given)
        }
        return nil
    }

    /// What the run makes the return from: each mapping used, with the inputs it reads as given
    /// (a dataset, or the companions); empty for a return given as its own files.
    public func madeFrom(for spec: ReturnSpec) throws -> [(mapping: SourceMapping, inputs: [(name: String, path: String)])] {
        try sources(for: spec).map { (spec.sources[$0.source]!, [($0.source, $0.path)]) } + [try companionMapping(for: spec)].compactMap { $0 }
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
            if let list = p.codes.flatMap({ spec.codeLists[$0] }), list.writtenForms[typed.trimmingCharacters(in: .whitespaces).lowercased()] == nil {
                throw InputError(file: "--param \(name)", problem: "'\(value)' is none of the \(list.name) codes (\(p.help))")
            }
            values[name] = typed
        }
        for p in spec.parameters where values[p.name] == nil {
            values[p.name] = p.labelOf.flatMap { l in values[l.parameter].flatMap { spec.codeLists[l.codes]?.labels[$0] } }
                ?? p.defaultValue(today: SimpleDate.today)
        }
        return values
    }
}
