import SieveCore
import SieveModels

/// How an active-learning campaign picks the next rows to label (Li et al., Nat. Commun. 14,
/// 7283, 2023, following the authors' `uncertaintyAL.py`).
public enum AcquisitionStrategy: Sendable {
    /// Uniformly at random, without replacement.
    case random
    /// Query by committee (Seung, Opper & Sompolinsky, COLT 1992): the disagreement of models fitted
    /// on the labelled rows. Two members: |difference of their predictions| (the paper: random
    /// forest and XGBoost); more: the standard deviation of their predictions.
    case queryByCommittee(members: [String], bootstrap: Int?)
    /// The width of the forest's 90 % interval across trees: 95th minus 5th percentile of the
    /// per-tree predictions.
    case forestUncertainty(forest: String)
    /// IBUG on an XGBoost model with one tree per round (see ``IBUGScorer``).
    case boostingUncertainty(IBUGSettings)

    public var name: String {
        switch self {
        case .random: return "random"
        case .queryByCommittee: return "qbc"
        case .forestUncertainty: return "rf_uncertainty"
        case .boostingUncertainty: return "xgb_uncertainty"
        }
    }
}

/// IBUG's XGBoost model and neighbourhood size; defaults as the paper's `xgb_1tree` model
/// (1000 rounds, learning rate 0.25, lambda 0.01, alpha 0) and IBUG's k = 100.
public struct IBUGSettings: Sendable, Equatable {
    public var rounds = 1000
    public var learningRate = 0.25
    public var lambda = 0.01
    public var maxDepth = 6
    public var k = 100

    public init() {}

    public var model: XGBoostRegressor {
        var m = XGBoostRegressor()
        m.rounds = rounds; m.learningRate = learningRate; m.lambda = lambda; m.alpha = 0; m.maxDepth = maxDepth
        return m
    }

    public var fingerprint: String { "rounds=\(rounds)|learning_rate=\(learningRate)|lambda=\(lambda)|max_depth=\(maxDepth)|k=\(k)" }
}

/// Scores of unlabelled rows: higher means more worth labelling.
enum AcquisitionScores {
    /// The 95th minus the 5th percentile of the members' predictions for each row
    /// (`members × rows`), with NumPy's linear interpolation.
    static func percentileWidth(_ members: Matrix<Double>) -> [Double] {
        (0..<members.columns).map { j in
            let values = (0..<members.rows).map { members[$0, j] }.sorted()
            return Summary.quantile(sorted: values, 0.95) - Summary.quantile(sorted: values, 0.05)
        }
    }

    /// Committee disagreement: |a − b| for two members, the population standard deviation for more.
    static func disagreement(_ predictions: [[Double]]) -> [Double] {
        let rows = predictions[0].count
        if predictions.count == 2 { return (0..<rows).map { Swift.abs(predictions[0][$0] - predictions[1][$0]) } }
        return (0..<rows).map { j in
            let values = predictions.map { $0[j] }
            let mean = values.reduce(0, +) / Double(values.count)
            return (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count)).squareRoot()
        }
    }

    /// The positions of the `count` highest scores (ties to the earlier position).
    static func top(_ scores: [Double], _ count: Int) -> [Int] {
        Array(scores.indices.sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }.prefix(count))
    }
}
