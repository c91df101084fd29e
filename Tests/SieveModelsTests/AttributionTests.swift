import Testing
import SieveCore
@testable import SieveModels

@Suite struct AttributionTests {
    /// The target depends on features 3 and 11 of 20; the others are noise.
    static func problem(rows: Int = 600) -> (Matrix<Float>, [Double]) {
        var rng = Xoshiro256(seed: 31)
        var x = Matrix<Float>(rows: rows, columns: 20)
        var y: [Double] = []
        for r in 0..<rows {
            for c in 0..<20 { x[r, c] = Float(rng.unitDouble() * 2 - 1) }
            y.append(3 * Double(x[r, 3]) + 2 * Double(x[r, 11]) * Double(x[r, 11]) + 0.1 * rng.unitDouble())
        }
        return (x, y)
    }

    @Test(arguments: ["random_forest", "xgboost"])
    func permutationImportanceFindsTheTwoRealFeatures(kind: String) throws {
        let (x, y) = Self.problem()
        let store = FeatureStore(matrix: x)
        var xgb = XGBoostRegressor()
        xgb.rounds = 100
        let model: any Regressor = kind == "xgboost" ? xgb : RandomForest(trees: 50)
        let fitted = try model.fit(TrainingData(store: store, rows: Array(0..<450), targets: Array(y[0..<450])), context: FitContext(seed: 1))
        let test = Array(450..<600)
        let scores = try PermutationImportance.compute(fitted, store: store, rows: test, targets: test.map { y[$0] }, repeats: 5, seed: 2)
        let ranked = scores.indices.sorted { scores[$0].mean > scores[$1].mean }
        #expect(Set(ranked.prefix(2)) == [3, 11], "top features \(Array(ranked.prefix(4)))")
        #expect(scores[3].mean > 10 * scores[ranked[2]].mean)
        #expect(scores.allSatisfy { $0.count == 5 && $0.std >= 0 })
        if let native = fitted as? any NativeAttribution {
            let shap = try native.meanAbsoluteContributions(store, rows: test)
            let shapRanked = shap.indices.sorted { shap[$0].mean > shap[$1].mean }
            #expect(Set(shapRanked.prefix(2)) == [3, 11])
        }
    }

    @Test func permutingDoesNotChangeTheStore() throws {
        let (x, y) = Self.problem(rows: 100)
        let store = FeatureStore(matrix: x)
        let fitted = try RidgeRegression().fit(TrainingData(features: x, targets: y), context: FitContext(seed: 0))
        _ = try PermutationImportance.compute(fitted, store: store, rows: Array(0..<100), targets: y, repeats: 2, seed: 0)
        #expect(store.matrix == x)
    }
}
