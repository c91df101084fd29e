import Foundation

/// The pairwise likelihood-ratio measure DirectLiNGAM uses to find the most exogenous variable.
///
/// Hyvärinen & Smith, "Pairwise likelihood ratios for estimation of non-Gaussian structural equation
/// models", JMLR 14, 111–152 (2013): for standardised x_i, x_j and the standardised residuals
/// r_{i|j}, r_{j|i} of each regressed on the other,
/// `R(i, j) = H(x_j) + H(r_{i|j}) − H(x_i) − H(r_{j|i})`, with the maximum-entropy approximation
/// of differential entropy (Hyvärinen, "New approximations of differential entropy", NIPS 1998)
/// `H(u) ≈ (1 + log 2π)/2 − k₁ (E log cosh u − γ)² − k₂ (E[u e^{−u²/2}])²`,
/// k₁ = 79.047, k₂ = 7.4129, γ = 0.37457. Arithmetic follows the LiNGAM package 1.13.0: columns
/// standardised by their population standard deviation, regression coefficients
/// `cov(x_i, x_j) / var(x_j)` with population moments, residuals divided by their own standard
/// deviation (not re-centred). `R(j, i) = −R(i, j)`, so each unordered pair is computed once. A
/// residual with variance below 10⁻²⁴ (the pair is exactly collinear) gives R = 0.
enum PairwiseLikelihoodMeasure {
    static let k1 = 79.047, k2 = 7.4129, gamma = 0.37457
    static let gaussianEntropy = (1 + log(2 * Double.pi)) / 2

    /// The entropy approximation from the two sample means.
    @inline(__always)
    static func entropy(meanLogCosh: Double, meanGaussianMoment: Double) -> Double {
        let a = meanLogCosh - gamma
        return gaussianEntropy - k1 * a * a - k2 * meanGaussianMoment * meanGaussianMoment
    }

    /// `log cosh u` without overflow: `|u| + log((1 + e^{−2|u|}) / 2)` (the argument of log lies in
    /// [½, 1], where libm's log is fast and accurate to an ulp).
    @inline(__always)
    static func logCosh(_ u: Double) -> Double {
        let a = abs(u)
        return a + log(0.5 + 0.5 * exp(-2 * a))
    }

    /// The entropy approximation of `x · scale` (NaN in, NaN out).
    static func entropy(_ x: UnsafeBufferPointer<Double>, scale: Double = 1) -> Double {
        let n = x.count
        var sumLogCosh = 0.0, sumMoment = 0.0
        for i in 0..<n {
            let u = x[i] * scale
            sumLogCosh += logCosh(u)
            sumMoment += u * exp(-u * u / 2)
        }
        return entropy(meanLogCosh: sumLogCosh / Double(n), meanGaussianMoment: sumMoment / Double(n))
    }

    /// `R(a, b)` for two standardised columns with their means and population variances and their
    /// entropies: positive when a looks more exogenous than b.
    static func ratio(_ za: UnsafeBufferPointer<Double>, _ zb: UnsafeBufferPointer<Double>,
                      meanA: Double, meanB: Double, varianceA: Double, varianceB: Double,
                      entropyA: Double, entropyB: Double) -> Double {
        let n = za.count, count = Double(n)
        var cross = 0.0
        for i in 0..<n { cross += (za[i] - meanA) * (zb[i] - meanB) }
        let covariance = cross / count
        let betaAB = covariance / varianceB  // a regressed on b
        let betaBA = covariance / varianceA  // b regressed on a
        // Residual means, then their population standard deviations (two passes, as NumPy's std).
        var sumAB = 0.0, sumBA = 0.0
        for i in 0..<n {
            sumAB += za[i] - betaAB * zb[i]
            sumBA += zb[i] - betaBA * za[i]
        }
        let meanAB = sumAB / count, meanBA = sumBA / count
        var ssAB = 0.0, ssBA = 0.0
        for i in 0..<n {
            let dAB = za[i] - betaAB * zb[i] - meanAB, dBA = zb[i] - betaBA * za[i] - meanBA
            ssAB += dAB * dAB
            ssBA += dBA * dBA
        }
        // A residual that vanishes means one column determines the other: no evidence of direction.
        if ssAB / count <= 1e-24 || ssBA / count <= 1e-24 { return 0 }
        let scaleAB = 1 / (ssAB / count).squareRoot(), scaleBA = 1 / (ssBA / count).squareRoot()
        var lcAB = 0.0, gmAB = 0.0, lcBA = 0.0, gmBA = 0.0
        for i in 0..<n {
            let u = (za[i] - betaAB * zb[i]) * scaleAB
            let v = (zb[i] - betaBA * za[i]) * scaleBA
            lcAB += logCosh(u)
            gmAB += u * exp(-u * u / 2)
            lcBA += logCosh(v)
            gmBA += v * exp(-v * v / 2)
        }
        let hAB = entropy(meanLogCosh: lcAB / count, meanGaussianMoment: gmAB / count)
        let hBA = entropy(meanLogCosh: lcBA / count, meanGaussianMoment: gmBA / count)
        return (entropyB + hAB) - (entropyA + hBA)
    }
}
