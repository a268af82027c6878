import Foundation

/// Puts known errors into a synthetic return, as the spec's `inject.yml` describes, so a
/// test can check each is caught under its code.
struct ErrorInjector {
    struct Kind: Decodable {
        var code: String
        var table: String
        var field: String
        var set: String?
        var swapWith: String?
        var duplicate: Bool?
        var when: String?
        enum CodingKeys: String, CodingKey { case code, table, field, set, swapWith = "swap_with", duplicate, when }
    }

    let rate: Double
    let kinds: [Kind]

    /// Chooses a fraction `rate` of children and gives each one error of a kind that fits
    /// their records; the rest are left as generated.
    func inject(into out: inout SyntheticReturn, random: inout SeededRandom) {
        // Children are those of the first table that names them (the 903 Header, the CIN ChildIdentifiers).
        guard rate > 0, let first = out.spec.tables.first(where: { $0.childField != nil }), let childField = first.childField else { return }
        let children = (out.rows[first.name] ?? []).compactMap { $0[childField] }
        var used: [String: Int] = [:]
        // Each table's rows by child, so choosing is linear in the size of the council.
        var byChild: [String: [String: [Int]]] = [:]
        for (table, rows) in out.rows {
            // A dataset's tables each name the person their own way (the SSD's `clae_person_id`).
            let field = out.spec.table(table)?.childField ?? childField
            for (i, row) in rows.enumerated() { byChild[table, default: [:]][row[field] ?? "", default: []].append(i) }
        }
        func row(_ k: Kind, _ child: String) -> Int? {
            byChild[k.table]?[child]?.first { fits(k, out.rows[k.table]![$0]) }
        }
        for child in children where random.chance(rate) {
            let fitting = kinds.filter { row($0, child) != nil }
            guard !fitting.isEmpty else { continue }
            // The least used kind that fits, so every kind is exercised in a council of any size.
            let least = fitting.map { k in used[k.code, default: 0] }.min()!
            let kind = random.pick(fitting.filter { used[$0.code, default: 0] == least })
            used[kind.code, default: 0] += 1
            let index = row(kind, child)!
            var row = out.rows[kind.table]![index]
            if kind.duplicate == true {
                out.rows[kind.table]!.append(row)
            } else if let other = kind.swapWith {
                (row[kind.field], row[other]) = (row[other], row[kind.field])
            } else {
                row[kind.field] = kind.set ?? ""
            }
            out.rows[kind.table]![index] = row
            out.injected.append(.init(child: child, code: kind.code, table: kind.table, field: kind.field))
        }
    }

    private func fits(_ k: Kind, _ row: [String: String]) -> Bool {
        guard let w = k.when else { return true }
        return !(row[w] ?? "").isEmpty
    }

    /// The kinds for a spec: its year's `inject.yml`, or the nearest earlier year's.
    static func kinds(for spec: ReturnSpec, specs root: URL) throws -> [Kind] {
        var year: String? = spec.year
        while let y = year {
            let dir = root.appendingPathComponent(spec.returnName).appendingPathComponent(y)
            let url = dir.appendingPathComponent("inject.yml")
            if let text = try? String(contentsOf: url, encoding: .utf8) {
                let kinds = try decodeYAML([Kind].self, text, file: "Specs/\(spec.returnName)/\(y)/inject.yml")
                for k in kinds where spec.table(k.table)?.field(k.field) == nil || spec.rule(k.code) == nil {
                    throw SpecError(file: "Specs/\(spec.returnName)/\(y)/inject.yml", entry: k.code,
                                    problem: "names a table, field or rule the spec does not have")
                }
                return kinds
            }
            year = spec.periods.keys.filter { $0 < y }.max()
        }
        return []
    }
}
