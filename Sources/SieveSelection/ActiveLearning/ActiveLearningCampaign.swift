#if canImport(Glibc)
import Glibc
#endif
import SieveCore
import SieveModels

/// What an active-learning campaign has done: the rows acquired, batch by batch, and what every
/// iteration measured. Enough to resume after any iteration.
public struct ActiveLearningState: Sendable, Equatable, Codable {
    /// The initial random set, then each acquired batch, in order of acquisition.
    public var batches: [[Int]] = []
    public var iterations: [ActiveLearningIteration] = []
    public var finished = false

    public init() {}

    public var labelled: [Int] { batches.flatMap { $0 } }
}

/// The evaluation models' metrics after fitting on the rows labelled at one iteration.
public struct ActiveLearningIteration: Sendable, Equatable, Codable {
    public var iteration: Int
    public var labelled: Int
    public var poolRows: Int
    public var metrics: [ModelSplitMetrics]
    /// Seconds spent scoring the unlabelled rows (fits the strategy needed included).
    public var scoringSeconds: Double
}

/// An active-learning campaign (Li et al., Nat. Commun. 14, 7283, 2023): start from a random
/// initial set; repeat: fit the evaluation models on the labelled rows and measure them on every
/// test split, score the unlabelled rows with the strategy, and label the `batch` highest-scoring
/// ones, until `stop` rows are labelled. Every random choice derives from the seed and the
/// iteration, so a resumed campaign equals an uninterrupted one.
public struct ActiveLearningCampaign: Sendable {
    public struct Model: Sendable {
        public let name: String
        public let regressor: any Regressor
        public init(name: String, regressor: any Regressor) { self.name = name; self.regressor = regressor }
    }

    public let store: FeatureStore
    public let targets: [Double]
    public let pool: [Int]
    public let testSets: [(name: String, rows: [Int])]
    public let strategy: AcquisitionStrategy
    /// Models measured at every iteration, also used by the strategies that name them.
    public let evaluate: [Model]
    /// Models the strategy needs that are not evaluated (by name).
    public let extra: [Model]
    public let initial: Int
    public let batch: Int
    public let stop: Int
    public let seed: UInt64

    public init(store: FeatureStore, targets: [Double], pool: [Int], testSets: [(name: String, rows: [Int])],
                strategy: AcquisitionStrategy, evaluate: [Model], extra: [Model] = [], initial: Int, batch: Int, stop: Int,
                seed: UInt64) {
        precondition(initial >= 2 && batch >= 1 && stop <= pool.count, "An active-learning campaign needs sensible sizes.")
        self.store = store; self.targets = targets; self.pool = pool; self.testSets = testSets; self.strategy = strategy
        self.evaluate = evaluate; self.extra = extra; self.initial = initial; self.batch = batch; self.stop = stop
        self.seed = seed
    }

    /// Runs (or resumes) the campaign, calling `checkpoint` after every iteration.
    public func run(from state: ActiveLearningState, threads: Int, shouldStop: () -> Bool = { false },
                    checkpoint: (ActiveLearningState) throws -> Void) throws -> ActiveLearningState {
        try run(from: state, threadShare: { threads }, shouldStop: shouldStop, checkpoint: checkpoint)
    }

