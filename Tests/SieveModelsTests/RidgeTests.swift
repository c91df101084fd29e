import Foundation
import Testing
import SieveCore
import SieveData
@testable import SieveModels

@Suite struct RidgeTests {
    /// bench/fixtures/make_fixtures.py: scikit-learn's StandardScaler + Ridge(alpha) on the same
    /// 132 Magpie features and split as the XGBoost fixture.
    @Test(arguments: [0.1, 10.0])
    func matchesScikitLearn(alpha: Double) throws {
        let fixtures = XGBoostTests.fixtures
        let data = try DatasetLoader().load(DatasetOptions(path: fixtures + "/xgb_data.csv", target: "y",
                                                           features: .excluding(["role"])))
        let train = Array(0..<240), test = Array(240..<data.count)
        let store = FeatureStore(matrix: data.features)
        let fitted = try RidgeRegression(alphas: [alpha], standardise: true).fit(
            TrainingData(store: store, rows: train, targets: train.map { data.targets[$0] }), context: FitContext(seed: 0))
        let predictions = try fitted.predict(store, rows: test)
        var expected: [Double] = []
        try CSVReader(path: fixtures + "/ridge_reference.csv").forEachRecord { line, f in
            if line > 1, Double(f[0]) == alpha { expected.append(Double(f[1])!) }
            return true
        }
        #expect(expected.count == test.count)
        for (p, e) in zip(predictions, expected) { #expect(abs(p - e) < 1e-6 * max(1, abs(e)), "\(p) vs \(e)") }
    }

    @Test func recoversAnExactLinearRelation() throws {
        var rng = Xoshiro256(seed: 5)
        var x = Matrix<Float>(rows: 200, columns: 3)
        var y: [Double] = []
        for r in 0..<200 {
            for c in 0..<3 { x[r, c] = Float(rng.unitDouble() * 4 - 2) }
            y.append(3 + 2 * Double(x[r, 0]) - 0.5 * Double(x[r, 2]))
        }
        let fitted = try RidgeRegression(alphas: [1e-8]).fitRidge(TrainingData(features: x, targets: y), context: FitContext(seed: 0))
        #expect(abs(fitted.intercept - 3) < 1e-6)
        #expect(abs(fitted.weights[0] - 2) < 1e-6 && abs(fitted.weights[1]) < 1e-6 && abs(fitted.weights[2] + 0.5) < 1e-6)
    }

    /// The cross-validation errors come from sums alone; they must equal fitting and scoring
    /// each fold explicitly.
    @Test func crossValidationFromSumsEqualsExplicitFolds() throws {
        let (x, y) = ModelContractTests.problem(rows: 150, seed: 21)
        let alphas = [0.01, 1, 100]
        let data = TrainingData(features: x, targets: y)
        let fitted = try RidgeRegression(alphas: alphas, folds: 5).fitRidge(data, context: FitContext(seed: 9))
        var rng = Xoshiro256(seed: 9)
        let order = rng.permutation(of: 150)
        var fold = [Int](repeating: 0, count: 150)
        for (position, i) in order.enumerated() { fold[i] = position % 5 }
        for (a, alpha) in alphas.enumerated() {
            var squared = 0.0
            for f in 0..<5 {
                let train = (0..<150).filter { fold[$0] != f }, held = (0..<150).filter { fold[$0] == f }
                let model = try RidgeRegression(alphas: [alpha]).fit(
                    TrainingData(store: data.store, rows: train, targets: train.map { y[$0] }), context: FitContext(seed: 0))
                let p = try model.predict(data.store, rows: held)
                squared += zip(p, held.map { y[$0] }).map { ($0 - $1) * ($0 - $1) }.reduce(0, +)
            }
            #expect(abs(fitted.crossValidationMSE[a] - squared / 150) < 1e-8 * max(1, squared / 150))
        }
        #expect(fitted.alpha == alphas[fitted.crossValidationMSE.indices.min { fitted.crossValidationMSE[$0] < fitted.crossValidationMSE[$1] }!])
    }

    @Test func choleskySolvesAKnownSystem() throws {
        // A = [[4, 2], [2, 3]], b = [2, 1] → x = [0.5, 0]
        let x = try Cholesky([4, 2, 2, 3], size: 2).solve([2, 1])
        #expect(abs(x[0] - 0.5) < 1e-15 && abs(x[1]) < 1e-15)
        #expect(throws: Cholesky.Failure.notPositiveDefinite(pivot: 1)) { try Cholesky([1, 2, 2, 1], size: 2) }
    }
}

/// Ridge against scikit-learn on real data at growing training sizes. The reference
/// (bench/reference/ridge_reference.py, scikit-learn 1.9.1) fits
/// make_pipeline(StandardScaler(), Ridge(alpha=1)) — the model `kind: ridge` is — on Magpie
/// features of 22,000 Materials Project formation energies (Fixtures/ridge_mp.csv): the last 2,000
/// rows are the test set, each case trains on `rows` consecutive rows from `first`.
@Suite struct RidgeReferenceTests {
    struct Case: Sendable, CustomStringConvertible {
        var rows: Int, first: Int, standardised: Double, plain: Double, mean: Double, predictions: [Double]
        var description: String { "\(rows) rows from row \(first)" }
    }

