import Foundation

/// `statreturn generate`: a synthetic council for a return, deterministic for a seed.
public enum SyntheticCouncil {
    public struct Unsupported: Error, CustomStringConvertible {
        public let returnName: String
        public var description: String { "no generator for \(returnName) yet" }
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