    /// As `run(from:threads:…)`, asking `threadShare` at every iteration how many threads it may use
    /// (the scheduler's share grows when other units finish). Results do not depend on it.
    public func run(from state: ActiveLearningState, threadShare: () -> Int, shouldStop: () -> Bool = { false },
                    checkpoint: (ActiveLearningState) throws -> Void) throws -> ActiveLearningState {
        var state = state
        if state.batches.isEmpty {
            var rng = Xoshiro256(seed: SplitMix64.mix(seed ^ StableSeed.of("al-initial")))
            state.batches = [rng.sample(initial, from: pool.count).map { pool[$0] }.sorted()]
            try checkpoint(state)
        }
        while !state.finished && !shouldStop() {
            let iteration = state.iterations.count
            let labelled = state.labelled
            let threads = threadShare()
            var fitted: [String: any FittedModel] = [:]
            for model in evaluate {
                fitted[model.name] = try fit(model.regressor, rows: labelled, threads: threads, salt: "\(model.name)|\(iteration)")
            }
            var metrics: [ModelSplitMetrics] = []
            for model in evaluate {
                metrics += try Measurement.metrics(of: fitted[model.name]!, model: model.name, role: "evaluate", store: store,
                                                   targets: targets, sets: testSets)
            }
            let labelledSet = Set(labelled)
            let unlabelled = pool.filter { !labelledSet.contains($0) }
            let room = stop - labelled.count
            var acquired: [Int] = []
            let scoringStart = Clock.now()
            if room > 0 && !unlabelled.isEmpty {
                let scores = try score(unlabelled, labelled: labelled, fitted: &fitted, iteration: iteration, threads: threads)
                acquired = AcquisitionScores.top(scores, Swift.min(batch, room, unlabelled.count)).map { unlabelled[$0] }
            }
            state.iterations.append(ActiveLearningIteration(iteration: iteration, labelled: labelled.count, poolRows: pool.count,
                                                            metrics: metrics, scoringSeconds: Clock.now() - scoringStart))
            if acquired.isEmpty { state.finished = true } else { state.batches.append(acquired) }
            try checkpoint(state)
        }
        return state
    }

    /// The strategy's score of every unlabelled row.
    func score(_ unlabelled: [Int], labelled: [Int], fitted: inout [String: any FittedModel], iteration: Int,
               threads: Int) throws -> [Double] {
        func model(_ name: String) throws -> any FittedModel {
            if let f = fitted[name] { return f }
            guard let m = extra.first(where: { $0.name == name }) else {
                throw ModelError.invalidParameters(["The strategy needs the model '\(name)', which the campaign lacks."])
            }
            let f = try fit(m.regressor, rows: labelled, threads: threads, salt: "\(name)|\(iteration)")
            fitted[name] = f
            return f
        }
        switch strategy {
        case .random:
            var rng = Xoshiro256(seed: SplitMix64.mix(seed ^ StableSeed.of("al-random|\(iteration)")))
            return unlabelled.map { _ in rng.unitDouble() }
        case let .queryByCommittee(members, bootstrap):
            if let count = bootstrap, let name = members.first {
                // Bootstrap members of one model kind, each fitted on a resample of the labelled rows.
                let regressor = (evaluate + extra).first { $0.name == name }!.regressor
                var predictions: [[Double]] = []
                for b in 0..<count {
                    var rng = Xoshiro256(seed: SplitMix64.mix(seed ^ StableSeed.of("al-bootstrap|\(iteration)|\(b)")))
                    let sample = (0..<labelled.count).map { _ in labelled[rng.uniform(below: labelled.count)] }.sorted()
                    let f = try fit(regressor, rows: sample, threads: threads, salt: "bootstrap|\(iteration)|\(b)")
                    predictions.append(try f.predict(store, rows: unlabelled))
                }
                return AcquisitionScores.disagreement(predictions)
            }
            return AcquisitionScores.disagreement(try members.map { try model($0).predict(store, rows: unlabelled) })
        case let .forestUncertainty(forest):
            guard let ensemble = try model(forest) as? any EnsemblePredicting else {
                throw ModelError.invalidParameters(["rf_uncertainty needs a random forest; '\(forest)' is not one."])
            }
            return AcquisitionScores.percentileWidth(try ensemble.memberPredictions(store, rows: unlabelled))
        case let .boostingUncertainty(settings):
            let booster = try settings.model.fitBooster(
                TrainingData(store: store, rows: labelled, targets: labelled.map { targets[$0] }),
                context: FitContext(seed: SplitMix64.mix(seed ^ StableSeed.of("ibug|\(iteration)")), threads: threads))
            let scorer = IBUGScorer(trainingLeaves: try booster.leafIndices(store, rows: labelled),
                                    targets: labelled.map { targets[$0] }, k: settings.k)
            return scorer.scores(queryLeaves: try booster.leafIndices(store, rows: unlabelled), threads: threads)
        }
    }

    private func fit(_ regressor: any Regressor, rows: [Int], threads: Int, salt: String) throws -> any FittedModel {
        try regressor.fit(TrainingData(store: store, rows: rows, targets: rows.map { targets[$0] }),
                          context: FitContext(seed: SplitMix64.mix(seed ^ StableSeed.of(salt)), threads: threads,
                                              label: "active learning \(salt)"))
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
