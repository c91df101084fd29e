import SieveCore
import SieveModels

/// An active-learning campaign (Li et al., Nat. Commun. 14, 7283, 2023): start from a random
/// initial set; repeat: fit the evaluation models on the labelled rows and measure them on every
/// test split, score the unlabelled rows with the strategy, and label the `batch` highest-scoring
/// ones, until `stop` rows are labelled. One campaign per strategy and seed. Every random choice
/// derives from the strategy, the seed and the iteration, so a resumed campaign equals an
/// uninterrupted one.
public struct ActiveLearningCampaign: Campaign {
    public static let kind = "active_learning"
    public static let specPath = ["active_learning"]
    public static let idPrefix = "al-"

    public var acquisition: any AcquisitionStrategy
    /// Models measured at every iteration (strategies may also use them).
    public var evaluate: [NamedModel]
    public var initial: TrainSize
    public var batch: TrainSize
    public var stop: TrainSize
    public var seed: Int
    /// Where `initial`, `batch` and `stop` (and the section, under "") are written, for data problems.
    public var locations: [String: SourceLocation] = [:]

    public init(acquisition: any AcquisitionStrategy, evaluate: [NamedModel], initial: TrainSize, batch: TrainSize,
                stop: TrainSize, seed: Int) {
        self.acquisition = acquisition; self.evaluate = evaluate; self.initial = initial; self.batch = batch
        self.stop = stop; self.seed = seed
    }

    /// Counts above the pool and an initial set larger than the stop.
    public func dataProblems(_ data: CampaignData) -> [Located<String>] {
        guard let section = locations[""] else { return [] }
        let n = data.pool.count
        var out: [Located<String>] = []
        for (key, size) in [("initial", initial), ("batch", batch), ("stop", stop)] {
            if case let .count(c) = size, c > n {
                out.append(Located("active_learning.\(key) is \(c) rows, more than the \(n) rows of the pool.", at: locations[key] ?? section))
            }
        }
        let r = rows(poolRows: n)
        if out.isEmpty && r.initial > n {
            out.append(Located("Active learning starts from at least 2 rows, and the pool has \(n).", at: section))
        } else if out.isEmpty && r.initial > r.stop {
            out.append(Located("active_learning.initial (\(r.initial) rows) is above active_learning.stop (\(r.stop) rows), "
                               + "so the campaign could not acquire anything.", at: locations["initial"] ?? section))
        }
        return out
    }

    public var strategy: String { type(of: acquisition).name }
    public var label: String { "active learning \(strategy) seed=\(seed)" }
    public var identityKey: RunKey { RunKey(model: "active-learning", strategy: strategy, trainSize: stop, seed: seed) }

    /// Sizes in rows for a pool: at least 2 initial rows and a batch of at least 1.
    public func rows(poolRows n: Int) -> (initial: Int, batch: Int, stop: Int) {
        (max(2, initial.rows(inPool: n)), max(1, batch.rows(inPool: n)), stop.rows(inPool: n))
    }

    /// About 30 fits of the pool, times the strategy's own scoring cost.
    public func cost(poolRows: Int) -> Double { 30 * Double(poolRows) * max(1, acquisition.costFactor) }

    public func plannedIterations(poolRows: Int) -> Int? {
        let r = rows(poolRows: poolRows)
        return max(0, (r.stop - r.initial + r.batch - 1) / r.batch) + 1
    }

    public func initialState() -> ActiveLearningState { ActiveLearningState() }
    public func iterationsDone(_ state: ActiveLearningState) -> Int { state.iterations.count }
    public func isFinished(_ state: ActiveLearningState) -> Bool { state.finished }

    public func progressNote(_ state: ActiveLearningState) -> String? {
        state.iterations.last.map { "\($0.labelled) of \($0.poolRows) rows labelled" }
    }

    /// The labelled set it ended with.
    public func trainingSets(_ state: ActiveLearningState) -> [(name: String, rows: [Int])] {
        state.batches.isEmpty ? [] : [("active learning \(strategy), seed \(seed)", state.labelled)]
    }

    /// The seed every random choice of the campaign derives from.
    public var campaignSeed: UInt64 { StableSeed.of("active-learning|\(strategy)|seed=\(seed)") }
}
