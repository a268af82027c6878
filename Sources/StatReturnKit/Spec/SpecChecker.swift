import GRDB
import GRDBSQLite

/// Checks a resolved spec hangs together, so a mistake is caught when it is loaded
/// rather than by a wrong report: code lists exist, every field check has a rule
/// code and every field rule a field, rules name real tables and fields, and every
/// rule's SQL compiles against the return's tables and reads only the tables it declares.
struct SpecChecker {
    let spec: ReturnSpec

    func check() throws {
        if spec.schemaFile != nil && !spec.rules.contains(where: { $0.check == .schema }) {
            throw SpecError(file: "Specs/\(spec.returnName)/\(spec.year)/schema.xsd", entry: "rules",
                            problem: "a return with a schema needs a rule with 'check: schema' to report breaches under")
        }
        try checkParameters()
        let rules = Dictionary(spec.rules.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        var fieldRuleUse: [String: Set<String>] = [:]  // rule code -> tables whose fields raise it

        for table in spec.tables {
            // A title two fields share would read one column of a file as either, at random.
            var titled: [String: String] = [:]
            for f in table.fields {
                for t in Set(f.titles.map { TableRecognizer.normalise($0) }) {
                    if let other = titled.updateValue(f.name, forKey: t), other != f.name {
                        throw SpecError(file: f.source, entry: "tables.\(table.name).\(f.name)",
                                        problem: "its title '\(t)' is also \(other)'s: a column so headed would be either")
                    }
                }
            }
            for f in table.fields {
                let source = f.source
                let entry = "tables.\(table.name).\(f.name)"
                if f.type == .code {
                    guard let name = f.codes else { throw SpecError(file: source, entry: entry, problem: "a code field needs 'codes'") }
                    guard spec.codeLists[name] != nil else {
                        throw SpecError(file: source, entry: entry, problem: "unknown code list '\(name)'")
                    }
                } else if f.codes != nil {
                    throw SpecError(file: source, entry: entry, problem: "'codes' is only for fields of type code")
                }
                if f.required && f.missing == nil && f.invalid == nil {
                    throw SpecError(file: source, entry: entry, problem: "a required field needs a rule code ('missing' or 'invalid')")
                }
                let checkable = f.type != .string || f.pattern != nil || f.maxLength != nil || f.minLength != nil
                if checkable && f.invalid == nil {
                    throw SpecError(file: source, entry: entry, problem: "needs an 'invalid' rule code for a malformed value")
                }
                _ = try ValueParser(field: f, codeList: f.codes.flatMap { spec.codeLists[$0] }, dateFormat: spec.dateFormat)
                for code in f.ruleCodes {
                    guard rules[code] != nil else {
                        throw SpecError(file: source, entry: entry, problem: "names rule \(code), which has no rule file")
                    }
                    fieldRuleUse[code, default: []].insert(table.name)
                }
            }
        }

        let database = try ReturnDatabase(spec: spec)
        try database.finishLoading(parameters: spec.period.parameters)  // creates the derived tables, empty
        for p in spec.parameters {
            if let name = p.codes, spec.codeLists[name] == nil {
                throw SpecError(file: "Specs/\(spec.returnName)/\(spec.year)/return.yml", entry: "parameters.\(p.name)", problem: "unknown code list '\(name)'")
            }
        }
        for table in spec.tables {
            guard let keep = table.keepOnly else { continue }
            let (source, entry) = (table.fields.first?.source ?? "", "tables.\(table.name).keep_only")
            guard table.field(keep.field) != nil else { throw SpecError(file: source, entry: entry, problem: "\(keep.field) is not one of its fields") }
            try database.queue.read { db in
                do {
                    guard try db.makeStatement(sql: keep.sql).columnCount == 1 else {
                        throw SpecError(file: source, entry: entry, problem: "the query must give one column, the values to keep")
                    }
                } catch let e as DatabaseError {
                    throw SpecError(file: source, entry: entry, problem: "bad SQL: \(e.message ?? "\(e)")")
                }
            }
        }
        let reads = try TableReads(database)
        let declaredParameters = spec.parameters.map(\.name)
        let exampleKeys = ReturnDatabase.tableNames(spec).map(\.1) + (spec.xml == nil ? [] : ["xml"])
        for rule in spec.rules {
            let entry = "rule \(rule.code)"
            for t in rule.tables + rule.needs + rule.optional where spec.inputTable(t) == nil && !declaredParameters.contains(t) {
                throw SpecError(file: rule.source, entry: entry, problem: "unknown table \(t)")
            }
            if let t = rule.optional.first(where: (rule.tables + rule.needs).contains) {
                throw SpecError(file: rule.source, entry: entry, problem: "\(t) is both required (tables, needs) and optional")
            }
            for f in rule.fields where rule.check != .schema && !rule.tables.contains(where: { spec.inputTable($0)?.field(f) != nil }) {
                throw SpecError(file: rule.source, entry: entry, problem: "field \(f) is in none of its tables")
            }
            for e in rule.examples {
                for (t, _) in e.tables where !exampleKeys.contains(t) {
                    let hint = closest(to: t, in: exampleKeys).map { " (did you mean '\($0)'?)" } ?? ""
                    throw SpecError(file: rule.source, entry: "examples.\(e.outcome.rawValue) '\(e.name)'",
                                    problem: "unknown key '\(t)': not a table of the return\(hint)")
                }
            }
            switch rule.check {
            case .field:
                guard fieldRuleUse[rule.code] != nil else {
                    throw SpecError(file: rule.source, entry: entry, problem: "has 'check: field' but no field names it")
                }
            case .schema:
                guard spec.schemaFile != nil else {
                    throw SpecError(file: rule.source, entry: entry, problem: "has 'check: schema' but the year has no schema.xsd")
                }
            case .sql(let sql):
                try database.queue.read { db in
                    do {
                        let statement = try db.makeStatement(sql: sql)
                        let allowed = Set((CollectionPeriod.parameterNames + declaredParameters + spec.companionParameterNames).map { ":" + $0 })
                        for name in statement.parameterNames where !allowed.contains(name) {
                            throw SpecError(file: rule.source, entry: entry,
                                            problem: "unknown parameter \(name) (known: \(allowed.sorted().joined(separator: ", ")))")
                        }
                        for p in declaredParameters where statement.parameterNames.contains(":" + p) && !rule.needs.contains(p) {
                            throw SpecError(file: rule.source, entry: entry, problem: "uses :\(p), so must list it under 'needs'")
                        }
                        if !statement.columnNames.contains("_row") && !statement.columnNames.contains("_child") {
                            throw SpecError(file: rule.source, entry: entry, problem: "the query must return a _row or _child column")
                        }
                        if (rule.fix != nil) != statement.columnNames.contains("_fix") {
                            throw SpecError(file: rule.source, entry: entry, problem: rule.fix != nil
                                ? "has 'fix', so the query must return the value to put instead as _fix"
                                : "returns _fix, so must say what the change is under 'fix'")
                        }
                        let declared = Set(rule.tables + rule.needs + rule.optional)
                        if let (table, via) = reads.inputs(of: statement).first(where: { !declared.contains($0.table) }) {
                            throw SpecError(file: rule.source, entry: entry, problem: "reads \(table)\(via.map { " (through \($0))" } ?? ""), "
                                + "which it does not declare: list it under 'tables' (or 'needs') if the rule cannot do without it, "
                                + "or under 'optional' if it reads it only when given")
                        }
                    } catch let e as DatabaseError {
                        throw SpecError(file: rule.source, entry: entry, problem: "bad SQL: \(e.message ?? "\(e)")")
                    }
                }
            }
        }
    }
}

extension SpecChecker {
    /// A parameter's `label_of` names a parameter and a code list there are; a file name
    /// pattern names only values there are.
    private func checkParameters() throws {
        let file = "Specs/\(spec.returnName)/\(spec.year)/return.yml"
        let names = spec.parameters.map(\.name)
        for p in spec.parameters {
            guard let l = p.labelOf else { continue }
            guard names.contains(l.parameter), spec.codeLists[l.codes] != nil else {
                throw SpecError(file: file, entry: "parameters.\(p.name).label_of",
                                problem: "names \(l.parameter) in \(l.codes); give a declared parameter and a code list")
            }
        }
        let values = HeaderValues.fileNameValues(spec).keys.sorted()
        for part in (spec.submission.fileName ?? "").split(separator: "{").dropFirst() {
            let name = String(part.prefix { $0 != "}" })
            guard part.contains("}"), names.contains(name) || values.contains(name) else {
                throw SpecError(file: file, entry: "submission.file_name", problem: "{\(name)} is no parameter of the return, nor "
                                + values.map { "{\($0)}" }.joined(separator: " or "))
            }
        }
    }
}

extension CollectionPeriod {
    static let parameterNames = ["collection_start", "collection_end", "reference_date"]
}

extension Statement {
    /// Named parameters (`:name`) the statement uses.
    var parameterNames: [String] {
        let count = sqlite3_bind_parameter_count(sqliteStatement)
        guard count > 0 else { return [] }
        return (1...count).compactMap { sqlite3_bind_parameter_name(sqliteStatement, $0).map { String(cString: $0) } }
    }
}
