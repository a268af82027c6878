/// A user's run, as validate and export make it: the return's files, and the return made
/// from any dataset given (`--ssd`) or from the companions given (`--input cin=...`), checked
/// together. The data it is made from is checked on its own terms first (the dataset's rules,
/// or each companion return's), and those findings come first in the one result.
extension Validator {
    /// Without an owners list, the owners a dataset's allocations name are used.
    public func validate(_ run: RunInputs, specs: SpecLoader, owners given: Owners = Owners()) throws -> ValidationResult {
        var validator = self
        validator.spec = try spec.companionsFor(run: parameters, loader: specs)
        var feeds: [TableFeed] = [], checks: [ValidationResult] = [], owners = given
        for (source, path) in try run.sources(for: spec) {
            let derived = try SourceRoute(spec: spec, source: source, loader: specs)
                .derive(from: path, parameters: parameters, owners: given, fix: fix, legacyEncoding: run.legacyEncoding)
            feeds += derived.feeds
            checks.append(derived.checked)
            if given.isEmpty, let o = derived.owners { owners = o }
        }
        var readAs: [String] = []
        if let made = try run.companionMapping(for: spec) {
            for c in made.mapping.companions! {
                checks.append(try validator.checkCompanion(c, given: made.inputs, run: run, specs: specs))
                let read = validator.spec.companions[c]!
                let paths = made.inputs.filter { $0.name == validator.input(of: c) }.map(\.path)
                readAs.append("\(paths.joined(separator: ", ")): read as the \(read.title) \(read.year)")
            }
            validator.fromCompanions = (made.mapping, made.inputs.map(\.path).joined(separator: ", "))
        }
        var result = try validator.validate(try run.inputFiles(for: spec), feeds: feeds, owners: owners)
        result.warnings = readAs + result.warnings
        guard !checks.isEmpty else { return result }
        result = checks.reduce(result) { $0.including($1) }
        if !owners.file.isEmpty { result.owners = OwnerMatch(findings: result.findings, owners: owners) }
        return result
    }

    /// A companion the return is made from, checked as that return on its own, for the year it is
    /// read as: its files, with the other companions given as its own companions where it takes them
    /// (the CIN census with the SSDA903 beside it runs its checks that the two agree).
    private func checkCompanion(_ name: String, given: [(name: String, path: String)], run: RunInputs, specs: SpecLoader) throws -> ValidationResult {
        // As loaded beside this return, with its own companions: the run's others of its year.
        var own = spec.companions[name]!
        for case .companion(let r) in own.inputs.map(\.kind) {
            own.companions[r] = try spec.companions[r].flatMap { $0.year == own.year ? $0 : nil }
                ?? specs.load(returnName: r, year: own.year, withCompanions: false)
        }
        let beside: [(name: String, path: String)] = own.inputs.flatMap { i -> [(name: String, path: String)] in
            guard case .companion(let r) = i.kind, spec.companions[r] != nil else { return [] }
            return given.filter { $0.name == input(of: r) }.map { (i.name, $0.path) }
        }
        let companionRun = RunInputs(files: given.filter { $0.name == input(of: name) }.map(\.path), named: beside,
                                     parameters: run.parameters.filter { p in own.parameters.contains { $0.name == p.key } },
                                     legacyEncoding: run.legacyEncoding)
        var validator = Validator(spec: own)
        validator.fix = fix
        validator.requireTables = true
        validator.parameters = try companionRun.checkedParameters(for: own)
        return try validator.validate(companionRun, specs: specs)
    }
}

private extension Validator {
    /// The name of the input that gives the companion return `r`.
    func input(of r: String) -> String? { spec.inputs.first { $0.kind == .companion(r) }?.name }
}

extension ValidationResult {
    /// This result with another run's (a dataset's check) put first.
    func including(_ other: ValidationResult) -> ValidationResult {
        var r = self
        r.findings = other.findings + findings
        r.notRun = other.notRun + notRun
        r.failed = other.failed + failed
        r.rulesRun += other.rulesRun
        r.tables = other.tables + tables
        r.warnings = other.warnings + warnings
        r.fixes = other.fixes + fixes
        r.ruleSeconds.merge(other.ruleSeconds) { a, _ in a }
        r.data.merge(other.data) { a, _ in a }
        r.fieldLabels.merge(other.fieldLabels) { a, _ in a }
        r.wanted = (other.wanted + wanted).sorted(by: Wanted.mostWanted)
        return r
    }
}
