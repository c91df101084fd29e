import ArgumentParser
import Foundation
import SieveCore
import SieveData
import SieveModels

/// Sieve's side of `make bench`: times Sieve on the same data and split as the Python references
/// and prints one `key=value` line per measurement for bench/run.sh to tabulate.
@main
struct SieveBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sieve-bench", abstract: "Benchmarks of Sieve's models and engine.",
        subcommands: [ModelBench.self, BoostingBench.self, SchedulerBench.self, ActiveLearningBench.self, StructureBench.self, FeaturiseBench.self,
                      LingamBench.self, CausalSelectionBench.self, EntropyTargetedBench.self, LinearAlgebraBench.self])
}

struct ModelBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "model", abstract: "Fit+predict one model on a featurised CSV and a train/test split file.")

    @Option(help: "Featurised CSV (formula, target, features…), as bench/reference/featurize_magpie.py writes it.")
    var data: String

    @Option(help: "Split file (role,row) from bench/reference/split_indices.py.")
    var split: String

    @Option(help: "rf or xgb.")
    var model: String

    @Option(help: "Threads for the model.")
    var threads = 1

    func run() throws {
        let dataset = try DatasetLoader().load(DatasetOptions(path: data, target: "target", features: .excluding(["formula"])))
        var train: [Int] = [], test: [Int] = []
        try CSVReader(path: split).forEachRecord { line, fields in
            guard line > 1, let row = Int(fields[1]) else { return true }
            if fields[0] == "train" { train.append(row) } else { test.append(row) }
            return true
        }
        // The store holds just the benchmark's rows, as the Python side only touches those.
        let rows = train + test
        var store = FeatureStore(matrix: dataset.features.gatheringRows(rows), featureNames: dataset.featureNames)
        let allTargets = rows.map { dataset.targets[$0] }
        let targets = Array(allTargets[..<train.count])
        let testTargets = Array(allTargets[train.count...])
        train = Array(0..<train.count)
        test = Array(train.count..<rows.count)
        let context = FitContext(seed: 0, threads: threads)
        let start = Date()
        let predictions: [Double]
        var extra = ""
        switch model {
        case "rf":
            // Binning is part of the measured time here, though in a grid it is done once per dataset.
            store = store.binning(referenceRows: train)
            let binned = Date().timeIntervalSince(start)
            let fitted = try RandomForest(trees: 100).fit(TrainingData(store: store, rows: train, targets: targets), context: context)
            predictions = try fitted.predict(store, rows: test)
            extra = " binning_s=\(NumberText.fixed(binned, 3))"
        case "xgb":
            var xgb = XGBoostRegressor()
            xgb.rounds = 500; xgb.learningRate = 0.1; xgb.maxDepth = 6
            let fitted = try xgb.fitBooster(TrainingData(store: store, rows: train, targets: targets), context: context)
            predictions = try fitted.predict(store, rows: test)
            // Sieve's own overhead: copying the rows out of the store and building the DMatrix.
            let copyStart = Date()
            for _ in 0..<5 {
                _ = try XGBoostData.matrix(store, rows: train, threads: threads)
                _ = try XGBoostData.matrix(store, rows: test, threads: threads)
            }
            extra = " overhead_s=\(NumberText.fixed(Date().timeIntervalSince(copyStart) / 5, 4))"
        default:
            throw ValidationError("--model must be rf or xgb.")
        }
        let seconds = Date().timeIntervalSince(start)
        let rmse = RegressionMetrics(predicted: predictions, actual: testTargets).rmse
        print("sieve model=\(model) n_train=\(train.count) threads=\(threads) fit+predict_s=\(NumberText.fixed(seconds, 2)) "
              + "rmse=\(NumberText.fixed(rmse, 4)) peak_rss_mb=\(PeakMemory.megabytes())" + extra)
    }
}

/// The process's peak resident memory (VmHWM), in MiB.
enum PeakMemory {
    static func megabytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kb = Int(line.split(separator: " ").dropFirst().first ?? "") else { return -1 }
        return kb / 1024
    }
}
