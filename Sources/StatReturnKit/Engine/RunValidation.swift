/// A user's run, as validate and export make it: the return's files, and the return made
/// from any dataset given (`--ssd`), checked together. The dataset's own findings (about the
/// extract itself) come first in the one result.
extension Validator {
    /// Without an owners list, the owners a dataset's allocations name are used.
    public func validate(_ run: RunInputs, specs: SpecLoader, owners given: Owners = Owners()) throws -> ValidationResult {
        var feeds: [TableFeed] = [], checks: [ValidationResult] = [], owners = given
        for (source, path) in try run.sources(for: spec) {
            let derived = try SourceRoute(spec: spec, source: source, loader: specs)
                .derive(from: path, parameters: parameters, owners: given, fix: fix, legacyEncoding: run.legacyEncoding)
            feeds += derived.feeds
            checks.append(derived.checked)
            if given.isEmpty, let o = derived.owners { owners = o }
        }
        var result = try validate(try run.inputFiles(for: spec), feeds: feeds, owners: owners)
        guard !checks.isEmpty else { return result }
        result = checks.reduce(result) { $0.including($1) }
        if !owners.file.isEmpty { result.owners = OwnerMatch(findings: result.findings, owners: owners) }
        return result
    }
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
