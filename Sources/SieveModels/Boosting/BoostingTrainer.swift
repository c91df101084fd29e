import SieveCore

/// The boosting loop: gradients of the squared error, the round's trees, the predictions they
/// add, and early stopping on held-out rows.
///
/// Every round computes `g = prediction − target`, `h = 1` for every training row (XGBoost's
/// `reg:squarederror`), grows `num_parallel_tree` trees on those same gradients, each with its
/// own row and column draws and leaf weights scaled by `learning_rate / num_parallel_tree` (as
/// XGBoost's `hist` updater rescales them), and adds the trees' values to the predictions in tree
/// order. The parallel trees of a round are grown side by side when threads allow, each by its
/// own builder; otherwise one tree uses all threads inside. Tree `t` of round `r` draws from a
/// generator seeded by the fit's seed and `r · num_parallel_tree + t` alone, so the model is the
/// same for any thread count.
struct BoostingTrainer {
    let model: GradientBoostingRegressor
    let bins: TrainingBins
    let targets: [Double]
    /// Held-out rows of the store watched for early stopping.
    let validation: (store: FeatureStore, rows: [Int], targets: [Double])?
    let seed: UInt64
    let threads: Int

    /// The trees and the number of rounds to keep.
    func train() -> (ensemble: TreeEnsemble, rounds: Int) {
        let n = bins.rows, perRound = model.parallelTrees
        let workers = Swift.min(threads, perRound)
        let settings = HistogramTreeBuilder.Settings(
            objective: model.objective, maxDepth: model.maxDepth,
            leafScale: model.learningRate / Double(perRound),
            sampler: FeatureSampler(byTree: model.colsampleByTree, byLevel: model.colsampleByLevel,
                                    byNode: model.colsampleByNode),
            threads: Swift.max(1, threads / workers))
        let reciprocals = (0...n).map { 1 / (Double($0) + model.lambda) }
        var predictions = [Double](repeating: model.baseScore, count: n)
        var gradients = [Double](repeating: 0, count: n)
        var packed = [Int64](repeating: 0, count: n)
        var values = [Double](repeating: 0, count: perRound * n)
        var ensemble = TreeEnsemble()
        var monitor = validation.map { EarlyStoppingMonitor(validation: $0, baseScore: model.baseScore) }
        var keptRounds = model.rounds
        bins.codes.withUnsafeBufferPointer { codes in
        reciprocals.withUnsafeBufferPointer { reciprocal in
            let inputs = HistogramTreeBuilder.Inputs(rows: n, features: bins.features, codes: codes.baseAddress!,
                                                     binCounts: bins.binCounts, upperEdges: bins.upperEdges,
                                                     reciprocals: reciprocal.baseAddress!)
            let builders = (0..<workers).map { _ in HistogramTreeBuilder(inputs, settings: settings) }
            for round in 0..<model.rounds {
                var largest = 0.0
                for i in 0..<n {
                    gradients[i] = predictions[i] - targets[i]
                    largest = Swift.max(largest, Swift.abs(gradients[i]))
                }
                let quantizer = GradientQuantizer(rows: n, largest: largest)
                var grown = [BoostedTree](repeating: BoostedTree(), count: perRound)
                gradients.withUnsafeBufferPointer { g in
                packed.withUnsafeMutableBufferPointer { q in
                values.withUnsafeMutableBufferPointer { v in
                grown.withUnsafeMutableBufferPointer { out in
                    quantizer.pack(g.baseAddress!, count: n, into: q.baseAddress!)
                    let roundGradients = HistogramTreeBuilder.RoundGradients(exact: g.baseAddress!, packed: UnsafePointer(q.baseAddress!),
                                                                   quantizer: quantizer)
                    let valueBuffer = UncheckedBuffer(v), trees = UncheckedBuffer(out)
                    let subsample = model.subsample, seed = self.seed
                    ParallelLoop.run(items: perRound, threads: workers) { t, worker in
                        let builder = builders[worker]
                        let index = UInt64(round * perRound + t)
                        var rng = Xoshiro256(seed: SplitMix64.mix(seed &+ index &* 0x9E37_79B9_7F4A_7C15))
                        builder.sampleRows(subsample: subsample, rng: &rng)
                        let tree = builder.grow(roundGradients, rng: &rng)
                        builder.writeValues(of: tree, into: valueBuffer.base.baseAddress! + t * n)
                        trees[t] = tree
                    }
                }}}}
                for t in 0..<perRound {
                    for i in 0..<n { predictions[i] += values[t * n + i] }
                    ensemble.append(grown[t])
                }
                if var watch = monitor {
                    let stop = watch.record(round: round, ensemble: ensemble, trees: (round * perRound)..<((round + 1) * perRound),
                                            patience: model.earlyStopping!.patience)
                    monitor = watch
                    if stop { break }
                }
            }
        }}
        if let watch = monitor {
            keptRounds = watch.bestRound + 1
            ensemble = ensemble.prefix(trees: keptRounds * perRound)
        }
        return (ensemble, keptRounds)
    }
}

/// Watches the validation RMSE round by round (XGBoost's early stopping: stop after `patience`
/// rounds without a new best, keep the best round).
struct EarlyStoppingMonitor {
    let store: FeatureStore
    let rows: [Int]
    let targets: [Double]
    var predictions: [Double]
    var best = Double.infinity
    var bestRound = 0

    init(validation: (store: FeatureStore, rows: [Int], targets: [Double]), baseScore: Double) {
        store = validation.store; rows = validation.rows; targets = validation.targets
        predictions = [Double](repeating: baseScore, count: rows.count)
    }

    /// Adds the round's trees to the validation predictions; true when training should stop.
    mutating func record(round: Int, ensemble: TreeEnsemble, trees: Range<Int>, patience: Int) -> Bool {
        let matrix = store.matrix, columns = store.featureCount
        var sums = predictions
        matrix.withUnsafeBufferPointer { x in
            ensemble.forEachLeaf(x, columns: columns, rows: rows[...], trees: trees) { k, t, node in
                sums[k] += ensemble.leafValue(tree: t, node: node)
            }
        }
        predictions = sums
        let rmse = RegressionMetrics(predicted: predictions, actual: targets).rmse
        if rmse < best { best = rmse; bestRound = round }
        return round - bestRound >= patience
    }
}
