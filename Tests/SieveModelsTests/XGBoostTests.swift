import Foundation
import Testing
import SieveCore
import SieveData
import SieveXGBoost
@testable import SieveModels

@Suite struct XGBoostTests {
    static let fixtures = Bundle.module.resourcePath! + "/Fixtures"

    /// bench/fixtures/make_fixtures.py trained Python's XGBRegressor 1.7.4 (60 rounds, depth 4,
    /// learning rate 0.2, lambda 0.5, alpha 0.1, hist, seed 7) on the same rows: with the PyPI
    /// wheel's library for the deterministic model, and with Debian's library (the one Sieve links)
    /// for the subsampled one, whose random draws depend on the library's build.
    @Test(arguments: [("xgb_reference.csv", false), ("xgb_reference_sampled.csv", true)])
    func predictionsMatchPythonXGBoost174(reference: String, sampled: Bool) throws {
        let data = try DatasetLoader().load(DatasetOptions(path: Self.fixtures + "/xgb_data.csv", target: "y",
                                                           features: .excluding(["role"])))
        var roles: [String] = []
        try CSVReader(path: Self.fixtures + "/xgb_data.csv").forEachRecord { line, f in
            if line > 1 { roles.append(String(f[0])) }
            return true
        }
        let train = roles.indices.filter { roles[$0] == "train" }, test = roles.indices.filter { roles[$0] == "test" }
        var model = XGBoostRegressor()
        model.rounds = 60; model.learningRate = 0.2; model.maxDepth = 4; model.lambda = 0.5; model.alpha = 0.1
        if sampled { model.subsample = 0.8; model.colsampleByTree = 0.7 }
        let store = FeatureStore(matrix: data.features)
        let fitted = try model.fitBooster(TrainingData(store: store, rows: train, targets: train.map { data.targets[$0] }),
                                          context: FitContext(seed: 7))
        let predictions = try fitted.predict(store, rows: test)
        var expected: [(Double, Float, Float)] = []
        try CSVReader(path: Self.fixtures + "/" + reference).forEachRecord { line, f in
            if line > 1 { expected.append((Double(f[0])!, Float(f[1])!, Float(f[2])!)) }
            return true
        }
        #expect(predictions.count == expected.count)
        for (p, e) in zip(predictions, expected) { #expect(abs(p - e.0) < 1e-6, "\(p) vs \(e.0)") }
        let leaves = try fitted.leafIndices(store, rows: test)
        #expect(leaves.columns == 60)
        for (k, e) in expected.enumerated() {
            #expect(leaves[k, 0] == e.1 && leaves[k, 59] == e.2)
        }
    }

    @Test func roundContributionsSumToThePrediction() throws {
        let (x, y) = ModelContractTests.problem()
        var model = XGBoostRegressor()
        model.rounds = 15
        let fitted = try model.fitBooster(TrainingData(features: x, targets: y), context: FitContext(seed: 1))
        let store = FeatureStore(matrix: x)
        let rounds = try fitted.memberPredictions(store, rows: [0, 1, 2])
        let p = try fitted.predict(store, rows: [0, 1, 2])
        for k in 0..<3 {
            let total = (0..<15).map { rounds[$0, k] }.reduce(0.5, +)
            #expect(abs(total - p[k]) < 1e-4)
        }
        let contributions = try fitted.contributions(store, rows: [0])
        #expect(contributions.columns == 6)
        #expect(abs(Double(contributions.storage.reduce(0, +)) - p[0]) < 1e-4)
    }

    @Test func earlyStoppingStopsBeforeAllRounds() throws {
        let (x, y) = ModelContractTests.problem(rows: 300)
        var model = XGBoostRegressor()
        model.rounds = 2000
        model.learningRate = 0.5
        model.earlyStopping = .init(validationFraction: 0.2, patience: 10)
        let fitted = try model.fitBooster(TrainingData(features: x, targets: y), context: FitContext(seed: 1))
        #expect(fitted.rounds < 2000)
    }

    @Test func libraryErrorsNameTheFunctionAndCarryTheMessage() throws {
        let (x, y) = ModelContractTests.problem()
        let matrix = try x.withUnsafeBufferPointer { try DMatrix(rowMajor: $0, rows: x.rows, columns: x.columns, threads: 1) }
        try matrix.setLabels(y.map(Float.init))
        let booster = try Booster(training: matrix)
        try booster.setParameter("tree_method", "no_such_method")
        do {
            try booster.updateOneIteration(0, training: matrix)
            Issue.record("an unknown tree method must fail")
        } catch let error as XGBoostError {
            #expect(error.function == "XGBoosterUpdateOneIter")
            #expect(error.message.contains("no_such_method"))
        }
        #expect(XGBoostLibrary.version == "1.7.4")
    }

    @Test func parameterProblemsNameTheParameter() {
        var model = XGBoostRegressor()
        model.learningRate = 0
        model.subsample = 1.5
        #expect(model.validate().map(\.parameter) == ["learning_rate", "subsample"])
    }
}
