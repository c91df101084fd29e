import Dispatch
import Synchronization
import SieveCore

/// A random forest regressor (Breiman, "Random forests", Machine Learning 45, 5–32, 2001) with the
/// semantics of scikit-learn's `RandomForestRegressor`: bootstrap samples, a random subset of
/// features per split, variance-reduction splits, fully grown trees by default, the mean of the
/// trees as prediction.
///
/// Split finding runs on histograms of pre-binned features (at most 256 bins per feature, one bin
/// per distinct value when a feature has that few), as LightGBM and XGBoost's `hist` do.
public struct RandomForest: ConfigurableModel, Equatable {
    /// How many features each split considers.
    public enum MaxFeatures: Sendable, Equatable, CustomStringConvertible {
        case all
        case sqrt
        case log2
        case fraction(Double)
        case count(Int)

        public func resolve(_ p: Int) -> Int {
            let k: Int
            switch self {
            case .all: k = p
            case .sqrt: k = Int(Double(p).squareRoot())
            case .log2: k = Int(floorLog2(Double(p)))
            case let .fraction(f): k = Int(f * Double(p))
            case let .count(c): k = c
            }
            return Swift.min(p, Swift.max(1, k))
        }

        public var description: String {
            switch self {
            case .all: return "1.0"
            case .sqrt: return "sqrt"
            case .log2: return "log2"
            case let .fraction(f): return f.description
            case let .count(c): return String(c)
            }
        }
    }

    public var trees: Int
    public var maxFeatures: MaxFeatures
    public var minSamplesLeaf: Int
    public var minSamplesSplit: Int
    public var maxDepth: Int?
    public var bootstrap: Bool

    public init(trees: Int = 100, maxFeatures: MaxFeatures = .all, minSamplesLeaf: Int = 1,
                minSamplesSplit: Int = 2, maxDepth: Int? = nil, bootstrap: Bool = true) {
        self.trees = trees; self.maxFeatures = maxFeatures; self.minSamplesLeaf = minSamplesLeaf
        self.minSamplesSplit = minSamplesSplit; self.maxDepth = maxDepth; self.bootstrap = bootstrap
    }

    public init() { self.init(trees: 100) }

    public var usesBinnedFeatures: Bool { true }

    public static let kind = "random_forest"
    public static let summary = "Random forest with histogram splits (scikit-learn RandomForestRegressor semantics)."
    public static let parameters: [ModelParameter<RandomForest>] = [
        .int("trees", \.trees, 1...100_000, summary: "trees in the forest"),
        ModelParameter("max_features", summary: "features each split may choose among",
                       allowed: "a fraction in (0, 1], a count 1–100,000, sqrt, log2 or all", read: { node, log, model in
            switch node.value {
            case let .double(f): model.maxFeatures = f == 1 ? .all : .fraction(f)
            case let .int(c): model.maxFeatures = .count(c)
            case let .string(s) where s == "sqrt": model.maxFeatures = .sqrt
            case let .string(s) where s == "log2": model.maxFeatures = .log2
            case let .string(s) where s == "all": model.maxFeatures = .all
            default:
                log.error(node, "max_features must be a fraction of the features (0 < f ≤ 1), a count, "
                          + "'sqrt', 'log2' or 'all', not '\(node)'.")
            }
        }, text: { $0.maxFeatures.description }, check: { model in
            switch model.maxFeatures {
            case let .fraction(f) where !(f > 0 && f <= 1): return "max_features as a fraction must be in (0, 1], got \(f)."
            case let .count(c) where !(1...100_000).contains(c):
                return "max_features as a count must be between 1 and 100,000, got \(c)."
            default: return nil
            }
        }, vary: { $0.maxFeatures = $0.maxFeatures == .sqrt ? .log2 : .sqrt }),
        .int("min_samples_leaf", \.minSamplesLeaf, 1...100_000_000, summary: "least rows in a leaf"),
        .int("min_samples_split", \.minSamplesSplit, 2...100_000_000, summary: "least rows in a node that may split"),
        .optionalInt("max_depth", \.maxDepth, 1...64, "(or null for no limit)", summary: "depth limit; null grows trees fully"),
        .bool("bootstrap", \.bootstrap, summary: "each tree trains on a bootstrap sample of the rows"),
    ]

