import Foundation

/// A synthetic Standard Safeguarding Dataset extract: the children of the returns' own
/// generators for the same seed (the 903's children looked after and care leavers, the CIN
/// census's children in need; their IDs do not meet), each return's records written back as
/// the SSD's tables, every child allocated to a team and a worker, and the casework around
/// them (contacts, early help, visits). Deriving a return from
/// it by the return's `from-ssd.yml` gives back the return's own generated records.
enum SSDGenerator {
    static func generate(_ dataset: ReturnSpec, from returns: [ReturnSpec], specs: URL, children: Int, seed: UInt64) throws -> SyntheticReturn {
        var out = SyntheticReturn(spec: dataset)
        var ids = SSDRowIDs()
        var written = 0
        for spec in returns.sorted(by: { $0.returnName < $1.returnName }) {
            let writeBack: (SyntheticReturn, inout SyntheticReturn, inout SSDRowIDs) -> Void
            switch spec.returnName {
            case "ssda903": writeBack = SSDFrom903.add
            case "cin": writeBack = SSDFromCIN.add
            // The ASGLB's children and their adoption stories are the 903's, written back with it.
            case "asglb": continue
            default: throw SyntheticCouncil.Unsupported(returnName: "\(dataset.returnName) from \(spec.returnName)")
            }
            writeBack(try SyntheticCouncil.generate(spec, specs: specs, children: children, seed: seed, errorRate: 0), &out, &ids)
            written += 1
        }
        // A dataset no return's records are written back to (an adopter extract) has no generator.
        guard written > 0 else { throw SyntheticCouncil.Unsupported(returnName: dataset.returnName) }
        var random = SeededRandom(seed: seed)
        SSDAllocations.add(into: &out, from: returns.map(\.period.start).min() ?? dataset.period.start, random: &random, ids: &ids)
        SSDCasework.add(into: &out, until: returns.map(\.period.end).max() ?? dataset.period.end, random: &random, ids: &ids)
        return out
    }
}

/// Row IDs for the SSD's tables, unique within each table ("CLAE1", "CLAE2", ...).
struct SSDRowIDs {
    private var next: [String: Int] = [:]
    mutating func next(_ prefix: String) -> String {
        next[prefix, default: 0] += 1
        return "\(prefix)\(next[prefix]!)"
    }
}