    static let cases: [Case] = {
        var out: [Case] = []
        try! CSVReader(path: XGBoostTests.fixtures + "/ridge_mp_reference.csv").forEachRecord { line, f in
            if line > 1 {
                out.append(Case(rows: Int(f[0])!, first: Int(f[1])!, standardised: Double(f[2])!, plain: Double(f[3])!,
                                mean: Double(f[4])!, predictions: f[5...].map { Double($0)! }))
            }
            return true
        }
        return out
    }()

    static let data: Dataset = try! DatasetLoader().load(DatasetOptions(
        path: XGBoostTests.fixtures + "/ridge_mp.csv", target: "target", features: .magpie(formulaColumn: "formula")))

    @Test(arguments: cases)
    func matchesScikitLearnOnMaterialsProjectData(_ c: Case) throws {
        let data = Self.data
        #expect(data.count == 22_000)
        let train = Array(c.first ..< c.first + c.rows), test = Array(data.count - 2000 ..< data.count)
        let store = FeatureStore(matrix: data.features)
        let training = TrainingData(store: store, rows: train, targets: train.map { data.targets[$0] })
        let actual = test.map { data.targets[$0] }
        let fitted = try RidgeRegression(alphas: [1], standardise: true).fit(training, context: FitContext(seed: 0))
        let predicted = try fitted.predict(store, rows: test)
        let rmse = RegressionMetrics(predicted: predicted, actual: actual).rmse
        let plain = try RidgeRegression(alphas: [1]).fit(training, context: FitContext(seed: 0))  // the default
        let plainRMSE = RegressionMetrics(predicted: try plain.predict(store, rows: test), actual: actual).rmse
        print("ridge-reference \(c.rows) \(c.first) sieve \(rmse) sklearn-pipeline \(c.standardised) sieve-plain \(plainRMSE) "
              + "sklearn-plain \(c.plain) mean \(c.mean)")
        // The features are the reference script's to the bit (float32), so agreement is to rounding.
        #expect(abs(rmse - c.standardised) <= 1e-8 * c.standardised, "\(c): Sieve \(rmse), scikit-learn \(c.standardised)")
        for (p, e) in zip(predicted, c.predictions) { #expect(abs(p - e) <= 1e-8 * max(1, abs(e)), "\(c): \(p) vs \(e)") }
        #expect(abs(plainRMSE - c.plain) <= 1e-6 * c.plain, "\(c): Sieve unscaled \(plainRMSE), scikit-learn Ridge \(c.plain)")
        // From 240 rows on, unscaled ridge (the default) beats the mean everywhere; the standardised model does not
        // on windows where a nearly constant column blows up (scikit-learn's pipeline neither).
        if c.rows >= 240 { #expect(plainRMSE < c.mean, "\(c): unscaled ridge \(plainRMSE) is no better than the mean \(c.mean)") }
    }
}
