#if canImport(Glibc)
import Glibc
#endif
import SieveCore
import SieveModels

extension ActiveLearningCampaign {
    public func run(from state: ActiveLearningState, id: String, data: CampaignData, environment: CampaignEnvironment,
                    checkpoint: (ActiveLearningState) throws -> Void) throws -> ActiveLearningState {
        let sizes = rows(poolRows: data.pool.count)
        precondition(sizes.stop <= data.pool.count, "An active-learning campaign cannot stop beyond its pool.")
        let seed = campaignSeed
        var state = state
        if state.batches.isEmpty {
            var rng = Xoshiro256(seed: SplitMix64.mix(seed ^ StableSeed.of("al-initial")))
            state.batches = [rng.sample(sizes.initial, from: data.pool.count).map { data.pool[$0] }.sorted()]
            try checkpoint(state)
        }
        let models = evaluate + acquisition.extraModels
        while !state.finished && !environment.shouldStop() {
            let iteration = state.iterations.count
            let labelled = state.labelled
            let threads = environment.threadShare()
            var fitted: [String: any FittedModel] = [:]
            var metrics: [ModelSplitMetrics] = []
            for model in evaluate {
                let f = try data.fit(model.regressor, rows: labelled, seed: seed, salt: "\(model.name)|\(iteration)", threads: threads,
                                     label: "active learning")
                fitted[model.name] = f
            }
            for model in evaluate {
                metrics += try Measurement.metrics(of: fitted[model.name]!, model: model.name, role: "evaluate", data: data,
                                                   sets: data.testSets)
            }
            let labelledSet = Set(labelled)
            let unlabelled = data.pool.filter { !labelledSet.contains($0) }
            let room = sizes.stop - labelled.count
            var acquired: [Int] = []
            let scoringStart = Clock.now()
            if room > 0 && !unlabelled.isEmpty {
                let request = AcquisitionRequest(data: data, labelled: labelled, unlabelled: unlabelled, iteration: iteration,
                                                 seed: seed, threads: threads, models: models, fitted: fitted)
                let scores = try acquisition.scores(request)
                precondition(scores.count == unlabelled.count, "\(strategy) must score every unlabelled row.")
                acquired = AcquisitionScores.top(scores, Swift.min(sizes.batch, room, unlabelled.count)).map { unlabelled[$0] }
            }
            state.iterations.append(ActiveLearningIteration(iteration: iteration, labelled: labelled.count, poolRows: data.pool.count,
                                                            metrics: metrics, scoringSeconds: Clock.now() - scoringStart))
            if acquired.isEmpty { state.finished = true } else { state.batches.append(acquired) }
            try checkpoint(state)
        }
        return state
    }
}

/// Wall-clock seconds, for the per-iteration cost.
enum Clock {
    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }
}
