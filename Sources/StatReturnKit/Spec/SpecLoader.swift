import Foundation

/// Reads `Specs/<return>/<year>/` and the years it extends into one `ReturnSpec`,
/// and refuses a spec with a mistake in it, naming the file and entry.
///
/// A year folder holds `return.yml` (period, input format, tables), optionally
/// `codelists.yml`, and `rules/<CODE>.yml`, one rule per file. A year that
/// `extends` another lists only its changes: tables or fields added, replaced or
/// removed, code lists changed, rules added or replaced (same code) or retired.
public struct SpecLoader: Sendable {
    public let root: URL

    public init(root: URL) { self.root = root }

    public func years(of returnName: String) -> [String] {
        let dir = root.appendingPathComponent(returnName)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter {
            FileManager.default.fileExists(atPath: dir.appendingPathComponent($0).appendingPathComponent("return.yml").path)
        }.sorted()
    }

    public var returns: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return names.filter { !years(of: $0).isEmpty }.sorted()
    }

    /// The return's spec for the year, from the spec cache when no spec file (and not the
    /// program) has changed since it was last loaded and checked (see `SpecCache`).
    public func load(returnName: String, year: String) throws -> ReturnSpec {
        let cache = SpecCache.forRun(root: root)
        if let spec = cache?.spec(returnName, year) { return spec }
        let spec = try loadFiles(returnName: returnName, year: year)
        cache?.store(spec, returnName, year)
        return spec
    }

    /// The spec as its files give it now, parsed and checked.
    func loadFiles(returnName: String, year: String) throws -> ReturnSpec {
        try load(returnName: returnName, year: year, withCompanions: true)
    }

    /// Without companions: a companion's tables, as another return reads them.
    func load(returnName: String, year: String, withCompanions: Bool) throws -> ReturnSpec {
        let chain = try yearChain(returnName: returnName, year: year)
        let calendar = try loadCalendar()
        var codeLists = try loadCodeLists(root.appendingPathComponent("codelists.yml"), into: [:])
        var tables: [TableSpec] = []
        var rules: [String: RuleSpec] = [:]
        var periods: [String: CollectionPeriod] = [:]
        var dateFormat = ReturnSpec.DateFormat.dmy
        var xmlSources: [(text: String, path: String)] = []
        var title = returnName
        var childField: String?
        var submission = ReturnSpec.Submission(form: .csv, header: nil)
        var derived: [DerivedTable] = []
        var inputs: [InputSpec] = [], parameters: [ParameterSpec] = [], periodKind = PeriodKind.collectionYear
        var requiredTables: [String] = [], routes = InputRoute.allCases
        var sources: [String: SourceMapping] = [:]

        for (index, link) in chain.enumerated() {
            let file = link.file
            periods[file.year] = file.collection
            if let t = file.title { title = t }
            if let c = file.childField { childField = c }
            if let s = file.submission { submission = s }
            if let p = file.period { periodKind = p }
            if let r = file.required { requiredTables = r }
            if let r = file.routes { routes = r }
            for i in file.inputs ?? [] {
                if let at = inputs.firstIndex(where: { $0.name == i.name }) { inputs[at] = i } else { inputs.append(i) }
            }
            for p in file.parameters ?? [] {
                if let at = parameters.firstIndex(where: { $0.name == p.name }) { parameters[at] = p } else { parameters.append(p) }
            }
            if let f = file.input?.dateFormat { dateFormat = f }
            for var d in file.derived ?? [] {
                d.source = link.path
                if let i = derived.firstIndex(where: { $0.name == d.name }) { derived[i] = d } else { derived.append(d) }
            }
            tables = try apply(file.tables ?? [], removing: file.removeTables ?? [], to: tables,
                               isBase: index == 0, source: link.path)
            codeLists = try loadCodeLists(link.dir.appendingPathComponent("codelists.yml"), into: codeLists)
            for var mapping in try loadSourceMappings(link.dir) {
                // A later year's mapping replaces the earlier one table by table.
                if let earlier = sources[mapping.source] {
                    let replaced = Set(mapping.tables.map(\.table))
                    mapping.tables = earlier.tables.filter { !replaced.contains($0.table) } + mapping.tables
                    mapping.owners = mapping.owners ?? earlier.owners
                }
                sources[mapping.source] = mapping
            }
            let xmlURL = link.dir.appendingPathComponent("xml.yml")
            if let text = try? String(contentsOf: xmlURL, encoding: .utf8) { xmlSources.append((text, relative(xmlURL))) }
            for code in file.retireRules ?? [] {
                guard rules.removeValue(forKey: code) != nil else {
                    throw SpecError(file: link.path, entry: "retire_rules", problem: "no rule \(code) to retire")
                }
            }
            for rule in try loadRules(link.dir.appendingPathComponent("rules"), year: file.year) {
                rules[rule.code] = rule
            }
        }
        guard let childField else {
            throw SpecError(file: chain[0].path, entry: "child_field", problem: "name the field that identifies a child (e.g. CHILD)")
        }
        for i in tables.indices where tables[i].childField == nil && tables[i].field(childField) != nil { tables[i].childField = childField }
        // A field check reports on every table with a field that names it, whichever year added the table.
        for (code, rule) in rules where rule.check == .field {
            let raising = tables.filter { $0.fields.contains { $0.ruleCodes.contains(code) } }.map(\.name)
            rules[code]!.tables = rule.tables + raising.filter { !rule.tables.contains($0) }
        }
        var spec = ReturnSpec(
            returnName: returnName, year: year, title: title, period: chain.last!.file.collection,
            dateFormat: dateFormat, tables: tables, codeLists: codeLists,
            rules: rules.values.sorted { $0.code.localizedStandardCompare($1.code) == .orderedAscending },
            periods: periods, calendar: calendar,
            xml: xmlSources.isEmpty ? nil : try XMLMapping.load(xmlSources, tables: tables),
            schemaFile: chain.last.map { $0.dir.appendingPathComponent("schema.xsd") }
                .flatMap { FileManager.default.fileExists(atPath: $0.path) ? $0 : nil },
            submission: submission, derived: derived)
        spec.inputs = inputs
        spec.parameters = parameters
        spec.periodKind = periodKind
        spec.requiredTables = requiredTables
        spec.routes = routes
        for (name, m) in sources {
            guard let version = m.version else { continue }
            var declared: [ParameterSpec] = []
            for link in try yearChain(returnName: m.source, year: version) {
                for p in link.file.parameters ?? [] {
                    if let at = declared.firstIndex(where: { $0.name == p.name }) { declared[at] = p } else { declared.append(p) }
                }
            }
            sources[name]!.parameters = declared
        }
        spec.sources = sources
        for m in sources.values {
            for q in m.tables where spec.table(q.table) == nil {
                throw SpecError(file: m.file, entry: "tables.\(q.table)", problem: "\(title) has no table \(q.table)")
            }
            for c in m.companions ?? [] where !inputs.contains(where: { $0.kind == .companion(c) }) {
                throw SpecError(file: m.file, entry: "companions", problem: "\(title) declares no companion input of \(c) (inputs: - {name: ..., companion: \(c)})")
            }
        }
        if routes.contains(.xml) && spec.xml == nil {
            throw SpecError(file: chain.last!.path, entry: "routes", problem: "xml is listed but the year has no xml.yml")
        }
        for t in tables {
            for f in t.fields {
                guard let r = f.references else { continue }
                let parts = r.split(separator: ".").map(String.init)
                guard parts.count == 2, spec.table(parts[0])?.field(parts[1]) != nil else {
                    throw SpecError(file: f.source.isEmpty ? chain.last!.path : f.source, entry: "tables.\(t.name).fields.\(f.name)",
                                    problem: "references \(r), which is no table.field of \(title)")
                }
            }
        }
        for t in requiredTables where spec.table(t) == nil {
            throw SpecError(file: chain.last!.path, entry: "required", problem: "no table \(t)")
        }
        if withCompanions {
            for i in inputs {
                guard case .companion(let name) = i.kind else { continue }
                // A companion read for a date's collection year is checked, until a run gives the
                // date, as the year of the spec's own reference date (else its latest year).
                let companionYear = i.yearCovering == nil ? year
                    : try self.year(of: name, covering: spec.period.referenceDate) ?? years(of: name).last ?? year
                spec.companions[name] = try load(returnName: name, year: companionYear, withCompanions: false)
            }
        }
        // A companion is loaded for its tables; its rules (which may read its own companions) are
        // checked when it is loaded as a return.
        if withCompanions { try SpecChecker(spec: spec).check() }
        return spec
    }

    private struct Link { var file: YearFile; var dir: URL; var path: String }

    /// The return's collection year whose period holds `date`; nil when none does.
    public func year(of returnName: String, covering date: SimpleDate) throws -> String? {
        try years(of: returnName).first { y in
            let period = try yearChain(returnName: returnName, year: y).last!.file.collection
            return period.start <= date && date <= period.end
        }
    }

    /// The year folder's `from-<source>.yml` files.
    private func loadSourceMappings(_ dir: URL) throws -> [SourceMapping] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [])
            .filter { $0.hasPrefix("from-") && $0.hasSuffix(".yml") }.sorted()
        return try names.map { name in
            let url = dir.appendingPathComponent(name)
            var m = try decodeYAML(SourceMapping.self, try String(contentsOf: url, encoding: .utf8), file: relative(url))
            m.file = relative(url)
            guard name == "from-\(m.source).yml" else {
                throw SpecError(file: m.file, entry: "source", problem: "says \(m.source) but the file is \(name)")
            }
            guard (m.version == nil) != (m.companions == nil) else {
                throw SpecError(file: m.file, entry: "source", problem: "give either the dataset's version (version: \"1.0\") or the companions it reads (companions: [RETURN, ...])")
            }
            for q in m.tables where (q.sql == nil) == (q.notMade == nil) {
                throw SpecError(file: m.file, entry: "tables.\(q.table)", problem: "give either its sql or why it is not_made")
            }
            return m
        }
    }

    /// The year and its ancestors, oldest first.
    private func yearChain(returnName: String, year: String) throws -> [Link] {
        var chain: [Link] = []
        var next: String? = year
        while let y = next {
            let dir = root.appendingPathComponent(returnName).appendingPathComponent(y)
            let url = dir.appendingPathComponent("return.yml")
            let path = relative(url)
            guard let text = try? String(contentsOf: url, encoding: .utf8) else {
                let known = years(of: returnName)
                let hint = known.isEmpty ? "no years of '\(returnName)' in \(root.path)"
                                         : "known years: \(known.joined(separator: ", "))"
                throw SpecError(file: path, entry: "year \(y)", problem: "no such spec (\(hint))")
            }
            let file = try decodeYAML(YearFile.self, text, file: path)
            guard file.year == y else {
                throw SpecError(file: path, entry: "year", problem: "says \(file.year) but the folder is \(y)")
            }
            if chain.contains(where: { $0.file.year == y }) {
                throw SpecError(file: path, entry: "extends", problem: "years extend each other in a loop")
            }
            chain.insert(Link(file: file, dir: dir, path: path), at: 0)
            next = file.extends
        }
        return chain
    }

    private func apply(_ given: [YearFile.Table], removing: [String], to base: [TableSpec],
                       isBase: Bool, source: String) throws -> [TableSpec] {
        var tables = base
        let changes = given.map { t in
            var t = t
            t.fields = t.fields?.map { var f = $0; f.source = source; return f }
            return t
        }
        for name in removing {
            guard let i = tables.firstIndex(where: { $0.name == name }) else {
                throw SpecError(file: source, entry: "remove_tables", problem: "no table \(name) to remove")
            }
            tables.remove(at: i)
        }
        for change in changes {
            let entry = "tables.\(change.name)"
            if let i = tables.firstIndex(where: { $0.name == change.name }) {
                var t = tables[i]
                if let key = change.key { t.key = key }
                if let d = change.description { t.description = d }
                if let r = change.record { t.record = r }
                if let c = change.childField { t.childField = c }
                if let s = change.sheet { t.sheet = s }
                if let d = change.dropWhenDegraded { t.dropWhenDegraded = d }
                if let k = change.keepOnly { t.keepOnly = k }
                for name in change.removeFields ?? [] {
                    guard let j = t.fields.firstIndex(where: { $0.name == name }) else {
                        throw SpecError(file: source, entry: entry, problem: "no field \(name) to remove")
                    }
                    t.fields.remove(at: j)
                }
                for f in change.fields ?? [] {
                    if let j = t.fields.firstIndex(where: { $0.name == f.name }) { t.fields[j] = f } else { t.fields.append(f) }
                }
                tables[i] = t
            } else {
                guard let key = change.key, let fields = change.fields, !fields.isEmpty else {
                    throw SpecError(file: source, entry: entry,
                                    problem: isBase ? "a table needs a key and fields"
                                                    : "a new table needs a key and fields (no table of that name in the year extended)")
                }
                let names = fields.map(\.name)
                if let dup = names.first(where: { n in names.filter { $0 == n }.count > 1 }) {
                    throw SpecError(file: source, entry: entry, problem: "field \(dup) is listed twice")
                }
                var t = TableSpec(name: change.name, key: key, fields: fields, description: change.description,
                                  reference: change.reference, record: change.record)
                t.sheet = change.sheet
                t.dropWhenDegraded = change.dropWhenDegraded
                t.keepOnly = change.keepOnly
                if let c = change.childField {
                    guard t.field(c) != nil else { throw SpecError(file: source, entry: entry, problem: "child_field \(c) is not one of its fields") }
                    t.childField = c
                }
                tables.append(t)
            }
        }
        return tables
    }

    private func loadCodeLists(_ url: URL, into lists: [String: CodeList]) throws -> [String: CodeList] {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return lists }
        let path = relative(url)
        let entries = try decodeYAML(OrderedEntries<CodeListEntry>.self, text, file: path).pairs
        var result = lists
        for (name, entry) in entries {
            if let codes = entry.codes {
                result[name] = CodeList(name: name, description: entry.description,
                                        codes: codes.pairs.map(\.code),
                                        labels: Dictionary(codes.pairs, uniquingKeysWith: { a, _ in a }))
                try addAliases(entry.aliases, to: &result[name]!, file: path)
                continue
            }
            guard var list = result[name] else {
                throw SpecError(file: path, entry: name, problem: "changes a code list that is not defined (give 'codes' to define it)")
            }
            for code in entry.remove ?? [] {
                guard list.contains(code) else {
                    throw SpecError(file: path, entry: name, problem: "cannot remove \(code): not in the list")
                }
                list.codes.removeAll { $0 == code }
                list.labels[code] = nil
            }
            for (code, label) in entry.add?.pairs ?? [] where !list.contains(code) {
                list.codes.append(code)
                list.labels[code] = label
            }
            if let d = entry.description { list.description = d }
            try addAliases(entry.aliases, to: &list, file: path)
            result[name] = list
        }
        return result.mapValues { $0.spelled() }
    }

    private func addAliases(_ aliases: [String: String]?, to list: inout CodeList, file: String) throws {
        for (alias, code) in aliases ?? [:] {
            guard list.contains(code) else {
                throw SpecError(file: file, entry: "\(list.name).aliases", problem: "'\(alias)' stands for \(code), which is not in the list")
            }
            list.aliases[alias.lowercased()] = code
        }
    }

    private func loadRules(_ dir: URL, year: String) throws -> [RuleSpec] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [])
            .filter { $0.hasSuffix(".yml") }.sorted()
        let files = try names.map { name -> (name: String, path: String, raw: RuleFile) in
            let url = dir.appendingPathComponent(name)
            let path = relative(url)
            return (name, path, try decodeYAML(RuleFile.self, try String(contentsOf: url, encoding: .utf8), file: path))
        }
        var seen: [String: String] = [:]
        for f in files {
            if let other = seen[f.raw.code.uppercased()] {
                throw SpecError(file: f.path, entry: "code \(f.raw.code)", problem: "duplicate rule code: also in \(other)")
            }
            seen[f.raw.code.uppercased()] = f.path
        }
        return try files.map { f in
            guard f.name == "\(f.raw.code).yml" else {
                throw SpecError(file: f.path, entry: "code \(f.raw.code)", problem: "the file should be named \(f.raw.code).yml")
            }
            return try rule(from: f.raw, source: f.path, year: year)
        }
    }

    private func rule(from raw: RuleFile, source: String, year: String) throws -> RuleSpec {
        let entry = "rule \(raw.code)"
        let check: RuleCheck
        switch (raw.check, raw.sql) {
        case ("field", nil): check = .field
        case ("schema", nil): check = .schema
        case (nil, let sql?): check = .sql(sql)
        default:
            throw SpecError(file: source, entry: entry, problem: "give either 'sql', 'check: field' or 'check: schema'")
        }
        func examples(_ list: [RuleFile.Example]?, _ outcome: RuleExample.Outcome) -> [RuleExample] {
            (list ?? []).enumerated().map { i, e in
                RuleExample(outcome: outcome, name: e.name ?? "\(outcome) \(i + 1)",
                            tables: e.tables.map { (name: $0.0, csv: $0.1) }, rows: e.rows, rowsTable: e.rowsTable,
                            parameters: e.parameters ?? [:])
            }
        }
        if raw.fix != nil, raw.sql == nil {
            throw SpecError(file: source, entry: entry, problem: "'fix' is for a rule whose SQL gives the value to put instead (_fix)")
        }
        let all = examples(raw.examples?.pass, .pass) + examples(raw.examples?.fail, .fail)
        guard all.contains(where: { $0.outcome == .fail }) else {
            throw SpecError(file: source, entry: entry, problem: "has no failing example")
        }
        guard all.contains(where: { $0.outcome == .pass }) else {
            throw SpecError(file: source, entry: entry, problem: "has no passing example")
        }
        return RuleSpec(code: raw.code, severity: raw.severity, tables: raw.tables, fields: raw.fields ?? [],
                        message: raw.message.trimmingCharacters(in: .whitespacesAndNewlines),
                        check: check, note: raw.note, needs: raw.needs ?? [], optional: raw.optional ?? [],
                        fix: raw.fix, examples: all, source: source, exampleYear: year)
    }

    private func loadCalendar() throws -> WorkingDayCalendar {
        let url = root.appendingPathComponent("calendar/bank-holidays-england-wales.yml")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw SpecError(file: relative(url), entry: "calendar", problem: "file not found")
        }
        return try WorkingDayCalendar(yaml: text, source: relative(url))
    }

    /// Paths in messages are given from the Specs folder, as authors know them.
    func relative(_ url: URL) -> String {
        let base = root.standardizedFileURL.path
        let full = url.standardizedFileURL.path
        return full.hasPrefix(base) ? "Specs" + full.dropFirst(base.count) : full
    }
}

/// A YAML mapping decoded with its order kept.
struct OrderedEntries<Value: Decodable>: Decodable {
    var pairs: [(String, Value)]
    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        pairs = try c.allKeys.map { ($0.stringValue, try c.decode(Value.self, forKey: $0)) }
    }
}
