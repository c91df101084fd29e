import SieveCore
import SieveLAPACK

/// The first k principal components of standardised features: ET-AL's default representation for
/// its Gaussian process (the paper used a 32-d CGCNN embedding, which needs the authors' trained
/// network; 32 principal components of the dataset's own features stand in for it).
///
/// Each column is centred and divided by its standard deviation (population, as scikit-learn's
/// `StandardScaler`; a constant column keeps scale 1); the covariance ZᵀZ/(n−1) is eigen-decomposed
/// (LAPACK dsyevr) and the k eigenvectors of largest eigenvalue kept, each signed so its entry of
/// largest magnitude is positive (the first such entry on ties) — scikit-learn's `svd_flip` rule for
/// `PCA`, so scores match `PCA(k).fit_transform(StandardScaler().fit_transform(X))` up to rounding.
/// A feature whose values are all NaN or infinite would poison the covariance: fitting checks.
public struct PrincipalComponents: Sendable {
    public let means: [Double]
    public let scales: [Double]
    /// Component loadings, k × d row-major (row j = component j, unit length).
    public let components: Matrix<Double>
    /// The variance each component explains (eigenvalues of the covariance), descending.
    public let explainedVariance: [Double]

    /// Fits on the given rows of `features` (n × d), keeping min(k, d) components.
    public init(fitting features: Matrix<Float>, rows: [Int], count k: Int) throws {
        precondition(rows.count >= 2 && k >= 1, "Principal components need at least two rows and one component.")
        let d = features.columns, n = rows.count
        var means = [Double](repeating: 0, count: d), scales = [Double](repeating: 0, count: d)
        for r in rows { for c in 0..<d { means[c] += Double(features[r, c]) } }
        for c in 0..<d { means[c] /= Double(n) }
        for r in rows { for c in 0..<d { let t = Double(features[r, c]) - means[c]; scales[c] += t * t } }
        for c in 0..<d { let s = (scales[c] / Double(n)).squareRoot(); scales[c] = s > 0 ? s : 1 }
        guard means.allSatisfy(\.isFinite) && scales.allSatisfy(\.isFinite) else {
            throw ModelError.invalidParameters(["Principal components need finite features; a column holds NaN or infinity."])
        }
        // Covariance of the standardised rows (lower triangle, column-major = row-major here).
        var covariance = [Double](repeating: 0, count: d * d)
        var z = [Double](repeating: 0, count: d)
        for r in rows {
            for c in 0..<d { z[c] = (Double(features[r, c]) - means[c]) / scales[c] }
            covariance.withUnsafeMutableBufferPointer { cov in
                for j in 0..<d { let zj = z[j]; for i in j..<d { cov[j * d + i] += z[i] * zj } }
            }
        }
        for j in 0..<d { for i in j..<d { covariance[j * d + i] /= Double(n - 1); covariance[i * d + j] = covariance[j * d + i] } }
        let eigen = try SymmetricEigen(symmetric: covariance, size: d)
        let kept = Swift.min(k, d)
        var loadings = [Double](repeating: 0, count: kept * d)
        for j in 0..<kept {
            let index = d - 1 - j
            var largest = 0
            for i in 0..<d where abs(eigen.vector(index, i)) > abs(eigen.vector(index, largest)) { largest = i }
            let sign: Double = eigen.vector(index, largest) < 0 ? -1 : 1
            for i in 0..<d { loadings[j * d + i] = sign * eigen.vector(index, i) }
        }
        self.means = means
        self.scales = scales
        components = Matrix(rows: kept, columns: d, storage: loadings)
        explainedVariance = (0..<kept).map { eigen.values[d - 1 - $0] }
    }

    /// Scores of the given rows: (standardised row) · componentsᵀ, rows.count × k.
    public func transform(_ features: Matrix<Float>, rows: [Int]) -> Matrix<Double> {
        precondition(features.columns == means.count, "Features need \(means.count) columns.")
        let d = means.count, k = components.rows
        var out = [Double](repeating: 0, count: rows.count * k)
        var z = [Double](repeating: 0, count: d)
        components.withUnsafeBufferPointer { w in
            for (o, r) in rows.enumerated() {
                for c in 0..<d { z[c] = (Double(features[r, c]) - means[c]) / scales[c] }
                for j in 0..<k {
                    var sum = 0.0
                    for c in 0..<d { sum += z[c] * w[j * d + c] }
                    out[o * k + j] = sum
                }
            }
        }
        return Matrix(rows: rows.count, columns: k, storage: out)
    }
}
