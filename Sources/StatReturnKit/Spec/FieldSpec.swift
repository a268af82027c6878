/// The kinds of value a return field can hold. Each is parsed once, at ingest.
public enum FieldType: String, Codable, Sendable, CaseIterable {
    case string, date, integer, code, flag, postcode, upn
}

/// One column of a return table, with everything ingest needs to check a value.
public struct FieldSpec: Codable, Sendable, Equatable {
    public var name: String
    public var type: FieldType
    public var required: Bool
    /// Name of the code list a `code` field must take its value from.
    public var codes: String?
    /// Special values accepted besides the type's format (e.g. UN1..UN5 for a UPN).
    public var alsoAllowed: [String]?
    /// Values that mean the cell is blank, as a publisher writes it (Ofsted's `-` for no date).
    public var blankValues: [String]?
    public var minLength: Int?
    public var maxLength: Int?
    /// A regular expression the whole (trimmed) value must match.
    public var pattern: String?
    public var min: Int?
    public var max: Int?
    /// Official rule code reported when a required value is blank.
    public var missing: String?
    /// Official rule code reported when a value is present but malformed.
    public var invalid: String?
    public var description: String?
    /// The item's name in the case system's and the DfE guide's words ("Date episode started"),
    /// shown beside the field's code in reports.
    public var label: String?
    /// The column's title in files, when it is not the field's name (Ofsted's "Child Unique ID"
    /// for `child_id`), and other titles real files give it ("Age of Child (Years)" for "Age").
    public var header: String?
    public var alsoHeaders: [String]?
    /// The record this field points to, as `table.field` (a foreign key): indexed, for the
    /// joins rules and mappings make along it.
    public var references: String?
    /// What a pooled ("degraded") copy does to the value: see `Degrade`.
    public var degrade: Degrade?

    /// How a value is made less identifying when lists are pooled between councils.
    public enum Degrade: String, Codable, Sendable {
        /// A date becomes the first of its month.
        case monthStart = "month_start"
        /// A postcode becomes its sector (`LS9 8`).
        case postcodeSector = "postcode_sector"
        /// The column is left out.
        case drop
        /// The value gets the council's LA code after it (`C1-316`), so IDs stay unique when pooled.
        case suffixLA = "suffix_la"
    }
    /// Not a column of the DfE's CSV layout (e.g. the 903 Header's UASC flag, which only the
    /// XML form carries): read when a file has it, not asked of a file that lacks it (the
    /// value is then unknown, never "missing"), left out of CSV exports.
    public var extra: Bool
    /// The spec file that defined the field, for messages (not read from YAML).
    public var source = ""

    enum CodingKeys: String, CodingKey {
        case name, type, required, codes, alsoAllowed = "also_allowed", blankValues = "blank_values", minLength = "min_length",
             maxLength = "max_length", pattern, min, max, missing, invalid, description, label, header, alsoHeaders = "also_headers", references, degrade, extra, source
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        type = try c.decode(FieldType.self, forKey: .type)
        required = try c.decodeIfPresent(Bool.self, forKey: .required) ?? false
        codes = try c.decodeIfPresent(String.self, forKey: .codes)
        alsoAllowed = try c.decodeIfPresent([String].self, forKey: .alsoAllowed)
        blankValues = try c.decodeIfPresent([String].self, forKey: .blankValues)
        minLength = try c.decodeIfPresent(Int.self, forKey: .minLength)
        maxLength = try c.decodeIfPresent(Int.self, forKey: .maxLength)
        pattern = try c.decodeIfPresent(String.self, forKey: .pattern)
        min = try c.decodeIfPresent(Int.self, forKey: .min)
        max = try c.decodeIfPresent(Int.self, forKey: .max)
        missing = try c.decodeIfPresent(String.self, forKey: .missing)
        invalid = try c.decodeIfPresent(String.self, forKey: .invalid)
        description = try c.decodeIfPresent(String.self, forKey: .description)
        label = try c.decodeIfPresent(String.self, forKey: .label)
        header = try c.decodeIfPresent(String.self, forKey: .header)
        alsoHeaders = try c.decodeIfPresent([String].self, forKey: .alsoHeaders)
        degrade = try c.decodeIfPresent(Degrade.self, forKey: .degrade)
        references = try c.decodeIfPresent(String.self, forKey: .references)
        extra = try c.decodeIfPresent(Bool.self, forKey: .extra) ?? false
        if decoder.readsSpecCache { source = try c.decode(String.self, forKey: .source) }
    }

    /// The column's title as written in files and exports.
    public var title: String { header ?? name }
    /// Every title a file may give the column: its name, its header and the other forms.
    var titles: [String] { [name] + [header].compactMap { $0 } + (alsoHeaders ?? []) }

    /// SQLite column affinity for the typed value.
    var sqlType: String {
        switch type {
        case .integer, .flag: return "INTEGER"
        default: return "TEXT"
        }
    }

    /// Every rule code this field can raise at ingest.
    var ruleCodes: [String] { [missing, invalid].compactMap { $0 } }
}
