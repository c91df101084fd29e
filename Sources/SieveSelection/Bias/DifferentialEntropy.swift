#if canImport(Glibc)
import Glibc
#endif

/// The differential entropy of a sample by m-spacings, exactly as SciPy 1.18's
/// `scipy.stats.differential_entropy(values)` computes it with its defaults.
///
/// Window m = ⌊√n + 0.5⌋; method "auto": van Es (1992) for n ≤ 10, Ebrahimi, Pflughoeft & Soofi
/// (1994) for 10 < n ≤ 1000, Vasicek (1976) above. With the sorted sample x₁ ≤ … ≤ xₙ padded by
/// repeating x₁ and xₙ (x_i = x₁ for i < 1, x_i = xₙ for i > n) and Dᵢ = x_{i+m} − x_{i−m}:
/// - Vasicek: H = (1/n) Σᵢ log(n/(2m) · Dᵢ)
/// - Ebrahimi: H = (1/n) Σᵢ log(n Dᵢ / (cᵢ m)), cᵢ = 1 + (i−1)/m for i ≤ m, 1 + (n−i)/m for
///   i ≥ n−m+1, 2 otherwise
/// - van Es: H = 1/(n−m) Σ_{i=1}^{n−m} log((n+1)/m · (x_{i+m} − x_i)) + Σ_{k=m}^{n} 1/k + log m − log(n+1)
///
/// As in SciPy: NaN when the window rule 2 ≤ 2m < n fails (n ≤ 4) or a value is NaN; −∞ when a
/// spacing is zero (a run of tied values at least as long as the window), since log 0 = −∞.
/// Sums run left to right (NumPy sums pairwise); results agree with SciPy to about 1e-13.
/// This is the bias metric of ET-AL (Zhang, Chen, Rondinelli & Chen, Appl. Phys. Rev. 10, 021403, 2023).
public enum DifferentialEntropy {
    /// SciPy's spacing estimators.
    public enum Method: String, Sendable, Codable, CaseIterable {
        case vanEs = "van es"
        case ebrahimi
        case vasicek
    }

    /// SciPy's default window for n values: ⌊√n + 0.5⌋.
    @inlinable
    public static func window(count n: Int) -> Int {
        Int((Double(n).squareRoot() + 0.5).rounded(.down))
    }

    /// The method SciPy's "auto" picks for n values.
    @inlinable
    public static func method(count n: Int) -> Method {
        n <= 10 ? .vanEs : (n <= 1000 ? .ebrahimi : .vasicek)
    }

    /// Whether SciPy gives a number for n values (2 ≤ 2m < n, i.e. n ≥ 5); otherwise it gives NaN.
    @inlinable
    public static func isDefined(count n: Int) -> Bool {
        let m = window(count: n)
        return 2 <= 2 * m && 2 * m < n
    }

    /// The entropy of `values` (any order).
    public static func of(_ values: [Double]) -> Double {
        if values.contains(where: { $0.isNaN }) { return .nan }
        let sorted = values.sorted()
        return sorted.withUnsafeBufferPointer { of(sorted: $0) }
    }

    /// The entropy of values already sorted ascending (no NaN).
    public static func of(sorted x: UnsafeBufferPointer<Double>) -> Double {
        let n = x.count
        guard isDefined(count: n) else { return .nan }
        let m = window(count: n)
        switch method(count: n) {
        case .vanEs:
            let scale = Double(n + 1) / Double(m)
            var sum = 0.0
            for i in 0..<(n - m) { sum += log(scale * (x[i + m] - x[i])) }
            var harmonic = 0.0
            for k in m...n { harmonic += 1 / Double(k) }
            return 1 / Double(n - m) * sum + harmonic + log(Double(m)) - log(Double(n + 1))
        case .ebrahimi:
            var sum = 0.0
            for i in 0..<n {
                sum += log(Double(n) * paddedSpacing(x, i, m) / (ebrahimiWeight(i + 1, n, m) * Double(m)))
            }
            return sum / Double(n)
        case .vasicek:
            let scale = Double(n) / Double(2 * m)
            var sum = 0.0
            for i in 0..<n { sum += log(scale * paddedSpacing(x, i, m)) }
            return sum / Double(n)
        }
    }

    /// x_{i+m} − x_{i−m} (0-based) with the ends repeated.
    @inline(__always)
    static func paddedSpacing(_ x: UnsafeBufferPointer<Double>, _ i: Int, _ m: Int) -> Double {
        x[Swift.min(i + m, x.count - 1)] - x[Swift.max(i - m, 0)]
    }

    /// Ebrahimi's cᵢ for the 1-based position i, computed as SciPy does (the right-end rule wins).
    @inline(__always)
    static func ebrahimiWeight(_ i: Int, _ n: Int, _ m: Int) -> Double {
        if i >= n - m + 1 { return 1 + Double(n - i) / Double(m) }
        if i <= m { return 1 + Double(i - 1) / Double(m) }
        return 2
    }
}
