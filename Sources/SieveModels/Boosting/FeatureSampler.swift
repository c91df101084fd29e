import SieveCore

/// Column sampling with XGBoost's semantics (`ColumnSampler`, `src/common/random.{h,cc}` of 1.7.4).
///
/// Each tree draws `colsample_bytree` of all features; each depth of the tree draws
/// `colsample_bylevel` of the tree's set (once, shared by every node at that depth); each node
/// draws `colsample_bynode` of its level's set. A draw of a fraction `c` from `k` features keeps
/// `max(1, ⌊c·k⌋)` of them (computed in single precision, as XGBoost does), chosen uniformly
/// without replacement and kept sorted. A fraction of 1 takes the set as it is, with no draw.
///
/// The draws come from Sieve's own generator, so they differ from the library's (whose draws
/// depend on its build and thread count); the distribution is the same.
struct FeatureSampler: Sendable {
    var byTree: Double
    var byLevel: Double
    var byNode: Double

    /// Whether every node of a level uses the level's set.
    var nodesShareLevelSet: Bool { byNode == 1 }

    /// How many of `count` features a fraction keeps.
    static func keptCount(_ fraction: Double, of count: Int) -> Int {
        Swift.max(1, Int(Float(fraction) * Float(count)))
    }

    /// A sorted sample of `fraction` of `features` (sorted), or `features` itself for a fraction of 1.
    static func sample(_ features: [Int32], fraction: Double, rng: inout Xoshiro256) -> [Int32] {
        guard fraction < 1, !features.isEmpty else { return features }
        let k = keptCount(fraction, of: features.count)
        var pool = features
        for i in 0..<k {
            let j = i + rng.uniform(below: pool.count - i)
            if i != j { pool.swapAt(i, j) }
        }
        var kept = Array(pool[0..<k])
        kept.sort()
        return kept
    }

    func tree(featureCount: Int, rng: inout Xoshiro256) -> [Int32] {
        Self.sample((0..<Int32(featureCount)).map { $0 }, fraction: byTree, rng: &rng)
    }

    func level(_ treeSet: [Int32], rng: inout Xoshiro256) -> [Int32] {
        Self.sample(treeSet, fraction: byLevel, rng: &rng)
    }

    func node(_ levelSet: [Int32], rng: inout Xoshiro256) -> [Int32] {
        Self.sample(levelSet, fraction: byNode, rng: &rng)
    }
}
