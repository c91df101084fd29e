/// The lasso regularisation path by least-angle regression (Efron, Hastie, Johnstone & Tibshirani,
/// "Least angle regression", Ann. Statist. 32, 407–499, 2004), with the lasso modification: a
/// coefficient that would cross zero leaves the active set.
///
/// This follows scikit-learn 1.9.1's `lars_path(method="lasso")` on a precomputed Gram matrix (the
/// branch `LassoLarsIC` takes when there are more rows than columns) step by step, including its
/// numerical conventions, so the knots — and hence which knot BIC picks — agree with it: the active
/// set's Cholesky factor grown by forward substitution and shrunk by Givens rotations, the
/// equiangular correlations rounded to 15 decimals, `min_pos` step lengths with a float32-tiny guard,
/// a regressor whose Cholesky pivot falls below 1e-7 set aside, and the early stop when alpha grows.
/// Inputs are the centred Gram matrix `XᵀX` and correlations `Xᵀy`.
struct LarsLassoPath {
    /// `alphas[k]` is the regularisation at knot k; `coefficients[k]` the coefficients there.
    var alphas: [Double] = []
    var coefficients: [[Double]] = []

    init(gram: [Double], xy: [Double], samples: Int, maxIterations: Int = 500) {
        let p = xy.count
        precondition(gram.count == p * p, "The Gram matrix must be \(p)×\(p).")
        let maxFeatures = Swift.min(maxIterations, p)
        let tiny32 = Double(Float.leastNormalMagnitude)
        let equalityTolerance = Double(Float.ulpOfOne)
        let eps = Double.ulpOfOne
        let n = Double(samples)

        var g = gram  // permuted along with `indices`
        var cov = xy  // correlations of the inactive regressors, in `indices` order
        var indices = Array(0..<p)
        var l = [Double](repeating: 0, count: maxFeatures * maxFeatures)
        var sign = [Double](repeating: 0, count: maxFeatures)
        var active: [Int] = []
        var nActive = 0, nIter = 0
        var drop = false
        var dropPositions: [Int] = []
        coefficients = [[Double](repeating: 0, count: p)]

        func swapRowsAndColumns(_ a: Int, _ b: Int) {
            guard a != b else { return }
            for k in 0..<p { g.swapAt(a * p + k, b * p + k) }
            for k in 0..<p { g.swapAt(k * p + a, k * p + b) }
        }

        while true {
            var cIndex = 0, cSigned = 0.0, c = 0.0
            if !cov.isEmpty {
                for k in 1..<cov.count where abs(cov[k]) > abs(cov[cIndex]) { cIndex = k }
                cSigned = cov[cIndex]
                c = abs(cSigned)
            }
            let alpha = c / n
            if alphas.count == nIter { alphas.append(alpha) } else { alphas[nIter] = alpha }
            // alpha_min is 0, so reaching it needs no interpolation between knots.
            if alpha <= equalityTolerance { break }
            if nIter >= maxIterations || nActive >= p { break }

            if !drop {
                sign[nActive] = cSigned > 0 ? 1 : (cSigned < 0 ? -1 : 0)
                let m = nActive, swapped = cIndex + nActive
                cov.swapAt(cIndex, 0)
                indices.swapAt(swapped, m)
                let covBefore = cov
                cov.removeFirst()
                swapRowsAndColumns(m, swapped)
                let diagonal = g[nActive * p + nActive]
                for k in 0..<nActive { l[nActive * maxFeatures + k] = g[nActive * p + k] }
                // Forward substitution: L[:na, :na] w = G[na, :na].
                for r in 0..<nActive {
                    var s = l[nActive * maxFeatures + r]
                    for k in 0..<r { s -= l[r * maxFeatures + k] * l[nActive * maxFeatures + k] }
                    l[nActive * maxFeatures + r] = s / l[r * maxFeatures + r]
                }
                var v = 0.0
                for k in 0..<nActive { v += l[nActive * maxFeatures + k] * l[nActive * maxFeatures + k] }
                let pivot = Swift.max(abs(diagonal - v).squareRoot(), eps)
                l[nActive * maxFeatures + nActive] = pivot
                if pivot < 1e-7 {
                    // Degenerate regressor: its correlation is zeroed and it is never tried again
                    // (scikit-learn leaves `indices` and the Gram matrix swapped; so does this).
                    cov = covBefore
                    cov[0] = 0
                    cov.swapAt(cIndex, 0)
                    continue
                }
                active.append(indices[nActive])
                nActive += 1
            }

            if nIter > 0 && alphas[nIter - 1] < alpha { break }

            var direction = Self.choleskySolve(l, stride: maxFeatures, size: nActive, Array(sign[0..<nActive]))
            var aa: Double
            if direction.count == 1 && direction[0] == 0 {
                direction[0] = 1
                aa = 1
            } else {
                var s = 0.0
                for k in 0..<nActive { s += direction[k] * sign[k] }
                aa = 1 / s.squareRoot()
                if !aa.isFinite {
                    var shifted = l
                    var i = 0
                    while !aa.isFinite {
                        for k in 0..<nActive { shifted[k * maxFeatures + k] += Double(sign: .plus, exponent: i, significand: 1) * eps }
                        direction = Self.choleskySolve(shifted, stride: maxFeatures, size: nActive, Array(sign[0..<nActive]))
                        var t = 0.0
                        for k in 0..<nActive { t += direction[k] * sign[k] }
                        aa = 1 / Swift.max(t, eps).squareRoot()
                        i += 1
                    }
                }
                for k in 0..<nActive { direction[k] *= aa }
            }

            // Correlations of the inactive regressors with the equiangular direction, rounded to
            // 15 decimals as NumPy's `around` does (scale, round half to even, unscale).
            var corr = [Double](repeating: 0, count: p - nActive)
            for k in 0..<corr.count {
                var s = 0.0
                for a in 0..<nActive { s += g[a * p + nActive + k] * direction[a] }
                corr[k] = (s * 1e15).rounded(.toNearestOrEven) / 1e15
            }
            var gamma = Swift.min(
                Self.minPositive(cov.indices.map { (c - cov[$0]) / (aa - corr[$0] + tiny32) }),
                Self.minPositive(cov.indices.map { (c + cov[$0]) / (aa + corr[$0] + tiny32) }),
                c / aa)

            drop = false
            let current = coefficients[nIter]
            let z = (0..<nActive).map { -current[active[$0]] / (direction[$0] + tiny32) }
            let zPositive = Self.minPositive(z)
            if zPositive < gamma {
                dropPositions = z.indices.filter { z[$0] == zPositive }.reversed()
                for k in dropPositions { sign[k] = -sign[k] }
                gamma = zPositive
                drop = true
            }

            nIter += 1
            var next = [Double](repeating: 0, count: p)
            for a in 0..<nActive { next[active[a]] = current[active[a]] + gamma * direction[a] }
            coefficients.append(next)
            for k in cov.indices { cov[k] -= gamma * corr[k] }

            if drop {
                for position in dropPositions {
                    Self.choleskyDelete(&l, stride: maxFeatures, size: nActive, removing: position)
                }
                nActive -= 1
                let dropped = dropPositions.map { active.remove(at: $0) }
                for position in dropPositions where position < nActive {
                    for i in position..<nActive {
                        indices.swapAt(i, i + 1)
                        swapRowsAndColumns(i, i + 1)
                    }
                }
                let restored = dropped.map { j -> Double in
                    var s = xy[j]
                    for k in 0..<p { s -= gram[j * p + k] * next[k] }
                    return s
                }
                cov = restored + cov
                var kept = [Double]()
                for k in 0..<sign.count where !dropPositions.contains(k) { kept.append(sign[k]) }
                sign = kept + [0]
            }
        }
    }

