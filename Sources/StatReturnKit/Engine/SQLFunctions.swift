import GRDB

/// Functions rules can call besides SQLite's own. Dates are ISO text (`yyyy-mm-dd`).
///
/// - `age(dob, on)`: whole years from `dob` to `on` (29 February birthdays count from 1 March).
/// - `working_days(a, b)`: England and Wales working days after `a` up to and including `b`.
/// - `add_working_days(a, n)`: the date `n` working days after `a`.
/// - `add_months(a, n)`: the date `n` calendar months after `a` (before it when `n` is negative),
///   a day the month lacks becoming its last: `add_months('2025-08-31', -6)` is 2025-02-28, where
///   SQLite's `date('2025-08-31', '-6 months')` gives 2025-03-03.
/// - `upn_check_letter(rest)`: the check letter for the twelve characters after it.
/// - `in_code_list(list, value)`: 1 when `value` is a code of the spec's code list `list`, else 0.
/// - `code_for(list, value)`: the code of the return's list `list` that `value` is, is labelled
///   or is an alias of (`M`, `Male` or `1` for `a) Male`; `316`, `E09000025` or `Newham`), any
///   case; else `value` as it is (trimmed). Rules compare values that may be written either way
///   through it on both sides; a mapping from a dataset uses the lists of the return it makes,
///   whose checks then report a value that is none of them.
///
/// Any argument NULL or not a date gives NULL. A date outside the bank-holiday data
/// raises an error, so the rule is reported as not run rather than passing.
enum SQLFunctions {
    static func register(in db: Database, calendar: WorkingDayCalendar, codeLists: [String: CodeList]) {
        db.add(function: DatabaseFunction("upn_check_letter", argumentCount: 1, pure: true) { args in
            String.fromDatabaseValue(args[0]).flatMap { UPN.checkLetter(for: $0) }.map(String.init)
        })
        db.add(function: DatabaseFunction("in_code_list", argumentCount: 2, pure: true) { args in
            guard let name = String.fromDatabaseValue(args[0]) else { return nil }
            guard let list = codeLists[name] else { throw DatabaseError(message: "no code list named '\(name)'") }
            return String.fromDatabaseValue(args[1]).map { list.contains($0) ? 1 : 0 }
        })
        registerCodeFor(in: db, codeLists: codeLists)
        db.add(function: DatabaseFunction("age", argumentCount: 2, pure: true) { args in
            guard let dob = date(args[0]), let on = date(args[1]) else { return nil }
            return dob.age(on: on)
        })
        db.add(function: DatabaseFunction("add_months", argumentCount: 2, pure: true) { args in
            guard let a = date(args[0]), let n = Int.fromDatabaseValue(args[1]) else { return nil }
            return a.adding(months: n)?.iso
        })
        db.add(function: DatabaseFunction("working_days", argumentCount: 2, pure: true) { args in
            guard let a = date(args[0]), let b = date(args[1]) else { return nil }
            return try calendar.workingDays(from: a, to: b)
        })
        db.add(function: DatabaseFunction("add_working_days", argumentCount: 2, pure: true) { args in
            guard let a = date(args[0]), let n = Int.fromDatabaseValue(args[1]) else { return nil }
            return try calendar.adding(workingDays: n, to: a).iso
        })
    }

    /// The functions a mapping's queries call with the code lists of the return they make.
    static func registerMapping(in db: Database, codeLists: [String: CodeList]) {
        registerCodeFor(in: db, codeLists: codeLists)
    }

    private static func registerCodeFor(in db: Database, codeLists: [String: CodeList]) {
        // Looked up once per list, not per call: rules call it on every record they compare.
        let spellings = codeLists.mapValues(\.writtenForms)
        db.add(function: DatabaseFunction("code_for", argumentCount: 2, pure: true) { args in
            guard let name = String.fromDatabaseValue(args[0]) else { return nil }
            guard let list = spellings[name] else { throw DatabaseError(message: "no code list named '\(name)'") }
            guard let value = String.fromDatabaseValue(args[1])?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
            return list[value.lowercased()] ?? value
        })
    }

    private static func date(_ value: DatabaseValue) -> SimpleDate? {
        String.fromDatabaseValue(value).flatMap { SimpleDate(iso: $0) }
    }
}
