import SieveCore
import SieveModels

/// Prunes redundant data from a pool, guided by one model (Li et al., "Exploiting redundancy in
/// large materials datasets for efficient machine learning with less data", Nat. Commun. 14, 7283,
/// 2023, following the authors' `prune_rd`):
///
/// 1. Train the guide on the whole pool; threshold = `threshold ×` its MAE on the ID test set.
/// 2. Each iteration i: split the rows still kept into `1 − holdout` / `holdout` (seeded by i),
///    fit the guide on the first part, and mark the held-out rows with absolute error below the
///    threshold (at least `minimumDrop` of the pool: the lowest-error ones) for removal. Stop when
///    fewer than `minimumRemaining` rows would remain. Otherwise refit the guide (and the
///    transfer model) on every kept row, record ID, OOD and removed-rows metrics, and remove.
///
/// Runs then train on pruned sets of every grid size: the rows that survived longest. Every random
/// choice derives from the campaign's id and the iteration number, so a campaign resumed from any
/// checkpoint ends exactly as an uninterrupted one.
public struct PruningCampaign: Campaign {
    public static let kind = "pruning"
    public static let specPath = ["selection", "prune"]
    public static let idPrefix = "campaign-"

    public var guide: NamedModel
    public var transfer: NamedModel?
    public var parameters: PruningParameters
    /// Where the campaign (under "") and its `min_remaining` are written, for data problems.
    public var locations: [String: SourceLocation] = [:]

    /// A `min_remaining` above the pool.
    public func dataProblems(_ data: CampaignData) -> [Located<String>] {
        guard let section = locations[""], parameters.minimumRemaining > data.pool.count else { return [] }
        return [Located("min_remaining is \(parameters.minimumRemaining) rows, more than the \(data.pool.count) rows of the pool, "
                        + "so pruning could not remove any row.", at: locations["min_remaining"] ?? section)]
    }

    public init(guide: NamedModel, transfer: NamedModel?, parameters: PruningParameters) {
        self.guide = guide; self.transfer = transfer; self.parameters = parameters
    }

    public var strategy: String { "prune-\(guide.name)" }
    public var label: String { "pruning \(strategy)" }
    public var identityKey: RunKey { RunKey(model: guide.name, strategy: strategy, trainSize: .fraction(1), seed: 0) }

    /// About 25 fits of the pool: the guide and transfer model refitted at every iteration.
    public func cost(poolRows: Int) -> Double { 25 * Double(poolRows) }

    public func initialState() -> PruningState { PruningState() }
    public func iterationsDone(_ state: PruningState) -> Int { state.iterations.count }
    public func isFinished(_ state: PruningState) -> Bool { state.finished }

    public func progressNote(_ state: PruningState) -> String? {
        state.iterations.last.map { "\($0.kept) of \($0.poolRows) rows kept at the last measured iteration" }
    }

    public var trainingStrategy: String? { strategy }

    /// The pool ordered from the rows that survived pruning longest.
    public func trainingOrder(_ state: PruningState, id: String, data: CampaignData) -> [Int]? {
        state.survivalOrder(pool: data.pool, survivorOrder: survivorOrder(pool: data.pool, seed: Self.seed(id)))
    }

    static func seed(_ id: String) -> UInt64 { StableSeed.of("campaign|" + id) }

    /// The order of the never-removed rows: a seeded shuffle (they survived equally long).
    func survivorOrder(pool: [Int], seed: UInt64) -> [Int] {
        var rng = Xoshiro256(seed: SplitMix64.mix(seed ^ StableSeed.of("survivors")))
        var rows = pool
        rng.shuffle(&rows)
        return rows
    }
}
