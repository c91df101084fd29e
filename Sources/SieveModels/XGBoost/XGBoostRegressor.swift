import SieveCore
import SieveXGBoost

/// Gradient-boosted trees by XGBoost (Chen & Guestrin, "XGBoost: a scalable tree boosting system",
/// KDD 2016), through the C API of the system's libxgboost (Debian's 1.7.4).
///
/// Parameter names and defaults follow Python's `xgboost.XGBRegressor` 1.7.4, so the same values
/// give the same model (squared-error objective, base score 0.5).
@dynamicMemberLookup
public struct XGBoostRegressor: ConfigurableModel, Equatable {
    public enum TreeMethod: String, Sendable, CaseIterable { case hist, approx, exact }

    public typealias EarlyStopping = SieveModels.EarlyStopping

    /// The settings shared with the native model and IBUG's booster (`model.rounds` reads them).
    public var boosting = BoostingParameters()
    public var treeMethod = TreeMethod.hist

    public init() {}

    /// An XGBoost model with these boosting settings.
    public init(_ boosting: BoostingParameters) { self.boosting = boosting }

    public subscript<Value>(dynamicMember path: WritableKeyPath<BoostingParameters, Value>) -> Value {
        get { boosting[keyPath: path] }
        set { boosting[keyPath: path] = newValue }
    }

    public static let kind = "xgboost"
    public static let summary = "Gradient-boosted trees through libxgboost's C API (Python XGBRegressor defaults)."
    public static let parameters: [ModelParameter<XGBoostRegressor>] = BoostingParameters.table(
        in: \.boosting,
        limits: .init(maxDepth: 1...64, maxBin: 2...65_536, maxBinWhy: "(histogram bins per feature)"),
        extra: [.choice("tree_method", \.treeMethod, library: "tree_method",
                        summary: "how the library finds splits: hist, approx or exact")])

    /// The parameters handed to `XGBoosterSetParam`: the table's library parameters with the
    /// objective, seed, threads and evaluation metric.
    public func libraryParameters(seed: UInt64, threads: Int) -> [(String, String)] {
        [("objective", "reg:squarederror")] + libraryParameters
            + [("seed", String(seed & 0x7FFF_FFFF)), ("nthread", String(threads)), ("verbosity", "0"), ("eval_metric", "rmse")]
    }

    public func fit(_ data: TrainingData, context: FitContext) throws -> any FittedModel {
        try fitBooster(data, context: context)
    }

    /// Fits and returns the concrete model (for leaf indices and per-round predictions).
    public func fitBooster(_ data: TrainingData, context: FitContext) throws -> FittedXGBoost {
        try checkTrainingData(data)
        var trainingRows = data.rows, trainingTargets = data.targets
        var validation: (rows: [Int], targets: [Double])?
        if let stop = boosting.earlyStopping {
            var rng = Xoshiro256(seed: SplitMix64.mix(context.seed ^ 0x5EED_0F_EA21))
            let order = rng.permutation(of: data.count)
            let held = Swift.max(1, Int((stop.validationFraction * Double(data.count)).rounded()))
            guard data.count - held >= 2 else { throw ModelError.tooFewRows(found: data.count - held, needed: 2) }
            let heldOut = order[0..<held].sorted(), kept = order[held...].sorted()
            validation = (heldOut.map { data.rows[$0] }, heldOut.map { data.targets[$0] })
            trainingRows = kept.map { data.rows[$0] }
            trainingTargets = kept.map { data.targets[$0] }
        }
        do {
            let training = try XGBoostData.matrix(data.store, rows: trainingRows, threads: context.threads)
            try training.setLabels(trainingTargets.map { Float($0) })
            let booster = try Booster(training: training)
            for (name, value) in libraryParameters(seed: context.seed, threads: context.threads) {
                try booster.setParameter(name, value)
            }
            var usedRounds = boosting.rounds
            if let validation, let stop = boosting.earlyStopping {
                let watch = try XGBoostData.matrix(data.store, rows: validation.rows, threads: context.threads)
                try watch.setLabels(validation.targets.map { Float($0) })
                var best = Double.infinity, bestRound = 0
                for round in 0..<boosting.rounds {
                    try booster.updateOneIteration(round, training: training)
                    let score = try XGBoostData.rmse(fromEvaluation: booster.evaluate(round, [("valid", watch)]))
                    if score < best { best = score; bestRound = round }
                    if round - bestRound >= stop.patience { break }
                }
                usedRounds = bestRound + 1
            } else {
                for round in 0..<boosting.rounds { try booster.updateOneIteration(round, training: training) }
            }
            return FittedXGBoost(booster: booster, rounds: usedRounds, featureCount: data.store.featureCount,
                                 baseScore: boosting.baseScore, threads: context.threads)
        } catch let error as XGBoostError {
            throw ModelError.library(error.description)
        }
    }
}

