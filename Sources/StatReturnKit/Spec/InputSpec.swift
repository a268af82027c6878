/// Something a return is checked with besides its own files, declared in `return.yml`: last
/// year's return, a companion return, or a reference list. Given on any command as
/// `--input NAME=PATH`, or by the older option the spec names as its `alias`.
public struct InputSpec: Codable, Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// Last year's return: its tables become `<Table>_last`.
        case previousYear
        /// Another return of the same year (its tables become `<return>_<Table>`).
        case companion(String)
        /// One reference table, read from one file whose header must be that table's.
        case table(String)
        /// A dataset the return is made from (`from-<source>.yml`): a folder of its tables, an
        /// SQLite file or a PostgreSQL URL.
        case source(String)
    }

    public var name: String
    public var help: String
    public var alias: String?
    public var kind: Kind
    /// For a companion of a return drawn up for a date rather than collected by year (Annex A's
    /// lists, for an inspection date): the date parameter whose collection year the companion is
    /// read as (`year_covering: inspection_date`), unless the run names the year in the parameter
    /// `year_parameter`. Until a run gives the date, the year of the spec's own reference date.
    public var yearCovering: String?
    public var yearParameter: String?
    /// Whether several files or folders may be given (a return), or one file (a list).
    public var many: Bool {
        switch kind {
        case .table, .source: return false
        default: return true
        }
    }

    enum CodingKeys: String, CodingKey { case name, help, alias, previousYear = "previous_year", companion, table, source
        case yearCovering = "year_covering", yearParameter = "year_parameter"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        help = try c.decode(String.self, forKey: .help)
        alias = try c.decodeIfPresent(String.self, forKey: .alias)
        let previous = try c.decodeIfPresent(Bool.self, forKey: .previousYear) ?? false
        let companion = try c.decodeIfPresent(String.self, forKey: .companion)
        let table = try c.decodeIfPresent(String.self, forKey: .table)
        let source = try c.decodeIfPresent(String.self, forKey: .source)
        switch (previous, companion, table, source) {
        case (true, nil, nil, nil): kind = .previousYear
        case (false, let r?, nil, nil): kind = .companion(r)
        case (false, nil, let t?, nil): kind = .table(t)
        case (false, nil, nil, let s?): kind = .source(s)
        default:
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                debugDescription: "an input is one of: previous_year: true, companion: RETURN, table: TABLE, or source: DATASET"))
        }
        yearCovering = try c.decodeIfPresent(String.self, forKey: .yearCovering)
        yearParameter = try c.decodeIfPresent(String.self, forKey: .yearParameter)
        if companion == nil && (yearCovering != nil || yearParameter != nil) {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                debugDescription: "year_covering and year_parameter are for a companion return"))
        }
        if yearParameter != nil && yearCovering == nil {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                debugDescription: "year_parameter names the year instead of year_covering's date: give year_covering too"))
        }
    }

    /// Written as `return.yml` gives it (for the spec cache).
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(help, forKey: .help)
        try c.encodeIfPresent(alias, forKey: .alias)
        try c.encodeIfPresent(yearCovering, forKey: .yearCovering)
        try c.encodeIfPresent(yearParameter, forKey: .yearParameter)
        switch kind {
        case .previousYear: try c.encode(true, forKey: .previousYear)
        case .companion(let r): try c.encode(r, forKey: .companion)
        case .table(let t): try c.encode(t, forKey: .table)
        case .source(let s): try c.encode(s, forKey: .source)
        }
    }
}

