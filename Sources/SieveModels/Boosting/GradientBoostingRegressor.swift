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
@dynamicMemberLookup
public struct GradientBoostingRegressor: ConfigurableModel, Equatable {
    public typealias EarlyStopping = XGBoostRegressor.EarlyStopping

    /// The settings shared with XGBoost and IBUG's booster (`model.rounds` reads them).
    public var boosting = BoostingParameters()

    public init() {}

    /// The native model with these boosting settings.
    public init(_ boosting: BoostingParameters) { self.boosting = boosting }

    /// The native model with an XGBoost model's parameters (`tree_method` has no counterpart: the
    /// native model is always histogram-based).
    public init(_ xgboost: XGBoostRegressor) { boosting = xgboost.boosting }

    public subscript<Value>(dynamicMember path: WritableKeyPath<BoostingParameters, Value>) -> Value {
        get { boosting[keyPath: path] }
        set { boosting[keyPath: path] = newValue }
    }

    /// The deepest tree allowed: histograms are kept for every node of a level, and a level holds
    /// up to 2^depth nodes.
    public static let maximumDepth = 16

    public var usesBinnedFeatures: Bool { true }

    public static let kind = "gradient_boosting"
    public static let summary = "Native gradient-boosted trees with XGBoost's definitions and parameters, on the shared bins."
    /// XGBoost's table with the native limits; the library names are XGBoost's, so the manifest
    /// says which XGBoost setting each parameter is.
    public static let parameters: [ModelParameter<GradientBoostingRegressor>] = BoostingParameters.table(
        in: \.boosting,
        limits: .init(maxDepth: 1...maximumDepth, maxBin: 2...256,
                      maxBinWhy: "(the store keeps at most 256 bins per feature)"))

    var objective: LeafObjective {
        LeafObjective(lambda: boosting.lambda, alpha: boosting.alpha, minChildWeight: boosting.minChildWeight, gamma: boosting.gamma)
    }

    public func fit(_ data: TrainingData, context: FitContext) throws -> any FittedModel {
        try fitBoosting(data, context: context)
    }

    /// Fits and returns the concrete model (for leaf indices and per-round predictions).
    public func fitBoosting(_ data: TrainingData, context: FitContext) throws -> FittedGradientBoosting {
        try checkTrainingData(data)
        var trainingRows = data.rows, trainingTargets = data.targets
        var validation: (store: FeatureStore, rows: [Int], targets: [Double])?
        if let stop = boosting.earlyStopping {
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
        let bins = TrainingBins(binned, rows: trainingRows, maxBins: boosting.maxBin)
        let trainer = BoostingTrainer(model: self, bins: bins, targets: trainingTargets, validation: validation,
                                      seed: context.seed, threads: context.threads)
        let (ensemble, keptRounds) = trainer.train()
        return FittedGradientBoosting(ensemble: ensemble, rounds: keptRounds, parallelTrees: boosting.parallelTrees,
                                      featureCount: data.store.featureCount, baseScore: boosting.baseScore,
                                      threads: context.threads)
    }
}
