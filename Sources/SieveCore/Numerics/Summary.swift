/// Mean, spread and order statistics of a list of values.
public struct Summary: Sendable, Equatable {
    public let count: Int
    public let mean: Double
    /// Sample standard deviation (n − 1 in the denominator); 0 for a single value.
    public let std: Double
    public let min: Double
    public let max: Double

    public init(_ values: [Double]) {
        precondition(!values.isEmpty, "A summary needs at least one value.")
        count = values.count
        var sum = 0.0
        for v in values { sum += v }
        mean = sum / Double(values.count)
        var ss = 0.0
        for v in values { ss += (v - mean) * (v - mean) }
        std = values.count > 1 ? (ss / Double(values.count - 1)).squareRoot() : 0
        min = values.min()!
        max = values.max()!
    }

    /// The `q`-quantile (0 ≤ q ≤ 1) by linear interpolation between order statistics, as NumPy's
    /// default `percentile` method does.
    public static func quantile(_ values: [Double], _ q: Double) -> Double {
        precondition(!values.isEmpty && q >= 0 && q <= 1, "quantile needs values and 0 ≤ q ≤ 1.")
        return quantile(sorted: values.sorted(), q)
    }

    /// The `q`-quantile of values already sorted ascending.
    public static func quantile(sorted: [Double], _ q: Double) -> Double {
        let position = q * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = Swift.min(lower + 1, sorted.count - 1)
        let weight = position - Double(lower)
        return sorted[lower] + (sorted[upper] - sorted[lower]) * weight
    }
}