    public func fit(_ data: TrainingData, context: FitContext) throws -> any FittedModel {
        try fitForest(data, context: context)
    }

    /// Fits and returns the concrete forest (for per-tree predictions).
    public func fitForest(_ data: TrainingData, context: FitContext) throws -> FittedForest {
        try checkTrainingData(data)
        let n = data.count, p = data.store.featureCount
        let binned = data.store.binned ?? BinnedFeatures(data.store.matrix, referenceRows: data.rows)
        precondition(binned.rows == data.store.rowCount, "The store's bins cover \(binned.rows) rows, not \(data.store.rowCount).")
        var codes = [UInt8](repeating: 0, count: n * p)
        binned.codes.withUnsafeBufferPointer { all in
            codes.withUnsafeMutableBufferPointer { local in
                // Row-major, training rows only: the grower copies whole rows per sample.
                for f in 0..<p {
                    let source = f * binned.rows
                    for (i, r) in data.rows.enumerated() { local[i * p + f] = all[source + r] }
                }
            }
        }
        let settings = TreeGrower.Settings(
            featuresPerSplit: maxFeatures.resolve(p), minSamplesLeaf: minSamplesLeaf,
            minSamplesSplit: minSamplesSplit, maxDepth: maxDepth ?? Int.max)
        let grown = Mutex([RegressionTree?](repeating: nil, count: trees))
        let next = Atomic<Int>(0)
        let workers = Swift.min(context.threads, trees)
        let bootstrap = self.bootstrap
        let treeCount = trees
        let binCounts = (0..<p).map(binned.binCount(of:))
        codes.withUnsafeBufferPointer { codeBuffer in
            data.targets.withUnsafeBufferPointer { targetBuffer in
                let inputs = TreeGrower.Inputs(n: n, p: p, codes: codeBuffer.baseAddress!, targets: targetBuffer.baseAddress!,
                                               binCounts: binCounts, edges: binned.edges)
                DispatchQueue.concurrentPerform(iterations: workers) { _ in
                    let grower = TreeGrower(inputs, settings: settings)
                    while true {
                        let t = next.add(1, ordering: .relaxed).oldValue
                        if t >= treeCount { break }
                        // Each tree's generator depends only on the run seed and the tree's index, so the
                        // forest is the same whatever the number of threads.
                        var rng = Xoshiro256(seed: SplitMix64.mix(context.seed &+ UInt64(t) &* 0x9E37_79B9_7F4A_7C15))
                        let tree = grower.grow(bootstrap: bootstrap, rng: &rng)
                        grown.withLock { $0[t] = tree }
                    }
                }
            }
        }
        return FittedForest(trees: grown.withLock { $0.map { $0! } }, featureCount: p)
    }
}

/// A trained random forest: the mean of its trees.
public struct FittedForest: EnsemblePredicting {
    public let trees: [RegressionTree]
    public let featureCount: Int

    public func predict(_ store: FeatureStore, rows: [Int]) throws -> [Double] {
        try checkPredictionData(store, rows: rows, trainedFeatures: featureCount)
        var sums = [Double](repeating: 0, count: rows.count)
        store.matrix.withUnsafeBufferPointer { x in
            sums.withUnsafeMutableBufferPointer { s in
                for tree in trees { tree.accumulate(x, columns: store.featureCount, rows: rows, into: s) }
            }
        }
        let scale = 1 / Double(trees.count)
        return sums.map { $0 * scale }
    }

    public func memberPredictions(_ store: FeatureStore, rows: [Int]) throws -> Matrix<Double> {
        try checkPredictionData(store, rows: rows, trainedFeatures: featureCount)
        var out = Matrix<Double>(rows: trees.count, columns: rows.count)
        store.matrix.withUnsafeBufferPointer { x in
            out.withUnsafeMutableBufferPointer { o in
                for (t, tree) in trees.enumerated() {
                    let slice = UnsafeMutableBufferPointer(rebasing: o[t * rows.count ..< (t + 1) * rows.count])
                    tree.accumulate(x, columns: store.featureCount, rows: rows, into: slice)
                }
            }
        }
        return out
    }
}

@inline(__always) private func floorLog2(_ x: Double) -> Double {
    var e = 0.0, v = x
    while v >= 2 { v /= 2; e += 1 }
    return e
}
