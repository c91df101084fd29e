import SieveCore

/// Native gradient-boosted regression trees with XGBoost's definitions (Chen & Guestrin,
/// "XGBoost: a scalable tree boosting system", KDD 2016), grown on the store's shared bins.
///
/// Second-order boosting of squared error: each round fits trees to the gradients and hessians
/// of the current predictions, trees grow depth-wise to `max_depth`, splits maximise XGBoost's
/// regularised gain with `lambda`, `alpha`, `gamma` and `min_child_weight` (see
/// ``LeafObjective``), leaves take the regularised Newton weight times `learning_rate`, and
/// `subsample`, `colsample_bytree`/`bylevel`/`bynode`, `num_parallel_tree` and `base_score` mean
/// what they mean in XGBoost 1.7.4 (``FeatureSampler``, ``BoostingTrainer``). Parameter names,
/// defaults and the early-stopping form are those of ``XGBoostRegressor``, so the authors'
/// configuration is written with the same numbers.
///
/// Same definitions, not the same numbers bit for bit:
/// - Bins: the store's (``BinnedFeatures``): at most 256 per feature, one per distinct value
///   when a feature has that few, otherwise equal-frequency cuts of the dataset's pool, made once
///   per dataset and shared by every run; a split sends `x ≤ edge` left. XGBoost 1.7 sketches
///   the quantiles of each run's own training rows (`max_bin` 256, weighted quantile sketch) and
///   sends `x < cut` left. `max_bin` below 256 merges the store's bins.
/// - Random draws (rows and columns) come from Sieve's generator, seeded by the run, so sampled
///   models differ from the library's draw for draw (whose draws also depend on its thread count).
/// - Gains are computed in double precision (XGBoost rounds them to single precision), so near
///   ties between candidate splits may go the other way.
/// - No missing values (Sieve's features are finite), no monotone or interaction constraints,
///   no `max_delta_step`, `grow_policy: depthwise` only, and squared error only.
public struct GradientBoostingRegressor: ConfigurableModel, Equatable {
    public typealias EarlyStopping = XGBoostRegressor.EarlyStopping

    public var rounds = 100
    public var learningRate = 0.3
    public var maxDepth = 6
    public var minChildWeight = 1.0
    public var subsample = 1.0
    public var colsampleByTree = 1.0
    public var colsampleByLevel = 1.0
    public var colsampleByNode = 1.0
    public var lambda = 1.0
    public var alpha = 0.0
    public var gamma = 0.0
    public var parallelTrees = 1
    public var maxBin = 256
    public var baseScore = 0.5
    public var earlyStopping: EarlyStopping?

    public init() {}

    /// The native model with an XGBoost model's parameters (`tree_method` has no counterpart: the
    /// native model is always histogram-based).
    public init(_ xgboost: XGBoostRegressor) {
        rounds = xgboost.rounds; learningRate = xgboost.learningRate; maxDepth = xgboost.maxDepth
        minChildWeight = xgboost.minChildWeight; subsample = xgboost.subsample
        colsampleByTree = xgboost.colsampleByTree; colsampleByLevel = xgboost.colsampleByLevel
        colsampleByNode = xgboost.colsampleByNode; lambda = xgboost.lambda; alpha = xgboost.alpha
        gamma = xgboost.gamma; parallelTrees = xgboost.parallelTrees; maxBin = xgboost.maxBin
        baseScore = xgboost.baseScore; earlyStopping = xgboost.earlyStopping
    }

    /// The deepest tree allowed: histograms are kept for every node of a level, and a level holds
    /// up to 2^depth nodes.
    public static let maximumDepth = 16

    public var usesBinnedFeatures: Bool { true }

