import SieveCore

/// A seeded random split of rows into a test set and the rest (the training pool).
public struct RandomHoldout: Sendable, Equatable {
    public var fraction: Double
    public var seed: Int

    public init(fraction: Double, seed: Int) {
        precondition(fraction > 0 && fraction < 1, "A holdout fraction must be in (0, 1).")
        self.fraction = fraction; self.seed = seed
    }

    /// Splits `rows` (any order); both parts come back sorted ascending. The test part has
    /// round(fraction × count) rows, at least one, and leaves at least one row in the pool.
    public func split(_ rows: [Int]) -> (test: [Int], pool: [Int]) {
        var shuffled = rows.sorted()
        var rng = Xoshiro256(seed: StableSeed.of("id-test|seed=\(seed)"))
        rng.shuffle(&shuffled)
        let testCount = Swift.min(Swift.max(1, Int((fraction * Double(rows.count)).rounded())), Swift.max(0, rows.count - 1))
        return (Array(shuffled[..<testCount]).sorted(), Array(shuffled[testCount...]).sorted())
    }
}
