/// Minimum-norm linear least squares, the solution scipy's `lstsq` (LAPACK `gelsd`) returns.
///
/// `min ‖A x − b‖₂`, and among the minimisers the one of least norm: singular values at most
/// `cutoff · σ_max` count as zero (scikit-learn's `LinearRegression` passes `cond = tol = 1e-6`).
/// Tall systems are first reduced by a Householder QR (`A = Q R`, then `R x = Qᵀ b`), the small
/// square factor is decomposed by one-sided Jacobi (Hestenes) rotations, and the solution is
/// `V Σ⁺ Uᵀ (Qᵀ b)`. Dense, O(n p²) for n rows and p columns; meant for p up to a few dozen.
public enum LeastSquares {
    /// The minimum-norm solution and the numerical rank of `a`.
    public static func solve(_ a: ColumnMatrix, _ b: [Double], cutoff: Double = 1e-6) -> (solution: [Double], rank: Int) {
        precondition(b.count == a.rows, "The right-hand side needs \(a.rows) entries, got \(b.count).")
        let n = a.rows, p = a.columns
        if p == 0 { return ([], 0) }
        if n > p {
            var r = a.storage, rhs = b
            householderTriangularise(&r, &rhs, rows: n, columns: p)
            // The leading p×p block of the triangularised matrix is R; the first p entries of rhs are Qᵀb.
            var square = [Double](repeating: 0, count: p * p)
            for c in 0..<p { for row in 0...c { square[c * p + row] = r[c * n + row] } }
            return jacobiSolve(&square, Array(rhs[0..<p]), rows: p, columns: p, cutoff: cutoff)
        }
        var copy = a.storage
        return jacobiSolve(&copy, b, rows: n, columns: p, cutoff: cutoff)
    }

    /// Householder QR in place: on return the upper triangle of the leading `columns` rows holds R
    /// and `rhs` holds Qᵀ rhs.
    static func householderTriangularise(_ a: inout [Double], _ rhs: inout [Double], rows n: Int, columns p: Int) {
        a.withUnsafeMutableBufferPointer { a in
            rhs.withUnsafeMutableBufferPointer { y in
                for k in 0..<p {
                    let col = k * n
                    var norm = 0.0
                    for i in k..<n { norm += a[col + i] * a[col + i] }
                    norm = norm.squareRoot()
                    if norm == 0 { continue }
                    let x1 = a[col + k]
                    let alpha = x1 > 0 ? -norm : norm
                    // v = x − alpha e1, stored in place of x; vᵀv = 2‖x‖(‖x‖ + |x₁|); beta = 2 / vᵀv.
                    a[col + k] = x1 - alpha
                    let beta = 1 / (norm * (norm + abs(x1)))
                    for j in (k + 1)..<p {
                        let cj = j * n
                        var dot = 0.0
                        for i in k..<n { dot += a[col + i] * a[cj + i] }
                        let f = beta * dot
                        for i in k..<n { a[cj + i] -= f * a[col + i] }
                    }
                    var dot = 0.0
                    for i in k..<n { dot += a[col + i] * y[i] }
                    let f = beta * dot
                    for i in k..<n { y[i] -= f * a[col + i] }
                    a[col + k] = alpha
                    for i in (k + 1)..<n { a[col + i] = 0 }
                }
            }
        }
    }

    /// One-sided Jacobi SVD of the column-major `rows × columns` matrix `w` (overwritten), then the
    /// truncated pseudo-inverse applied to `b`.
    static func jacobiSolve(_ w: inout [Double], _ b: [Double], rows m: Int, columns p: Int, cutoff: Double) -> (solution: [Double], rank: Int) {
        var v = [Double](repeating: 0, count: p * p)
        for i in 0..<p { v[i * p + i] = 1 }
        let tolerance = 1e-15
        w.withUnsafeMutableBufferPointer { w in
            v.withUnsafeMutableBufferPointer { v in
                for _ in 0..<80 {
                    var rotated = false
                    for j in 0..<p {
                        for k in (j + 1)..<p {
                            var alpha = 0.0, beta = 0.0, gamma = 0.0
                            for i in 0..<m {
                                let x = w[j * m + i], y = w[k * m + i]
                                alpha += x * x; beta += y * y; gamma += x * y
                            }
                            if gamma == 0 || abs(gamma) <= tolerance * (alpha * beta).squareRoot() { continue }
                            rotated = true
                            let zeta = (beta - alpha) / (2 * gamma)
                            let t = (zeta >= 0 ? 1.0 : -1.0) / (abs(zeta) + (1 + zeta * zeta).squareRoot())
                            let c = 1 / (1 + t * t).squareRoot(), s = c * t
                            for i in 0..<m {
                                let x = w[j * m + i], y = w[k * m + i]
                                w[j * m + i] = c * x - s * y
                                w[k * m + i] = s * x + c * y
                            }
                            for i in 0..<p {
                                let x = v[j * p + i], y = v[k * p + i]
                                v[j * p + i] = c * x - s * y
                                v[k * p + i] = s * x + c * y
                            }
                        }
                    }
                    if !rotated { break }
                }
            }
        }
        // Column j of w is σ_j u_j; column j of v is v_j.
        var sigma = [Double](repeating: 0, count: p)
        for j in 0..<p {
            var s = 0.0
            for i in 0..<m { s += w[j * m + i] * w[j * m + i] }
            sigma[j] = s.squareRoot()
        }
        let largest = sigma.max() ?? 0
        var x = [Double](repeating: 0, count: p)
        var rank = 0
        for j in 0..<p where sigma[j] > cutoff * largest && sigma[j] > 0 {
            rank += 1
            // u_jᵀ b / σ_j = (σ_j u_j)ᵀ b / σ_j².
            var dot = 0.0
            for i in 0..<m { dot += w[j * m + i] * b[i] }
            let f = dot / (sigma[j] * sigma[j])
            for i in 0..<p { x[i] += f * v[j * p + i] }
        }
        return (x, rank)
    }
}
