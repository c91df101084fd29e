import ArgumentParser
import Foundation
import SieveCore
import SieveData
import SieveModels

/// Native gradient boosting against libxgboost 1.7.4 (through Sieve's C-API wrapper) on the
/// benchmark split: one configuration, one engine, one thread count per process, so the peak
/// memory printed belongs to it. Fits and predicts once per seed and prints the mean
/// fit+predict seconds and the mean test RMSE.
struct BoostingBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gbm", abstract: "Native gradient boosting or libxgboost on one configuration, over several seeds.")

    @Option(help: "Featurised CSV (formula, target, features…), as bench/reference/featurize_magpie.py writes it.")
    var data: String

    @Option(help: "Split file (role,row) from bench/reference/split_indices.py.")
    var split: String

    @Option(help: "paper (the authors' XGBoost: 1000 rounds × 4 parallel trees, sampled) or hist (500 rounds, depth 6, learning rate 0.1).")
    var config: String

    @Option(help: "native or xgboost.")
    var engine: String

    @Option(help: "Threads for the model.")
    var threads = 1

    @Option(help: "Seeds 0..<seeds; the printed time and RMSE are means over them.")
    var seeds = 5

    /// The configurations, written once as XGBoost parameters; the native model takes the same numbers.
    static func configuration(_ name: String) throws -> XGBoostRegressor {
        var xgb = XGBoostRegressor()
        switch name {
        case "paper":
            // The authors' settings (experiments/mp-formation-energy-redundancy.yaml).
            xgb.rounds = 1000; xgb.learningRate = 0.25; xgb.lambda = 0.01; xgb.alpha = 0.1; xgb.subsample = 0.85
            xgb.colsampleByTree = 0.3; xgb.colsampleByLevel = 0.5; xgb.parallelTrees = 4; xgb.maxDepth = 6
        case "hist":
            xgb.rounds = 500; xgb.learningRate = 0.1; xgb.maxDepth = 6
        default:
            throw ValidationError("--config must be paper or hist, not '\(name)'.")
        }
        return xgb
    }

    func run() throws {
        let xgb = try Self.configuration(config)
        guard engine == "native" || engine == "xgboost" else { throw ValidationError("--engine must be native or xgboost.") }
        var (store, train, test, targets, testTargets) = try Self.benchmarkRows(data: data, split: split)
        var binning = 0.0
        if engine == "native" {
            // Done once per dataset in a grid, so outside the timed fits (printed on its own).
            let start = Date()
            store = store.binning(referenceRows: train)
            binning = Date().timeIntervalSince(start)
        }
        let training = TrainingData(store: store, rows: train, targets: targets)
        // From here the peak counts the benchmark's rows and the fits, not the CSV parsing.
        let baseline = PeakMemory.resetToCurrent()
        var seconds: [Double] = [], cpu: [Double] = [], rmses: [Double] = []
        for seed in 0..<seeds {
            let context = FitContext(seed: UInt64(seed), threads: threads)
            let start = Date(), cpuStart = ProcessorTime.seconds()
            let predictions: [Double]
            if engine == "native" {
                predictions = try GradientBoostingRegressor(xgb).fitBoosting(training, context: context).predict(store, rows: test)
            } else {
                predictions = try xgb.fitBooster(training, context: context).predict(store, rows: test)
            }
            seconds.append(Date().timeIntervalSince(start))
            cpu.append(ProcessorTime.seconds() - cpuStart)
            rmses.append(RegressionMetrics(predicted: predictions, actual: testTargets).rmse)
        }
        let time = Summary(seconds), rmse = Summary(rmses)
        print("gbm config=\(config) engine=\(engine) n_train=\(train.count) threads=\(threads) seeds=\(seeds) "
              + "fit+predict_s=\(NumberText.fixed(time.mean, 3)) fit+predict_sd=\(NumberText.fixed(time.std, 3)) "
              + "cpu_s=\(NumberText.fixed(Summary(cpu).mean, 3)) rmse=\(NumberText.fixed(rmse.mean, 4)) "
              + "rmse_sd=\(NumberText.fixed(rmse.std, 4)) binning_s=\(NumberText.fixed(binning, 3)) "
              + "base_rss_mb=\(baseline) peak_rss_mb=\(PeakMemory.megabytes())")
    }

    /// The benchmark's rows in a store of their own (training rows first), with their targets.
    static func benchmarkRows(data: String, split: String) throws
        -> (FeatureStore, [Int], [Int], [Double], [Double]) {
        let dataset = try DatasetLoader().load(DatasetOptions(path: data, target: "target", features: .excluding(["formula"])))
        var train: [Int] = [], test: [Int] = []
        try CSVReader(path: split).forEachRecord { line, fields in
            guard line > 1, let row = Int(fields[1]) else { return true }
            if fields[0] == "train" { train.append(row) } else { test.append(row) }
            return true
        }
        let rows = train + test
        let store = FeatureStore(matrix: dataset.features.gatheringRows(rows), featureNames: dataset.featureNames)
        let targets = rows.map { dataset.targets[$0] }
        return (store, Array(0..<train.count), Array(train.count..<rows.count),
                Array(targets[..<train.count]), Array(targets[train.count...]))
    }
}

/// The process's processor time so far (user + system, all threads), in seconds: on a shared
/// machine it moves less with other processes' load than wall time does.
enum ProcessorTime {
    static func seconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func value(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) * 1e-6 }
        return value(usage.ru_utime) + value(usage.ru_stime)
    }
}

extension PeakMemory {
    /// Resets the process's peak resident memory to its current resident memory (Linux
    /// `clear_refs` 5) and returns that, in MiB, or -1 when the kernel does not allow it.
    static func resetToCurrent() -> Int {
        guard let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return -1 }
        handle.write(Data("5".utf8))
        try? handle.close()
        return megabytes()
    }
}
