import Foundation

/// Lasso with the regularisation chosen by the Bayesian information criterion along the LARS path.
///
/// scikit-learn 1.9.1's `LassoLarsIC(criterion="bic")` with its defaults: centre X and y (with an
/// intercept; no scaling), compute the whole lasso path (``LarsLassoPath``), and at every knot
/// `BIC = n·log(2π σ²) + RSS/σ² + log(n)·df`, where df counts coefficients with |β| > ε and σ² is
/// the noise variance of the full OLS fit, `RSS_OLS / (n − p − 1)` (Zou, Hastie & Tibshirani, "On
/// the degrees of freedom of the lasso", Ann. Statist. 35, 2007). The first knot of least BIC wins.
enum LassoLarsIC {
    /// The path, the criterion along it, and the chosen coefficients.
    struct Selection {
        var alphas: [Double]
        var criterion: [Double]
        var noiseVariance: Double
        var coefficients: [Double]
    }

    /// The coefficients at the knot of least BIC.
    /// - Throws: ``CausalDiscoveryError/tooFewRowsForLasso`` when n ≤ p + 1 (no noise estimate).
    static func fit(_ x: ColumnMatrix, _ y: [Double], target: Int) throws -> [Double] {
        try select(x, y, target: target).coefficients
    }

    /// The whole selection, for checks against scikit-learn.
    static func select(_ x: ColumnMatrix, _ y: [Double], target: Int) throws -> Selection {
        let n = x.rows, p = x.columns
        guard n > p + 1 else { throw CausalDiscoveryError.tooFewRowsForLasso(rows: n, predictors: p, target: target) }
        var xc = x.storage
        xc.withUnsafeMutableBufferPointer { c in
            for j in 0..<p {
                let m = ColumnStatistics.mean(UnsafeBufferPointer(rebasing: c[j * n ..< (j + 1) * n]))
                for i in 0..<n { c[j * n + i] -= m }
            }
        }
        let yMean = y.withUnsafeBufferPointer { ColumnStatistics.mean($0) }
        let yc = y.map { $0 - yMean }
        var gram = [Double](repeating: 0, count: p * p), xy = [Double](repeating: 0, count: p)
        xc.withUnsafeBufferPointer { c in
            for a in 0..<p {
                for b in a..<p {
                    var s = 0.0
                    for i in 0..<n { s += c[a * n + i] * c[b * n + i] }
                    gram[a * p + b] = s; gram[b * p + a] = s
                }
                var s = 0.0
                for i in 0..<n { s += c[a * n + i] * yc[i] }
                xy[a] = s
            }
        }
        let path = LarsLassoPath(gram: gram, xy: xy, samples: n)
        let centred = ColumnMatrix(rows: n, columns: p, storage: xc)

        let ols = LeastSquares.solve(centred, yc).solution
        let noise = residualSumOfSquares(centred, yc, ols) / Double(n - p - 1)
        let factor = log(Double(n))
        let criterion = path.coefficients.map { beta -> Double in
            let df = beta.reduce(0) { $0 + (abs($1) > Double.ulpOfOne ? 1 : 0) }
            return Double(n) * log(2 * Double.pi * noise) + residualSumOfSquares(centred, yc, beta) / noise + factor * Double(df)
        }
        // NumPy's argmin: the first NaN if there is one, else the first minimum.
        var best = 0
        for k in criterion.indices {
            if criterion[k].isNaN { best = k; break }
            if criterion[k] < criterion[best] { best = k }
        }
        return Selection(alphas: path.alphas, criterion: criterion, noiseVariance: noise, coefficients: path.coefficients[best])
    }

    static func residualSumOfSquares(_ x: ColumnMatrix, _ y: [Double], _ beta: [Double]) -> Double {
        var r = y
        x.storage.withUnsafeBufferPointer { c in
            for j in 0..<x.columns where beta[j] != 0 {
                let b = beta[j]
                for i in 0..<x.rows { r[i] -= c[j * x.rows + i] * b }
            }
        }
        return r.reduce(0) { $0 + $1 * $1 }
    }
}
