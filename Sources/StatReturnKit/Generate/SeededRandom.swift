/// A small deterministic random generator (SplitMix64), so a seed always gives the same
/// council. Swift's own generator is seeded from the system and cannot be replayed.
public struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64

    public init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &self) < p }
    mutating func int(_ r: ClosedRange<Int>) -> Int { Int.random(in: r, using: &self) }
    mutating func pick<T>(_ xs: [T]) -> T { xs[Int.random(in: 0..<xs.count, using: &self)] }

    /// Picks by weight: `[(value, weight)]`.
    mutating func weighted<T>(_ xs: [(T, Int)]) -> T {
        var n = int(1...xs.map(\.1).reduce(0, +))
        for (x, w) in xs {
            n -= w
            if n <= 0 { return x }
        }
        return xs.last!.0
    }
}