/// A trained XGBoost model.
public struct FittedXGBoost: EnsemblePredicting, LeafIndexing {
    public let booster: Booster
    /// Rounds used for prediction (fewer than trained when early stopping chose an earlier round).
    public let rounds: Int
    public let featureCount: Int
    public let baseScore: Double
    public let threads: Int

    public func predict(_ store: FeatureStore, rows: [Int]) throws -> [Double] {
        try checkPredictionData(store, rows: rows, trainedFeatures: featureCount)
        return try libraryCall {
            let matrix = try XGBoostData.matrix(store, rows: rows, threads: threads)
            return try booster.predict(matrix, kind: .value, roundsFrom: 0, to: rounds).values.map(Double.init)
        }
    }

    /// Each boosting round's own contribution (its trees' output without the base score):
    /// `rounds × rows`. The sum over rounds plus the base score is the prediction.
    public func memberPredictions(_ store: FeatureStore, rows: [Int]) throws -> Matrix<Double> {
        try checkPredictionData(store, rows: rows, trainedFeatures: featureCount)
        return try libraryCall {
            let matrix = try XGBoostData.matrix(store, rows: rows, threads: threads)
            var out = Matrix<Double>(rows: rounds, columns: rows.count)
            for round in 0..<rounds {
                let margin = try booster.predict(matrix, kind: .margin, roundsFrom: round, to: round + 1).values
                for (k, value) in margin.enumerated() { out[round, k] = Double(value) - baseScore }
            }
            return out
        }
    }

    /// The leaf each row reaches in each tree: `rows × trees` (trees = rounds × parallel trees).
    public func leafIndices(_ store: FeatureStore, rows: [Int]) throws -> Matrix<Float> {
        try checkPredictionData(store, rows: rows, trainedFeatures: featureCount)
        return try libraryCall {
            let matrix = try XGBoostData.matrix(store, rows: rows, threads: threads)
            let (shape, values) = try booster.predict(matrix, kind: .leafIndices, roundsFrom: 0, to: rounds)
            return Matrix(rows: rows.count, columns: shape.count > 1 ? shape[1] : 1, storage: values)
        }
    }

    /// SHAP feature contributions (`pred_contribs`): `rows × (features + 1)`, the last column the bias.
    public func contributions(_ store: FeatureStore, rows: [Int]) throws -> Matrix<Float> {
        try checkPredictionData(store, rows: rows, trainedFeatures: featureCount)
        return try libraryCall {
            let matrix = try XGBoostData.matrix(store, rows: rows, threads: threads)
            let (_, values) = try booster.predict(matrix, kind: .contributions, roundsFrom: 0, to: rounds)
            return Matrix(rows: rows.count, columns: featureCount + 1, storage: values)
        }
    }

    private func libraryCall<R>(_ body: () throws -> R) throws -> R {
        do { return try body() } catch let error as XGBoostError { throw ModelError.library(error.description) }
    }
}

/// Moving Sieve's data into the library.
public enum XGBoostData {
    /// A DMatrix of the given rows of the store (copied: XGBoost keeps its own copy).
    public static func matrix(_ store: FeatureStore, rows: [Int], threads: Int) throws -> DMatrix {
        let gathered = store.matrix.gatheringRows(rows)
        return try gathered.withUnsafeBufferPointer {
            try DMatrix(rowMajor: $0, rows: rows.count, columns: store.featureCount, threads: threads)
        }
    }

    /// The RMSE in an evaluation line such as "[12]\tvalid-rmse:0.3141".
    static func rmse(fromEvaluation line: String) throws -> Double {
        guard line.contains("-rmse:"), let tail = line.split(separator: ":").last,
              let value = Double(tail.prefix { !$0.isWhitespace }) else {
            throw ModelError.library("XGBoost returned an evaluation line without an RMSE: \(line)")
        }
        return value
    }
}