/// A value a run may be given (`--param NAME=VALUE`, or the spec's `alias`), bound into rule
/// SQL as `:NAME`; a rule that uses it lists it under `needs`.
public struct ParameterSpec: Codable, Sendable, Equatable {
    public var name: String
    public var help: String
    public var alias: String?
    /// A regular expression the whole value must match.
    public var pattern: String?
    /// A code list the value must be a code of, by its code, label or alias (the council's number or
    /// ONS code for the 903's `local-authority`); bound as given, for rules to read through `code_for`.
    public var codes: String?
    /// The value when none is given: `today` (the run's date, ISO) or a fixed value.
    public var `default`: String?
    /// `date`: given as dd/mm/yyyy (as people write it) or yyyy-mm-dd, bound as yyyy-mm-dd.
    public var type: Kind?
    /// A pooled ("degraded") copy adds this value to the IDs whose field says `degrade: suffix_la`.
    public var pooledSuffix: Bool?
    /// When not given: the label, in a code list, of another parameter's value (the council's
    /// name from its LA number).
    public var labelOf: LabelOf?

    public struct LabelOf: Codable, Sendable, Equatable {
        public var parameter: String
        public var codes: String
    }

    public enum Kind: String, Codable, Sendable { case text, date, quarter }

    enum CodingKeys: String, CodingKey { case name, help, alias, pattern, codes, `default`, type, pooledSuffix = "pooled_suffix", labelOf = "label_of" }

    /// The value as rules are given it; nil when it is not of the parameter's kind.
    func value(_ given: String) -> String? {
        let text = given.trimmingCharacters(in: .whitespaces)
        switch type {
        case .date: return (SimpleDate(dmy: text) ?? SimpleDate(iso: text))?.iso
        case .quarter: return ["Q1", "Q2", "Q3", "Q4"].first { $0 == text.uppercased() }
        case .text, nil: return given
        }
    }

    /// The default's value on the day of the run.
    func defaultValue(today: SimpleDate) -> String? {
        `default` == "today" ? today.iso : `default`
    }
}

/// What a return's period is: a collection year, or windows before a date the run is given
/// (Ofsted's Annex A: the months before the inspection date, a `type: date` parameter).
public enum PeriodKind: String, Codable, Sendable {
    case collectionYear = "collection_year"
    case beforeDate = "before_date"
    /// A quarter of the collection year, cumulative from its start (Q1 April-June ... Q4 the
    /// whole year), chosen by a `type: quarter` parameter.
    case quarter
}

extension ReturnSpec {
    /// The period a run covers: the collection year, or for a quarterly return the year up to
    /// the end of the quarter given (its reference date that end).
    public func period(for parameters: [String: String], from year: CollectionPeriod? = nil) -> CollectionPeriod {
        var p = year ?? period
        guard periodKind == .quarter, let q = self.parameters.first(where: { $0.type == .quarter }).flatMap({ parameters[$0.name] }),
              let n = Int(q.dropFirst()), (1...4).contains(n) else { return p }
        let months = p.start.month - 1 + 3 * n
        let endMonth = SimpleDate(year: p.start.year + months / 12, month: months % 12 + 1, day: 1)!
        p.end = endMonth.adding(days: -1)
        p.referenceDate = p.end
        return p
    }
}

extension ReturnSpec {
    /// The declared input or parameter that supplies a table or value a rule needs, in words and
    /// as the option that gives it; nil for one of the return's own tables.
    public func supplier(of needed: String) -> (what: String, option: String)? {
        func option(_ name: String, _ alias: String?, _ form: String) -> String {
            "--\(form) \(name)=..." + (alias.map { ", or \($0)" } ?? "")
        }
        if let p = parameters.first(where: { $0.name == needed }) {
            return ("the value \(p.name)", option(p.name, p.alias, "param"))
        }
        for i in inputs {
            switch i.kind {
            case .table(let t) where t == needed:
                return ("the \(t) list", option(i.name, i.alias, "input"))
            case .previousYear where needed.hasSuffix(ReturnDatabase.previousSuffix):
                return ("last year's \(needed.dropLast(ReturnDatabase.previousSuffix.count)) table", option(i.name, i.alias, "input"))
            case .companion(let r) where needed.hasPrefix(r + "_"):
                return ("the \(r) \(needed.dropFirst(r.count + 1)) table", option(i.name, i.alias, "input"))
            default: continue
            }
        }
        return nil
    }
}
