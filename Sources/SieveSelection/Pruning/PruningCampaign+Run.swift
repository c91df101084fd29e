import SieveCore
import SieveModels

extension PruningCampaign {
    public func run(from state: PruningState, id: String, data: CampaignData, environment: CampaignEnvironment,
                    checkpoint: (PruningState) throws -> Void) throws -> PruningState {
        try run(from: state, seed: Self.seed(id), data: data, environment: environment, checkpoint: checkpoint)
    }

    /// The pruning loop with an explicit seed (the campaign's id gives it in a grid).
    public func run(from state: PruningState, seed: UInt64, data: CampaignData, environment: CampaignEnvironment,
                    checkpoint: (PruningState) throws -> Void) throws -> PruningState {
        var state = state
        let pool = data.pool
        if state.fullPoolMAE == nil {
            let fitted = try data.fit(guide.regressor, rows: pool, seed: seed, salt: "full-pool", threads: environment.threadShare(),
                                      label: "pruning")
            let id = data.testSets[0].rows
            state.fullPoolMAE = RegressionMetrics(predicted: try fitted.predict(data.store, rows: id),
                                                  actual: id.map { data.targets[$0] }).mae
            try checkpoint(state)
        }
        let threshold = parameters.threshold * state.fullPoolMAE!
        let minimumDrop = max(1, Int(Double(pool.count) * parameters.minimumDrop))
        while !state.finished && !environment.shouldStop() {
            let iteration = state.removedBatches.count
            let threads = environment.threadShare()
            let removed = Set(state.removedBatches.flatMap { $0 })
            let kept = pool.filter { !removed.contains($0) }
            // Split the kept rows, seeded by the iteration.
            var rng = Xoshiro256(seed: SplitMix64.mix(seed ^ StableSeed.of("prune-split|\(iteration)")))
            var shuffled = kept
            rng.shuffle(&shuffled)
            let heldCount = max(1, Int((Double(kept.count) * parameters.holdout).rounded()))
            let held = Array(shuffled[..<heldCount]), train = Array(shuffled[heldCount...]).sorted()
            let fitted = try data.fit(guide.regressor, rows: train, seed: seed, salt: "split-\(iteration)", threads: threads,
                                      label: "pruning")
            let predictions = try fitted.predict(data.store, rows: held)
            let errors = zip(held, predictions).map { (row: $0, error: Swift.abs($1 - data.targets[$0])) }
                .sorted { ($0.error, $0.row) < ($1.error, $1.row) }
            var batch = errors.filter { $0.error < threshold }.map(\.row)
            if batch.count < minimumDrop { batch = errors.prefix(minimumDrop).map(\.row) }
            if batch.count > kept.count - parameters.minimumRemaining {
                state.finished = true
                try checkpoint(state)
                break
            }
            state.iterations.append(try measure(iteration: iteration, kept: kept, removed: Array(removed).sorted(), seed: seed,
                                                data: data, threads: threads))
            state.removedBatches.append(batch)
            try checkpoint(state)
        }
        return state
    }

    /// Refits the guide and transfer models on the kept rows and measures them.
    private func measure(iteration: Int, kept: [Int], removed: [Int], seed: UInt64, data: CampaignData,
                         threads: Int) throws -> PruningIteration {
        var metrics: [ModelSplitMetrics] = []
        for (role, model) in [("guide", guide)] + (transfer.map { [("transfer", $0)] } ?? []) {
            let fitted = try data.fit(model.regressor, rows: kept, seed: seed, salt: "refit-\(iteration)-\(role)", threads: threads,
                                      label: "pruning")
            let sets = data.testSets + (removed.isEmpty ? [] : [NamedRows(name: "removed", rows: removed)])
            metrics += try Measurement.metrics(of: fitted, model: model.name, role: role, data: data, sets: sets)
        }
        return PruningIteration(iteration: iteration, kept: kept.count, poolRows: data.pool.count, metrics: metrics)
    }
}
