/// A companion read for the collection year that holds a date the run is given (`year_covering`
/// in `return.yml`): the CIN census and SSDA903 beside Annex A's lists are read as the year of
/// the inspection date, whatever year's spec the lists themselves follow.
extension ReturnSpec {
    /// This spec with each companion that follows a date read for the run's year: the year named
    /// by its `year_parameter` when given, else the collection year holding its date. A date no
    /// year holds is refused, naming the years there are and the parameter that chooses one.
    public func companionsFor(run parameters: [String: String], loader: SpecLoader) throws -> ReturnSpec {
        var spec = self
        for i in inputs {
            guard case .companion(let name) = i.kind, let dateName = i.yearCovering, let date = parameters[dateName].flatMap(SimpleDate.init(iso:)),
                  let loaded = companions[name] else { continue }
            let given = i.yearParameter.flatMap { parameters[$0] }
            let year: String
            if let given {
                guard let known = try? ReturnCatalog(loader).resolve(returnName: name, year: given).year else {
                    throw InputError(file: "--param \(i.yearParameter!)", problem: "\(loaded.title) has no year '\(given)' (it has \(loader.years(of: name).joined(separator: ", ")))")
                }
                year = known
            } else {
                guard let covering = try loader.year(of: name, covering: date) else {
                    let choose = i.yearParameter.map { "; give the year of the files with --param \($0)=YEAR" } ?? ""
                    throw InputError(file: "--input \(i.name)", problem: "no year of the \(loaded.title) holds the \(dateName.replacingOccurrences(of: "_", with: " ")) \(date.dmy) (it has \(loader.years(of: name).joined(separator: ", ")))\(choose)")
                }
                year = covering
            }
            if year != loaded.year { spec.companions[name] = try loader.load(returnName: name, year: year, withCompanions: false) }
        }
        return spec
    }

    /// Each companion's collection dates, bound for rules and mappings as `:<return>_collection_start`,
    /// `:<return>_collection_end` and `:<return>_reference_date` (e.g. to ask only about what the
    /// year's census can hold).
    var companionParameters: [String: String] {
        var values: [String: String] = [:]
        for (name, c) in companions { for (k, v) in c.period.parameters { values["\(name)_\(k)"] = v } }
        return values
    }

    /// The names of those values, for checking the queries that use them.
    var companionParameterNames: [String] {
        companions.keys.flatMap { name in CollectionPeriod.parameterNames.map { "\(name)_\($0)" } }
    }
}
