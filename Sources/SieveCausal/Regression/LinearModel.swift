/// A fitted linear predictor `ŷ = intercept + Σ coefficients[j] · x_j`.
///
/// ``fit(_:_:intercept:)`` is ordinary least squares as scikit-learn's `LinearRegression` computes
/// it: centre the columns and the target (with an intercept), then the minimum-norm least-squares
/// solution with relative singular-value cutoff `tol = 1e-6` (`scipy.linalg.lstsq(cond=tol)`), so
/// constant or collinear columns get the same coefficients scikit-learn gives them.
public struct LinearModel: Sendable, Equatable, Codable {
    public var coefficients: [Double]
    public var intercept: Double

    public init(coefficients: [Double], intercept: Double) {
        self.coefficients = coefficients
        self.intercept = intercept
    }

    /// The prediction for one input vector of `coefficients.count` values.
    public func predict(_ x: [Double]) -> Double {
        precondition(x.count == coefficients.count, "The model takes \(coefficients.count) inputs, got \(x.count).")
        var y = intercept
        for j in 0..<x.count { y += coefficients[j] * x[j] }
        return y
    }

    /// Least squares of `y` on the columns of `x`.
    public static func fit(_ x: ColumnMatrix, _ y: [Double], intercept: Bool = true) -> LinearModel {
        precondition(y.count == x.rows, "The target needs \(x.rows) values, got \(y.count).")
        let n = x.rows, p = x.columns
        guard intercept, n > 0 else {
            return LinearModel(coefficients: LeastSquares.solve(x, y).solution, intercept: 0)
        }
        var centred = x.storage
        var means = [Double](repeating: 0, count: p)
        centred.withUnsafeMutableBufferPointer { c in
            for j in 0..<p {
                let m = ColumnStatistics.mean(UnsafeBufferPointer(rebasing: c[j * n ..< (j + 1) * n]))
                means[j] = m
                for i in 0..<n { c[j * n + i] -= m }
            }
        }
        let yMean = y.withUnsafeBufferPointer { ColumnStatistics.mean($0) }
        let yc = y.map { $0 - yMean }
        let beta = LeastSquares.solve(ColumnMatrix(rows: n, columns: p, storage: centred), yc).solution
        var offset = yMean
        for j in 0..<p { offset -= means[j] * beta[j] }
        return LinearModel(coefficients: beta, intercept: offset)
    }
}
