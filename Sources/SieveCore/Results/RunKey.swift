/// The coordinates of one run in a grid: which model, how its training rows were chosen, how
/// many, and which replicate.
public struct RunKey: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var model: String
    /// How the training rows were chosen ("random", or a pruning or active-learning strategy).
    public var strategy: String
    public var trainSize: TrainSize
    /// The replicate: runs with the same seed draw the same subset for every model.
    public var seed: Int
    /// The cross-validation fold (1-based); nil when the experiment has one random holdout, so
    /// such keys, their ids and their records are what they were before folds existed.
    public var fold: Int?

    public init(model: String, strategy: String = "random", trainSize: TrainSize, seed: Int, fold: Int? = nil) {
        self.model = model; self.strategy = strategy; self.trainSize = trainSize; self.seed = seed; self.fold = fold
    }

    /// The key as text; stable across processes and versions, the source of every derived seed.
    public var canonical: String {
        "model=\(model)/strategy=\(strategy)/size=\(trainSize)/seed=\(seed)" + (fold.map { "/fold=\($0)" } ?? "")
    }

    public var description: String { canonical }

    /// The seed of the model's own randomness (bootstrap, feature sampling, …).
    public var modelSeed: UInt64 { StableSeed.of("model-seed|" + canonical) }

    /// The seed that orders the pool for this replicate: the same for every model and size, so
    /// comparisons across models are paired and subsets are nested across sizes.
    public var subsetSeed: UInt64 {
        StableSeed.of("subset|strategy=\(strategy)|seed=\(seed)" + (fold.map { "|fold=\($0)" } ?? ""))
    }

    public static func < (a: RunKey, b: RunKey) -> Bool {
        (a.model, a.strategy, a.trainSize, a.fold ?? 0, a.seed) < (b.model, b.strategy, b.trainSize, b.fold ?? 0, b.seed)
    }
}
