/// Error metrics of a set of predictions against the true targets.
/// The error tables, figures and verdicts rank by (`metric:` in the spec): RMSE by default, or MAE.
public enum ScoreMetric: String, Sendable, CaseIterable {
    case rmse, mae

    /// "RMSE" or "MAE".
    public var label: String { rawValue.uppercased() }

    public func value(_ metrics: RegressionMetrics) -> Double { self == .rmse ? metrics.rmse : metrics.mae }
}

public struct RegressionMetrics: Sendable, Equatable, Codable {
    /// Root mean squared error.
    public var rmse: Double
    /// Mean absolute error.
    public var mae: Double
    /// Coefficient of determination, 1 − SS_res / SS_tot (NaN when the targets are constant).
    public var r2: Double
    /// Number of rows evaluated.
    public var count: Int
    /// The largest absolute error (Matbench's `max_error`); nil in records stored before Sieve kept it.
    public var maxError: Double?

    public init(rmse: Double, mae: Double, r2: Double, count: Int) {
        self.rmse = rmse; self.mae = mae; self.r2 = r2; self.count = count
    }

    /// Metrics of `predicted` against `actual`; both must have the same non-zero length.
    public init(predicted: [Double], actual: [Double]) {
        precondition(predicted.count == actual.count,
                     "Got \(predicted.count) predictions for \(actual.count) targets.")
        precondition(!actual.isEmpty, "Metrics need at least one row.")
        let n = Double(actual.count)
        var squared = 0.0, absolute = 0.0, sum = 0.0, largest = 0.0
        for i in actual.indices {
            let e = predicted[i] - actual[i]
            squared += e * e
            absolute += Swift.abs(e)
            largest = Swift.max(largest, Swift.abs(e))
            sum += actual[i]
        }
        let mean = sum / n
        var total = 0.0
        for y in actual { total += (y - mean) * (y - mean) }
        self.init(rmse: (squared / n).squareRoot(), mae: absolute / n,
                  r2: total > 0 ? 1 - squared / total : .nan, count: actual.count)
        maxError = largest
    }
}
