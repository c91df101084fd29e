/// The coordinates of one run in a grid: which model, how its training rows were chosen, how
/// many, and which replicate.
public struct RunKey: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var model: String
    /// How the training rows were chosen ("random", or a pruning or active-learning strategy).
    public var strategy: String
    public var trainSize: TrainSize
    /// The replicate: runs with the same seed draw the same subset for every model.
    public var seed: Int

    public init(model: String, strategy: String = "random", trainSize: TrainSize, seed: Int) {
        self.model = model; self.strategy = strategy; self.trainSize = trainSize; self.seed = seed
    }

    /// The key as text; stable across processes and versions, the source of every derived seed.
    public var canonical: String { "model=\(model)/strategy=\(strategy)/size=\(trainSize)/seed=\(seed)" }

    public var description: String { canonical }

    /// The seed of the model's own randomness (bootstrap, feature sampling, …).
    public var modelSeed: UInt64 { StableSeed.of("model-seed|" + canonical) }

    /// The seed that orders the pool for this replicate: the same for every model and size, so
    /// comparisons across models are paired and subsets are nested across sizes.
    public var subsetSeed: UInt64 { StableSeed.of("subset|strategy=\(strategy)|seed=\(seed)") }

    public static func < (a: RunKey, b: RunKey) -> Bool {
        (a.model, a.strategy, a.trainSize, a.seed) < (b.model, b.strategy, b.trainSize, b.seed)
    }
}
