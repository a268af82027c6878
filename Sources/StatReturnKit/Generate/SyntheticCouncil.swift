import Foundation

/// `statreturn generate`: a synthetic council for a return, deterministic for a seed.
public enum SyntheticCouncil {
    public struct Unsupported: Error, CustomStringConvertible {
        public let returnName: String
        public var description: String { "no generator for \(returnName) yet" }
    }

    /// A synthetic extract of a dataset the year's returns are made from (the SSD for
    /// `generate ssd --year 2026-27`): nil when no return of that year names `dataset` as a source,
    /// or when `dataset` is itself a return of that year (the 903 the ASGLB may be made from),
    /// which is generated as a return.
    public static func dataset(_ dataset: String, year: String, loader: SpecLoader, children: Int, seed: UInt64, errorRate: Double) throws -> SyntheticReturn? {
        if (try? ReturnCatalog(loader).resolve(returnName: dataset, year: year)) != nil { return nil }
        var returns: [ReturnSpec] = []
        for name in loader.returns where name != dataset {
            guard let resolved = try? ReturnCatalog(loader).resolve(returnName: name, year: year),
                  let spec = try? loader.load(returnName: resolved.returnName, year: resolved.year),
                  spec.sources[dataset] != nil else { continue }
            returns.append(spec)
        }
        guard let mapping = returns.first?.sources[dataset], let version = mapping.version else { return nil }
        let spec = try loader.load(returnName: mapping.source, year: version)
        var out = try SSDGenerator.generate(spec, from: returns, specs: loader.root, children: children, seed: seed)
        var random = SeededRandom(seed: seed &+ 1)
        ErrorInjector(rate: errorRate, kinds: try ErrorInjector.kinds(for: spec, specs: loader.root)).inject(into: &out, random: &random)
        return out
    }

    /// `specs` is the Specs folder, for the kinds of error to inject (`inject.yml`).
    public static func generate(_ spec: ReturnSpec, specs: URL, children: Int, seed: UInt64, errorRate: Double) throws -> SyntheticReturn {
        var out = SyntheticReturn(spec: spec)
        var random = SeededRandom(seed: seed)
        switch spec.returnName {
        case "ssda903":
            var g = SSDA903Generator(spec: spec, random: random)
            for n in 0..<children { g.child(n, into: &out) }
            // Care leavers in touch with the council: about one for every twenty children in care.
            for n in 0..<max(1, children / 20) { g.careLeaver(n, into: &out) }
            random = g.random
        case "asglb":
            // The 903's children for the same seed, whose adoption stories the ASGLB tells again.
            guard let the903Spec = spec.companions["ssda903"] else { throw Unsupported(returnName: spec.returnName) }
            var the903 = SyntheticReturn(spec: the903Spec)
            var g = SSDA903Generator(spec: the903Spec, random: random)
            for n in 0..<children { g.child(n, into: &the903) }
            var a = ASGLBGenerator(spec: spec, random: SeededRandom(seed: seed &+ 2))
            a.add(g.adoptions, the903: the903, into: &out)
            random = a.random
        case "cin":
            var g = CINGenerator(spec: spec, random: random)
            g.header(into: &out)
            for n in 0..<children { g.child(n, into: &out) }
            random = g.random
        default:
            throw Unsupported(returnName: spec.returnName)
        }
        ErrorInjector(rate: errorRate, kinds: try ErrorInjector.kinds(for: spec, specs: specs)).inject(into: &out, random: &random)
        return out
    }
}
