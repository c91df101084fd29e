import SieveCore

/// The settings every gradient-boosted model shares, declared once: XGBoost through its library
/// (``XGBoostRegressor``), Sieve's native boosting (``GradientBoostingRegressor``) and IBUG's
/// booster hold one of these, and their parameter tables come from ``table(in:limits:extra:)``.
///
/// Names and defaults are Python's `xgboost.XGBRegressor` 1.7.4's (squared error, base score 0.5),
/// so the authors' configurations are written with the same numbers whichever model runs them.
public struct BoostingParameters: Sendable, Equatable {
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

    /// The allowed depth and bin count, which differ by implementation: the native model keeps
    /// histograms for every node of a level (so at most 2^16 nodes) and reads the store's bins (at
    /// most 256 per feature).
    public struct Limits: Sendable {
        public var maxDepth: ClosedRange<Int>
        public var maxDepthWhy = ""
        public var maxBin: ClosedRange<Int>
        public var maxBinWhy: String

        public init(maxDepth: ClosedRange<Int>, maxDepthWhy: String = "", maxBin: ClosedRange<Int>, maxBinWhy: String) {
            self.maxDepth = maxDepth; self.maxDepthWhy = maxDepthWhy; self.maxBin = maxBin; self.maxBinWhy = maxBinWhy
        }
    }

    /// The table of a model that holds its boosting settings at `path`, in the order fingerprints
    /// list them (changing the order would change every boosted run's identity); each parameter
    /// carries XGBoost's own name for the library call. `extra` parameters of one implementation
    /// (XGBoost's `tree_method`) go after `gamma`, where XGBoost's table has always had them.
    public static func table<Model>(in path: WritableKeyPath<Model, BoostingParameters> & Sendable, limits: Limits,
                                    extra: [ModelParameter<Model>] = []) -> [ModelParameter<Model>] {
        typealias P = ModelParameter<BoostingParameters>
        let leading: [P] = [
            .int("rounds", \.rounds, 1...100_000, "(boosting rounds; each adds a tree)",
                 summary: "boosting rounds; each adds num_parallel_tree trees"),
            .number("learning_rate", \.learningRate, .fraction, library: "eta",
                    summary: "shrinkage of each round's leaf weights (XGBoost's eta)"),
            .int("max_depth", \.maxDepth, limits.maxDepth, limits.maxDepthWhy, library: "max_depth",
                 summary: "depth of each tree, grown level by level"),
            .number("min_child_weight", \.minChildWeight, .atLeast(0), library: "min_child_weight",
                    summary: "least hessian sum (rows, for squared error) in a child"),
            .number("subsample", \.subsample, .fraction, library: "subsample",
                    summary: "fraction of training rows drawn for each tree"),
            .number("colsample_bytree", \.colsampleByTree, .fraction, library: "colsample_bytree",
                    summary: "fraction of features drawn for each tree"),
            .number("colsample_bylevel", \.colsampleByLevel, .fraction, library: "colsample_bylevel",
                    summary: "fraction of the tree's features drawn for each level"),
            .number("colsample_bynode", \.colsampleByNode, .fraction, library: "colsample_bynode",
                    summary: "fraction of the level's features drawn for each split"),
            .number("lambda", \.lambda, .atLeast(0), library: "lambda", summary: "L2 regularisation of leaf weights"),
            .number("alpha", \.alpha, .atLeast(0), library: "alpha", summary: "L1 regularisation of leaf weights"),
            .number("gamma", \.gamma, .atLeast(0), library: "gamma", summary: "least loss reduction for a split"),
        ]
        let trailing: [P] = [
            .int("num_parallel_tree", \.parallelTrees, 1...1_000, "(trees per round)", library: "num_parallel_tree",
                 summary: "trees grown per round (a boosted forest when above 1)"),
            .int("max_bin", \.maxBin, limits.maxBin, limits.maxBinWhy, library: "max_bin",
                 summary: "histogram bins per feature"),
            .number("base_score", \.baseScore, .any, library: "base_score", summary: "the prediction before any tree"),
            .earlyStopping(\.earlyStopping),
        ]
        return leading.map { $0.lifted(path) } + extra + trailing.map { $0.lifted(path) }
    }
}
