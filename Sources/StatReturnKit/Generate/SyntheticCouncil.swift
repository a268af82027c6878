import Foundation

/// `statreturn generate`: a synthetic council for a return, deterministic for a seed.
public enum SyntheticCouncil {
    public struct Unsupported: Error, CustomStringConvertible {
        public let returnName: String
        public var description: String { "no generator for \(returnName) yet" }
    }

    /// A synthetic extract of a dataset the year's returns are made from (the SSD for
    /// `generate ssd --year 2026-27`): nil when no return of that year names `dataset` as a source.
    public static func dataset(_ dataset: String, year: String, loader: SpecLoader, children: Int, seed: UInt64, errorRate: Double) throws -> SyntheticReturn? {
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
