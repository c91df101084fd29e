import ArgumentParser
import Foundation
import SieveCore
import SieveData
import SieveModels
import SieveSelection

/// One active-learning iteration of each strategy on the benchmark split: the evaluation models'
/// fits (the paper's random forest and XGBoost) plus the strategy's scoring of every unlabelled
/// row. Writes the scores (and, for a sample of rows, the committee's or trees' predictions) so
/// the Python reference can check them on the same fitted models.
struct ActiveLearningBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "al", abstract: "Cost per iteration of each acquisition strategy.")

    @Option(help: "Featurised CSV (formula, target, features…).") var data: String
    @Option(help: "Split file (role,row) from bench/reference/split_indices.py; train rows are the pool.") var split: String
    @Option(help: "Fraction of the pool labelled.") var labelled = 0.1
    @Option(help: "random, qbc, rf_uncertainty or xgb_uncertainty.") var strategy: String
    @Option(help: "Threads.") var threads = 1
    @Option(help: "Folder for the scores.") var export: String

    func run() throws {
        let dataset = try DatasetLoader().load(DatasetOptions(path: data, target: "target", features: .excluding(["formula"])))
        var pool: [Int] = []
        try CSVReader(path: split).forEachRecord { line, f in
            if line > 1, f[0] == "train", let r = Int(f[1]) { pool.append(r) }
            return true
        }
        let labelledCount = Int(Double(pool.count) * labelled)
        let labelledRows = Array(pool[..<labelledCount]).sorted(), unlabelled = Array(pool[labelledCount...])
        let store = FeatureStore(matrix: dataset.features, featureNames: dataset.featureNames).binning(referenceRows: pool)
        let training = TrainingData(store: store, rows: labelledRows, targets: labelledRows.map { dataset.targets[$0] })
        var xgb = XGBoostRegressor()
        xgb.rounds = 1000; xgb.learningRate = 0.25; xgb.lambda = 0.01; xgb.alpha = 0.1; xgb.subsample = 0.85
        xgb.colsampleByTree = 0.3; xgb.colsampleByLevel = 0.5; xgb.parallelTrees = 4
        let rf = RandomForest(trees: 100, maxFeatures: .fraction(1.0 / 3))
        let context = FitContext(seed: 0, threads: threads)
        try FileManager.default.createDirectory(atPath: export, withIntermediateDirectories: true)
        let start = Date()
        // Every iteration fits the evaluation models.
        let forest = try rf.fitForest(training, context: context)
        let booster = try xgb.fitBooster(training, context: context)
        let evaluated = Date().timeIntervalSince(start)
        let scoringStart = Date()
        var scores: [Double] = []
        var members: Matrix<Double>?
        switch strategy {
        case "random":
            var rng = Xoshiro256(seed: 1)
            scores = unlabelled.map { _ in rng.unitDouble() }
        case "qbc":
            let a = try forest.predict(store, rows: unlabelled), b = try booster.predict(store, rows: unlabelled)
            scores = zip(a, b).map { Swift.abs($0 - $1) }
            members = Matrix([a, b])
        case "rf_uncertainty":
            let perTree = try forest.memberPredictions(store, rows: unlabelled)
            scores = (0..<unlabelled.count).map { j in
                let v = (0..<perTree.rows).map { perTree[$0, j] }.sorted()
                return Summary.quantile(sorted: v, 0.95) - Summary.quantile(sorted: v, 0.05)
            }
            members = perTree
        case "xgb_uncertainty":
            let ibug = IBUGUncertainty()
            let model = try ibug.model.fitBooster(training, context: context)
            let scorer = IBUGScorer(trainingLeaves: try model.leafIndices(store, rows: labelledRows),
                                    targets: labelledRows.map { dataset.targets[$0] }, k: ibug.k)
            scores = scorer.scores(queryLeaves: try model.leafIndices(store, rows: unlabelled), threads: threads)
        default:
            throw ValidationError("Unknown strategy \(strategy).")
        }
        let batch = Array(scores.indices.sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }.prefix(pool.count / 100))
        let scoring = Date().timeIntervalSince(scoringStart)
        // Scores of every unlabelled row, and member predictions for every 50th row.
        var text = "row,score\n"
        for (j, r) in unlabelled.enumerated() { text += "\(r),\(scores[j])\n" }
        try text.write(toFile: export + "/\(strategy)-scores.csv", atomically: true, encoding: .utf8)
        if let members {
            var m = "row," + (0..<members.rows).map { "m\($0)" }.joined(separator: ",") + "\n"
            for j in stride(from: 0, to: unlabelled.count, by: 50) {
                m += "\(unlabelled[j])," + (0..<members.rows).map { members[$0, j].description }.joined(separator: ",") + "\n"
            }
            try m.write(toFile: export + "/\(strategy)-members.csv", atomically: true, encoding: .utf8)
        }
        print("sieve al strategy=\(strategy) labelled=\(labelledRows.count) unlabelled=\(unlabelled.count) threads=\(threads) "
              + "iteration_s=\(NumberText.fixed(evaluated + scoring, 2)) evaluate_fits_s=\(NumberText.fixed(evaluated, 2)) "
              + "scoring_s=\(NumberText.fixed(scoring, 2)) batch=\(batch.count)")
    }
}
