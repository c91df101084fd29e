import Foundation
import SieveCore
import SieveData
import SieveModels

let args = CommandLine.arguments
let data = try DatasetLoader().load(args[1].hasSuffix("feat.csv") ? DatasetOptions(path: args[1], target: "target", features: .excluding(["formula"])) : DatasetOptions(path: args[1], target: "target", features: .magpie(formulaColumn: "formula")))
var train: [Int] = [], test: [Int] = []
try CSVReader(path: args[2]).forEachRecord { line, f in
    if line > 1 { if f[0] == "train" { train.append(Int(f[1])!) } else { test.append(Int(f[1])!) } }
    return true
}
let threads = Int(args[3])!
let model = args[4]
var store = FeatureStore(matrix: data.features, featureNames: data.featureNames)
let t0 = Date()
store = store.binning(referenceRows: train)
let tb = Date().timeIntervalSince(t0)
let t1 = Date()
let fitted: any FittedModel
if model == "rf" {
    fitted = try RandomForest(trees: Int(ProcessInfo.processInfo.environment["TREES"] ?? "100")!).fit(TrainingData(store: store, rows: train, targets: train.map { data.targets[$0] }), context: FitContext(seed: 0, threads: threads))
} else {
    var x = XGBoostRegressor(); x.rounds = 500; x.learningRate = 0.1; x.maxDepth = 6
    fitted = try x.fit(TrainingData(store: store, rows: train, targets: train.map { data.targets[$0] }), context: FitContext(seed: 0, threads: threads))
}
let p = try fitted.predict(store, rows: test)
let dt = Date().timeIntervalSince(t1)
let m = RegressionMetrics(predicted: p, actual: test.map { data.targets[$0] })
print("\(model) bin_s=\(tb) fit+predict_s=\(dt) rmse=\(m.rmse)")
