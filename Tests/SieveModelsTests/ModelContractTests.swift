import Testing
import SieveCore
@testable import SieveModels

/// The contract every model kind must keep: shapes, determinism for a seed, inputs left alone,
/// clear errors on unusable data.
@Suite struct ModelContractTests {
    static var models: [(String, any Regressor)] {
        var xgb = XGBoostRegressor()
        xgb.rounds = 20
        var gbm = GradientBoostingRegressor()
        gbm.rounds = 20
        var knn = CommandModel(command: ["python3", "models/knn.py"])
        knn.workingDirectory = CommandModelTests.root + "/experiments"
        return [("random_forest", RandomForest(trees: 10)), ("xgboost", xgb), ("ridge", RidgeRegression(alphas: [0.1, 1, 10])),
                ("command", knn), ("gradient_boosting", gbm)]
    }

    /// A small regression problem with signal in two of five features.
    static func problem(rows: Int = 120, seed: UInt64 = 1) -> (Matrix<Float>, [Double]) {
        var rng = Xoshiro256(seed: seed)
        var x = Matrix<Float>(rows: rows, columns: 5)
        var y = [Double](repeating: 0, count: rows)
        for r in 0..<rows {
            for c in 0..<5 { x[r, c] = Float(rng.unitDouble() * 10) }
            y[r] = 2 * Double(x[r, 0]) - Double(x[r, 3]) + rng.unitDouble()
        }
        return (x, y)
    }

    @Test(arguments: models.map(\.0))
    func fitPredictShapesAndDeterminism(kind: String) throws {
        let model = Self.models.first { $0.0 == kind }!.1
        let (x, y) = Self.problem()
        let store = FeatureStore(matrix: x)
        let data = TrainingData(store: store, rows: Array(0..<100), targets: Array(y[0..<100]))
        let a = try model.fit(data, context: FitContext(seed: 5)).predict(store, rows: Array(100..<120))
        let b = try model.fit(data, context: FitContext(seed: 5)).predict(store, rows: Array(100..<120))
        #expect(a.count == 20)
        #expect(a == b, "same seed, same predictions")
        #expect(a.allSatisfy { $0.isFinite })
        let twoThreads = try model.fit(data, context: FitContext(seed: 5, threads: 2)).predict(store, rows: Array(100..<120))
        #expect(twoThreads == a, "the thread count must not change the model")
        let rmse = RegressionMetrics(predicted: a, actual: Array(y[100..<120])).rmse
        #expect(rmse < 3, "the model should learn the signal (RMSE \(rmse))")
        #expect(data.store.matrix == x, "fitting must not change the inputs")
    }

    @Test(arguments: models.map(\.0))
    func emptyAndTinyTrainingSetsAreClearErrors(kind: String) {
        let model = Self.models.first { $0.0 == kind }!.1
        let (x, y) = Self.problem()
        #expect(throws: ModelError.tooFewRows(found: 0, needed: 2)) {
            try model.fit(TrainingData(store: FeatureStore(matrix: x), rows: [], targets: []), context: FitContext(seed: 0))
        }
        #expect(throws: ModelError.tooFewRows(found: 1, needed: 2)) {
            try model.fit(TrainingData(store: FeatureStore(matrix: x), rows: [0], targets: [y[0]]), context: FitContext(seed: 0))
        }
    }

    @Test(arguments: models.map(\.0))
    func nonFiniteFeaturesAndTargetsAreClearErrors(kind: String) {
        let model = Self.models.first { $0.0 == kind }!.1
        var (x, y) = Self.problem()
        x[3, 2] = .nan
        #expect(throws: ModelError.nonFiniteFeature(row: 3, column: 2)) {
            try model.fit(TrainingData(features: x, targets: y), context: FitContext(seed: 0))
        }
        (x, y) = Self.problem()
        y[7] = .infinity
        #expect(throws: ModelError.nonFiniteTarget(row: 7)) {
            try model.fit(TrainingData(features: x, targets: y), context: FitContext(seed: 0))
        }
    }

    /// A constant target is not an error (a small subset of a discrete target can be constant):
    /// the model must predict (close to) the constant, never NaN.
    @Test(arguments: models.map(\.0))
    func aConstantTargetIsLearnedAsTheConstant(kind: String) throws {
        let model = Self.models.first { $0.0 == kind }!.1
        let (x, _) = Self.problem()
        let y = [Double](repeating: 1.25, count: x.rows)
        let p = try model.fit(TrainingData(features: x, targets: y), context: FitContext(seed: 0)).predict(x)
        #expect(p.allSatisfy { abs($0 - 1.25) < 0.01 }, "\(p.prefix(3))")
    }

    @Test(arguments: models.map(\.0))
    func predictingWithAnotherFeatureCountIsAClearError(kind: String) throws {
        let model = Self.models.first { $0.0 == kind }!.1
        let (x, y) = Self.problem()
        let fitted = try model.fit(TrainingData(features: x, targets: y), context: FitContext(seed: 0))
        #expect(throws: ModelError.featureCountMismatch(trained: 5, given: 3)) {
            try fitted.predict(Matrix<Float>(rows: 2, columns: 3))
        }
    }
}
