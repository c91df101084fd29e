import SieveCore

/// Model-agnostic permutation importance (Breiman, "Random forests", 2001; Fisher, Rudin &
/// Dominici, JMLR 20, 2019): how much the test RMSE grows when one feature's column is shuffled,
/// breaking its link to the target while keeping its distribution. Repeated shuffles give each
/// feature a mean and a standard deviation.
public enum PermutationImportance {
    /// The increase in RMSE per feature over `repeats` shuffles of the rows `rows` of `store`.
    public static func compute(_ model: any FittedModel, store: FeatureStore, rows: [Int], targets: [Double],
                               repeats: Int, seed: UInt64) throws -> [FeatureScore] {
        precondition(rows.count == targets.count && repeats >= 1, "Permutation importance needs targets and repeats.")
        let p = store.featureCount
        var local = store.matrix.gatheringRows(rows)
        let all = Array(0..<rows.count)
        let baseline = RegressionMetrics(predicted: try model.predict(FeatureStore(matrix: local), rows: all), actual: targets).rmse
        var scores: [FeatureScore] = []
        for f in 0..<p {
            let original = local.column(f)
            var increases: [Double] = []
            for r in 0..<repeats {
                var rng = Xoshiro256(seed: SplitMix64.mix(seed ^ StableSeed.of("permutation|\(f)|\(r)")))
                let order = rng.permutation(of: rows.count)
                for (i, j) in order.enumerated() { local[i, f] = original[j] }
                let rmse = RegressionMetrics(predicted: try model.predict(FeatureStore(matrix: local), rows: all), actual: targets).rmse
                increases.append(rmse - baseline)
            }
            for i in 0..<rows.count { local[i, f] = original[i] }
            let summary = Summary(increases)
            scores.append(FeatureScore(mean: summary.mean, std: summary.std, count: repeats))
        }
        return scores
    }
}

/// One feature's attribution: mean and standard deviation over `count` measurements.
public struct FeatureScore: Sendable, Equatable, Codable {
    public var mean: Double
    public var std: Double
    public var count: Int

    public init(mean: Double, std: Double, count: Int) {
        self.mean = mean; self.std = std; self.count = count
    }
}

/// Models that can attribute their predictions to features themselves (XGBoost's TreeSHAP).
public protocol NativeAttribution: FittedModel {
    /// Mean absolute contribution of each feature over `rows`.
    func meanAbsoluteContributions(_ store: FeatureStore, rows: [Int]) throws -> [FeatureScore]
}

extension FittedXGBoost: NativeAttribution {
    public func meanAbsoluteContributions(_ store: FeatureStore, rows: [Int]) throws -> [FeatureScore] {
        let contributions = try contributions(store, rows: rows)
        return (0..<featureCount).map { f in
            let values = (0..<rows.count).map { Double(Swift.abs(contributions[$0, f])) }
            let summary = Summary(values)
            return FeatureScore(mean: summary.mean, std: summary.std, count: values.count)
        }
    }
}
