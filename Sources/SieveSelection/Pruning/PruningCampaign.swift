import SieveCore
import SieveModels

/// Prunes redundant data from a pool, guided by one model (Li et al., Nat. Commun. 14, 7283,
/// 2023, following the authors' `prune_rd`):
///
/// 1. Train the guide on the whole pool; threshold = `threshold ×` its MAE on the ID test set.
/// 2. Each iteration i: split the rows still kept into `1 − holdout` / `holdout` (seeded by i),
///    fit the guide on the first part, and mark the held-out rows with absolute error below the
///    threshold (at least `minimumDrop` of the pool: the lowest-error ones) for removal. Stop when
///    fewer than `minimumRemaining` rows would remain. Otherwise refit the guide (and the
///    transfer model) on every kept row, record ID, OOD and removed-rows metrics, and remove.
///
/// Every random choice derives from the campaign's seed and the iteration number, so a campaign
/// resumed from any checkpoint ends exactly as an uninterrupted one.
public struct PruningCampaign: Sendable {
    public struct Model: Sendable {
        public let name: String
        public let regressor: any Regressor
        public init(name: String, regressor: any Regressor) { self.name = name; self.regressor = regressor }
    }

    public let store: FeatureStore
    public let targets: [Double]
    public let pool: [Int]
    /// The ID test set first, then OOD sets, by name.
    public let testSets: [(name: String, rows: [Int])]
    public let guide: Model
    public let transfer: Model?
    public let parameters: PruningParameters
    public let seed: UInt64

    public init(store: FeatureStore, targets: [Double], pool: [Int], testSets: [(name: String, rows: [Int])],
                guide: Model, transfer: Model?, parameters: PruningParameters, seed: UInt64) {
        self.store = store; self.targets = targets; self.pool = pool; self.testSets = testSets
        self.guide = guide; self.transfer = transfer; self.parameters = parameters; self.seed = seed
    }

    /// Runs (or resumes) the campaign from `state`, calling `checkpoint` after every iteration;
    /// returns the finished state. `shouldStop` lets a caller stop between iterations.
    public func run(from state: PruningState, threads: Int, shouldStop: () -> Bool = { false },
                    checkpoint: (PruningState) throws -> Void) throws -> PruningState {
        try run(from: state, threadShare: { threads }, shouldStop: shouldStop, checkpoint: checkpoint)
    }

    /// As `run(from:threads:…)`, asking `threadShare` at every iteration how many threads it may use
    /// (the scheduler's share grows when other units finish). Results do not depend on it.
    public func run(from state: PruningState, threadShare: () -> Int, shouldStop: () -> Bool = { false },
                    checkpoint: (PruningState) throws -> Void) throws -> PruningState {
        var state = state
        if state.fullPoolMAE == nil {
            let fitted = try fit(guide.regressor, rows: pool, threads: threadShare(), salt: "full-pool")
            let id = testSets[0].rows
            state.fullPoolMAE = RegressionMetrics(predicted: try fitted.predict(store, rows: id),
                                                  actual: id.map { targets[$0] }).mae
            try checkpoint(state)
        }
        let threshold = parameters.threshold * state.fullPoolMAE!
        let minimumDrop = max(1, Int(Double(pool.count) * parameters.minimumDrop))
        while !state.finished && !shouldStop() {
            let iteration = state.removedBatches.count
            let threads = threadShare()
            let removed = Set(state.removedBatches.flatMap { $0 })
            let kept = pool.filter { !removed.contains($0) }
            // Split the kept rows, seeded by the iteration.
            var rng = Xoshiro256(seed: SplitMix64.mix(seed ^ StableSeed.of("prune-split|\(iteration)")))
            var shuffled = kept
            rng.shuffle(&shuffled)
            let heldCount = max(1, Int((Double(kept.count) * parameters.holdout).rounded()))
            let held = Array(shuffled[..<heldCount]), train = Array(shuffled[heldCount...]).sorted()
            let fitted = try fit(guide.regressor, rows: train, threads: threads, salt: "split-\(iteration)")
            let predictions = try fitted.predict(store, rows: held)
            let errors = zip(held, predictions).map { (row: $0, error: Swift.abs($1 - targets[$0])) }
                .sorted { ($0.error, $0.row) < ($1.error, $1.row) }
            var batch = errors.filter { $0.error < threshold }.map(\.row)
            if batch.count < minimumDrop { batch = errors.prefix(minimumDrop).map(\.row) }
            if batch.count > kept.count - parameters.minimumRemaining {
                state.finished = true
                try checkpoint(state)
                break
            }
            state.iterations.append(try measure(iteration: iteration, kept: kept, removed: Array(removed).sorted(), threads: threads))
            state.removedBatches.append(batch)
            try checkpoint(state)
        }
        return state
    }

    /// Refits the guide and transfer models on the kept rows and measures them.
    private func measure(iteration: Int, kept: [Int], removed: [Int], threads: Int) throws -> PruningIteration {
        var metrics: [ModelSplitMetrics] = []
        for (role, model) in [("guide", guide)] + (transfer.map { [("transfer", $0)] } ?? []) {
            let fitted = try fit(model.regressor, rows: kept, threads: threads, salt: "refit-\(iteration)-\(role)")
            let sets = testSets + (removed.isEmpty ? [] : [(name: "removed", rows: removed)])
            metrics += try Measurement.metrics(of: fitted, model: model.name, role: role, store: store, targets: targets, sets: sets)
        }
        return PruningIteration(iteration: iteration, kept: kept.count, poolRows: pool.count, metrics: metrics)
    }

    private func fit(_ regressor: any Regressor, rows: [Int], threads: Int, salt: String) throws -> any FittedModel {
        try regressor.fit(TrainingData(store: store, rows: rows, targets: rows.map { targets[$0] }),
                          context: FitContext(seed: SplitMix64.mix(seed ^ StableSeed.of(salt)), threads: threads,
                                              label: "pruning \(salt)"))
    }

    /// The order of the never-removed rows: a seeded shuffle (they survived equally long).
    public func survivorOrder() -> [Int] {
        var rng = Xoshiro256(seed: SplitMix64.mix(seed ^ StableSeed.of("survivors")))
        var rows = pool
        rng.shuffle(&rows)
        return rows
    }
}