    public static let kind = "gradient_boosting"
    public static let summary = "Native gradient-boosted trees with XGBoost's definitions and parameters, on the shared bins."
    public static let parameters: [ModelParameter<GradientBoostingRegressor>] = [
        .int("rounds", \.rounds, 1...100_000, "(boosting rounds; each adds a tree)"),
        .number("learning_rate", \.learningRate, .fraction),
        ModelParameter("max_depth", read: { node, log, model in if let v = log.int(node, "max_depth") { model.maxDepth = v } },
                       text: { String($0.maxDepth) },
                       check: { m in m.maxDepth >= 1 && m.maxDepth <= maximumDepth ? nil
                           : "max_depth must be between 1 and \(maximumDepth), got \(m.maxDepth)." },
                       vary: { $0.maxDepth = $0.maxDepth == 6 ? 5 : 6 }),
        .number("min_child_weight", \.minChildWeight, .atLeast(0)),
        .number("subsample", \.subsample, .fraction),
        .number("colsample_bytree", \.colsampleByTree, .fraction),
        .number("colsample_bylevel", \.colsampleByLevel, .fraction),
        .number("colsample_bynode", \.colsampleByNode, .fraction),
        .number("lambda", \.lambda, .atLeast(0)),
        .number("alpha", \.alpha, .atLeast(0)),
        .number("gamma", \.gamma, .atLeast(0)),
        .int("num_parallel_tree", \.parallelTrees, 1...1_000, "(trees per round)"),
        ModelParameter("max_bin", read: { node, log, model in if let v = log.int(node, "max_bin") { model.maxBin = v } },
                       text: { String($0.maxBin) },
                       check: { m in m.maxBin >= 2 && m.maxBin <= 256 ? nil
                           : "max_bin must be between 2 and 256 (the store keeps at most 256 bins per feature), got \(m.maxBin)." },
                       vary: { $0.maxBin = $0.maxBin == 256 ? 128 : 256 }),
        .number("base_score", \.baseScore, .any),
        .earlyStopping(\.earlyStopping),
    ]

    var objective: LeafObjective {
        LeafObjective(lambda: lambda, alpha: alpha, minChildWeight: minChildWeight, gamma: gamma)
    }

    public func fit(_ data: TrainingData, context: FitContext) throws -> any FittedModel {
        try fitBoosting(data, context: context)
    }

    /// Fits and returns the concrete model (for leaf indices and per-round predictions).
    public func fitBoosting(_ data: TrainingData, context: FitContext) throws -> FittedGradientBoosting {
        try checkTrainingData(data)
        var trainingRows = data.rows, trainingTargets = data.targets
        var validation: (store: FeatureStore, rows: [Int], targets: [Double])?
        if let stop = earlyStopping {
            // The same held-out rows as the XGBoost wrapper draws for the same seed.
            var rng = Xoshiro256(seed: SplitMix64.mix(context.seed ^ 0x5EED_0F_EA21))
            let order = rng.permutation(of: data.count)
            let held = Swift.max(1, Int((stop.validationFraction * Double(data.count)).rounded()))
            guard data.count - held >= 2 else { throw ModelError.tooFewRows(found: data.count - held, needed: 2) }
            let heldOut = order[0..<held].sorted(), kept = order[held...].sorted()
            validation = (data.store, heldOut.map { data.rows[$0] }, heldOut.map { data.targets[$0] })
            trainingRows = kept.map { data.rows[$0] }
            trainingTargets = kept.map { data.targets[$0] }
        }
        let binned = data.store.binned ?? BinnedFeatures(data.store.matrix, referenceRows: data.rows)
        precondition(binned.rows == data.store.rowCount,
                     "The store's bins cover \(binned.rows) rows, not \(data.store.rowCount).")
        let bins = TrainingBins(binned, rows: trainingRows, maxBins: maxBin)
        let trainer = BoostingTrainer(model: self, bins: bins, targets: trainingTargets, validation: validation,
                                      seed: context.seed, threads: context.threads)
        let (ensemble, keptRounds) = trainer.train()
        return FittedGradientBoosting(ensemble: ensemble, rounds: keptRounds, parallelTrees: parallelTrees,
                                      featureCount: data.store.featureCount, baseScore: baseScore,
                                      threads: context.threads)
    }
}