    /// The smallest strictly positive value, or the largest finite double if there is none
    /// (scikit-learn's `arrayfuncs.min_pos`).
    static func minPositive(_ values: [Double]) -> Double {
        var best = Double.greatestFiniteMagnitude
        for v in values where v > 0 && v < best { best = v }
        return best
    }

    /// Solves `L Lᵀ x = b` with the leading `size × size` lower factor of `l` (row stride `stride`).
    static func choleskySolve(_ l: [Double], stride m: Int, size: Int, _ b: [Double]) -> [Double] {
        var y = b
        for r in 0..<size {
            var s = y[r]
            for k in 0..<r { s -= l[r * m + k] * y[k] }
            y[r] = s / l[r * m + r]
        }
        for r in (0..<size).reversed() {
            var s = y[r]
            for k in (r + 1)..<Swift.max(r + 1, size) { s -= l[k * m + r] * y[k] }
            y[r] = s / l[r * m + r]
        }
        return y
    }

    /// Removes row and column `goOut` from the lower Cholesky factor of a `size × size` matrix:
    /// rows below move up one, then Givens rotations restore the triangle (BLAS `rotg`/`rot`
    /// conventions, diagonal kept non-negative), as `arrayfuncs.cholesky_delete` does.
    static func choleskyDelete(_ l: inout [Double], stride m: Int, size n: Int, removing goOut: Int) {
        guard goOut < n - 1 else { return }
        for i in goOut..<(n - 1) {
            for k in 0..<(i + 2) { l[i * m + k] = l[(i + 1) * m + k] }
        }
        for i in goOut..<(n - 1) {
            let a = l[i * m + i], b = l[i * m + i + 1]
            var c = 1.0, s = 0.0, r = a
            if b != 0 {
                if a == 0 {
                    c = 0; s = 1; r = b
                } else {
                    let larger = abs(a) > abs(b) ? a : b
                    r = (larger < 0 ? -1.0 : 1.0) * (a * a + b * b).squareRoot()
                    c = a / r; s = b / r
                }
            }
            l[i * m + i] = r
            if r < 0 {
                l[i * m + i] = abs(r)
                c = -c; s = -s
            }
            l[i * m + i + 1] = 0
            // Rotate columns i and i+1 of the rows below.
            for row in (i + 1)..<(n - 1) {
                let x = l[row * m + i], y = l[row * m + i + 1]
                l[row * m + i] = c * x + s * y
                l[row * m + i + 1] = c * y - s * x
            }
        }
    }
}
