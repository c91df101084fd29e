import SieveCore

/// A trained native gradient-boosting model: the base score plus the sum of its trees.
///
/// The same outputs as the libxgboost wrapper (``FittedXGBoost``): predictions, each round's
/// contribution (``memberPredictions(_:rows:)``) and the leaf each row reaches in each tree
/// (``leafIndices(_:rows:)``), so uncertainty scorers and attributions take either model.
public struct FittedGradientBoosting: EnsemblePredicting, LeafIndexing {
    /// Rounds used for prediction (fewer than trained when early stopping chose an earlier round).
    public let rounds: Int
    /// Trees per round (`num_parallel_tree`).
    public let parallelTrees: Int
    public let featureCount: Int
    public let baseScore: Double
    /// Threads for prediction.
    public let threads: Int
    let ensemble: TreeEnsemble

    init(ensemble: TreeEnsemble, rounds: Int, parallelTrees: Int, featureCount: Int, baseScore: Double, threads: Int) {
        precondition(ensemble.treeCount == rounds * parallelTrees, "A boosted model has rounds × parallel trees trees.")
        self.ensemble = ensemble; self.rounds = rounds; self.parallelTrees = parallelTrees
        self.featureCount = featureCount; self.baseScore = baseScore; self.threads = threads
    }

    /// Every tree of every round.
    public var treeCount: Int { ensemble.treeCount }

    public func predict(_ store: FeatureStore, rows: [Int]) throws -> [Double] {
        try checkPredictionData(store, rows: rows, trainedFeatures: featureCount)
        var out = [Double](repeating: baseScore, count: rows.count)
        let trees = 0..<treeCount
        out.withUnsafeMutableBufferPointer { o in
            let sums = UncheckedBuffer(o)
            inBlocks(store, rows: rows) { x, block in
                ensemble.forEachLeaf(x, columns: featureCount, rows: rows[block], trees: trees) { k, t, node in
                    sums[k] += ensemble.leafValue(tree: t, node: node)
                }
            }
        }
        return out
    }

    /// Each boosting round's own contribution (the sum of its parallel trees, without the base
    /// score): `rounds × rows`. The sum over rounds plus the base score is the prediction.
    public func memberPredictions(_ store: FeatureStore, rows: [Int]) throws -> Matrix<Double> {
        try checkPredictionData(store, rows: rows, trainedFeatures: featureCount)
        var out = Matrix<Double>(rows: rounds, columns: rows.count)
        let trees = 0..<treeCount, perRound = parallelTrees, width = rows.count
        out.withUnsafeMutableBufferPointer { o in
            let sums = UncheckedBuffer(o)
            inBlocks(store, rows: rows) { x, block in
                ensemble.forEachLeaf(x, columns: featureCount, rows: rows[block], trees: trees) { k, t, node in
                    sums[(t / perRound) * width + k] += ensemble.leafValue(tree: t, node: node)
                }
            }
        }
        return out
    }

    /// The leaf each row reaches in each tree: `rows × trees`, XGBoost's node ids (see ``LeafIndexing``).
    public func leafIndices(_ store: FeatureStore, rows: [Int]) throws -> Matrix<Float> {
        try checkPredictionData(store, rows: rows, trainedFeatures: featureCount)
        var out = Matrix<Float>(rows: rows.count, columns: treeCount)
        let trees = 0..<treeCount, width = treeCount
        out.withUnsafeMutableBufferPointer { o in
            let leaves = UncheckedBuffer(o)
            inBlocks(store, rows: rows) { x, block in
                ensemble.forEachLeaf(x, columns: featureCount, rows: rows[block], trees: trees) { k, t, node in
                    leaves[k * width + t] = Float(node)
                }
            }
        }
        return out
    }

    /// The split feature of each tree's root (-1 for a tree that is a single leaf).
    public var rootFeatures: [Int] {
        (0..<treeCount).map { ensemble.rootFeature(ofTree: $0) }
    }

    /// Runs `body` over blocks of `rows` (as index ranges into `rows`) on the model's threads.
    /// Blocks write disjoint outputs; each row's result is computed the same way in any block.
    private func inBlocks(_ store: FeatureStore, rows: [Int],
                          _ body: @Sendable (UnsafeBufferPointer<Float>, Range<Int>) -> Void) {
        let block = 256
        let blocks = (rows.count + block - 1) / block
        store.matrix.withUnsafeBufferPointer { x in
            let features = UncheckedReadBuffer(x)
            ParallelLoop.run(items: blocks, threads: threads) { b, _ in
                body(features.base, (b * block)..<Swift.min((b + 1) * block, rows.count))
            }
        }
    }
}

/// A read-only buffer shared by parallel work units.
struct UncheckedReadBuffer<Element>: @unchecked Sendable {
    let base: UnsafeBufferPointer<Element>
    init(_ base: UnsafeBufferPointer<Element>) { self.base = base }
}
