import SieveCore

/// Scores shared by several strategies.
public enum AcquisitionScores {
    /// The 95th minus the 5th percentile of the members' predictions for each row
    /// (`members × rows`), with NumPy's linear interpolation.
    public static func percentileWidth(_ members: Matrix<Double>) -> [Double] {
        (0..<members.columns).map { j in
            let values = (0..<members.rows).map { members[$0, j] }.sorted()
            return Summary.quantile(sorted: values, 0.95) - Summary.quantile(sorted: values, 0.05)
        }
    }

    /// Committee disagreement: |a − b| for two members, the population standard deviation for more.
    public static func disagreement(_ predictions: [[Double]]) -> [Double] {
        let rows = predictions[0].count
        if predictions.count == 2 { return (0..<rows).map { Swift.abs(predictions[0][$0] - predictions[1][$0]) } }
        return (0..<rows).map { j in
            let values = predictions.map { $0[j] }
            let mean = values.reduce(0, +) / Double(values.count)
            return (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count)).squareRoot()
        }
    }

    /// The positions of the `count` highest scores (ties to the earlier position).
    public static func top(_ scores: [Double], _ count: Int) -> [Int] {
        Array(scores.indices.sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }.prefix(count))
    }
}
