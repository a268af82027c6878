import Yams

// The shapes of the YAML files under Specs/, as written by spec authors.
// SpecLoader turns them into a resolved ReturnSpec.

/// `<return>/<year>/return.yml`.
struct YearFile: Decodable {
    struct Input: Decodable {
        var dateFormat: ReturnSpec.DateFormat
        enum CodingKeys: String, CodingKey { case dateFormat = "date_format" }
    }
    /// A table: whole when new, or the changes to a table of the year extended.
    struct Table: Decodable {
        var name: String
        var key: [String]?
        var description: String?
        var fields: [FieldSpec]?
        var removeFields: [String]?
        var reference: Bool?
        var record: String?
        /// The field naming the person, where a table does not use the return's `child_field`
        /// (each SSD table has its own: `clae_person_id`, `cinp_person_id`).
        var childField: String?
        var sheet: String?
        var dropWhenDegraded: Bool?
        var keepOnly: TableSpec.KeepOnly?
        enum CodingKeys: String, CodingKey {
            case name, key, description, fields, removeFields = "remove_fields", reference, record, childField = "child_field"
            case sheet, dropWhenDegraded = "drop_when_degraded", keepOnly = "keep_only"
        }
    }

    var returnName: String?
    var year: String
    var childField: String?
    var title: String?
    var extends: String?
    var collection: CollectionPeriod
    var input: Input?
    var tables: [Table]?
    var removeTables: [String]?
    var retireRules: [String]?
    var submission: ReturnSpec.Submission?
    /// Other names people give the return (`903`, `CLA`); any year's count for the return.
    var aliases: [String]?
    /// Other names of this collection year (the CIN census year `2026` for 2025-26).
    var yearAliases: [String]?
    /// Tables computed from the loaded return; one with an existing name replaces it.
    var derived: [DerivedTable]?
    /// What else a run may be given (last year, companions, reference lists), and which values;
    /// an entry with an existing name replaces it.
    var inputs: [InputSpec]?
    var parameters: [ParameterSpec]?
    var period: PeriodKind?
    /// Tables the return cannot be checked without (the 903's Header and Episodes).
    var required: [String]?
    /// The routes the return is read by (csv, xlsx, xml); all of them when not said.
    var routes: [InputRoute]?
    /// A command of the return's own: `statreturn <command> ...` exports its latest year (read
    /// by `OptionAliases`).
    var command: String?

    enum CodingKeys: String, CodingKey {
        case returnName = "return", year, childField = "child_field", title, extends, collection, input, tables
        case removeTables = "remove_tables", retireRules = "retire_rules", submission, derived
        case aliases, yearAliases = "year_aliases", inputs, parameters, period, required, routes, command
    }
}

/// A code list file: list name to either a whole list (`codes`) or changes (`add`, `remove`).
struct CodeListEntry: Decodable {
    var description: String?
    var aliases: [String: String]?
    var codes: OrderedCodes?
    var add: OrderedCodes?
    var remove: [String]?
}

/// `code: label` pairs in the order written; YAML mappings are ordered, Swift dictionaries are not.
struct OrderedCodes: Decodable {
    var pairs: [(code: String, label: String)]

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        // Yams keeps the file's order in allKeys.
        pairs = try c.allKeys.map { ($0.stringValue, try c.decodeIfPresent(String.self, forKey: $0) ?? "") }
    }
}

struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { stringValue = String(intValue) }
}

/// `<return>/<year>/rules/<CODE>.yml`.
struct RuleFile: Decodable {
    struct Example: Decodable {
        var name: String?
        var rows: [Int]?
        var rowsTable: String?
        var parameters: [String: String]?
        var tables: [(String, String)]

        init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: AnyKey.self)
            name = try c.decodeIfPresent(String.self, forKey: AnyKey(stringValue: "name"))
            rows = try c.decodeIfPresent([Int].self, forKey: AnyKey(stringValue: "rows"))
            rowsTable = try c.decodeIfPresent(String.self, forKey: AnyKey(stringValue: "rows_table"))
            parameters = try c.decodeIfPresent([String: String].self, forKey: AnyKey(stringValue: "parameters"))
            let reserved = ["name", "rows", "rows_table", "parameters"]
            tables = try c.allKeys.filter { !reserved.contains($0.stringValue) }.map { key in
                // Any other key names a table, given as CSV text; one that is not text is a mistyped key.
                guard let csv = try? c.decode(String.self, forKey: key) else {
                    let hint = closest(to: key.stringValue, in: reserved).map { " (did you mean '\($0)'?)" } ?? ""
                    throw DecodingError.dataCorrupted(.init(codingPath: c.codingPath,
                        debugDescription: "unknown key '\(key.stringValue)'\(hint): a table's rows are CSV text"))
                }
                return (key.stringValue, csv)
            }
        }
    }
    struct Examples: Decodable {
        var pass: [Example]?
        var fail: [Example]?
    }

    var code: String
    var severity: Severity
    var tables: [String]
    var fields: [String]?
    var message: String
    var check: String?
    var sql: String?
    var note: String?
    var needs: [String]?
    var optional: [String]?
    var fix: String?
    var examples: Examples?
}

/// Decodes a spec file strictly (see StrictDecoding.swift); a mistake names the file and key path.
func decodeYAML<T: Decodable>(_ type: T.Type, _ text: String, file: String) throws -> T {
    do {
        let strict = try YAMLDecoder().decode(StrictYAML<T>.self, from: text, userInfo: [.specFile: file])
        if let unknown = strict.unknown { throw unknown }
        return strict.value
    } catch let e as SpecError {
        throw e
    } catch let DecodingError.keyNotFound(key, ctx) {
        throw SpecError(file: file, entry: path(ctx.codingPath), problem: "missing '\(key.stringValue)'")
    } catch let DecodingError.typeMismatch(_, ctx), let DecodingError.valueNotFound(_, ctx),
            let DecodingError.dataCorrupted(ctx) {
        throw SpecError(file: file, entry: path(ctx.codingPath), problem: ctx.debugDescription)
    } catch {
        throw SpecError(file: file, entry: "YAML", problem: "\(error)")
    }
}

private func path(_ keys: [CodingKey]) -> String {
    keys.isEmpty ? "(top)" : keys.reduce("") { text, key in
        key.intValue.map { text + "[\($0 + 1)]" } ?? (text.isEmpty ? "" : text + ".") + key.stringValue
    }
}
