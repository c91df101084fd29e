#if canImport(Glibc)
import Glibc
#endif

/// The differential entropy of a fixed sample with one more value v added, H(X ∪ {v}), for many v:
/// O(log n) per value after O(n) preparation, where recomputing from scratch costs O(n log n).
///
/// ET-AL evaluates this for 1,000 posterior draws of every candidate; the sample is the group's
/// labelled values. Same estimator as ``DifferentialEntropy`` for N = n + 1 values (window and
/// method chosen for N, so crossing n = 10/11 or 1000/1001 or a change of window needs no special
/// case). With v inserted at sorted position p, the N padded spacings D_j = Y_{j+m} − Y_{j−m} of the
/// new sample Y split into
/// - those not involving v: a window-m spacing of the old sample (j < p − m, or j > p + m shifted by
///   one) or a window of 2m − 1 old positions (p − m < j < p + m). Their log-sum S_p comes from two
///   prefix sums, for every p in O(n) total;
/// - those ending at v: v − x_{p−2m} (j = p − m) and x_{p+2m−1} − v (j = p + m), clamped to the
///   ends; when v is the new minimum or maximum, the m + 1 spacings that the end padding makes.
/// So H(v) = base_p + (log of the one or two spacings at v) / N, base_p = c + S_p / N with the
/// method's constant c. Zero spacings (ties) are counted apart, so base_p is −∞ exactly when SciPy's
/// mean of logs is. Small samples (N ≤ 10, van Es) are recomputed in full; N ≤ 4 gives NaN.
public struct EntropyWithAddedValue: Sendable {
    /// The sample, sorted ascending.
    public let sorted: [Double]
    /// Window and method for the sample with one value added.
    public let window: Int
    public let method: DifferentialEntropy.Method
    /// base_p for insertion positions p = 0…n (empty when the sample is recomputed in full).
    private let base: [Double]
    private let hasNaN: Bool

    /// Prepares for the sample `values` (any order).
    public init(sample values: [Double]) {
        hasNaN = values.contains { $0.isNaN }
        let x = hasNaN ? [] : values.sorted()
        sorted = x
        let n = x.count, count = n + 1
        window = DifferentialEntropy.window(count: count)
        method = DifferentialEntropy.method(count: count)
        guard !hasNaN, method != .vanEs, DifferentialEntropy.isDefined(count: count) else { base = []; return }
        base = Self.bases(x, m: window, method: method)
    }

    /// H(sample ∪ {v}).
    public func entropy(adding v: Double) -> Double {
        if hasNaN || v.isNaN { return .nan }
        if base.isEmpty { return full(adding: v) }
        return sorted.withUnsafeBufferPointer { x in
            base.withUnsafeBufferPointer { b in Self.evaluate(v, x, b, window) }
        }
    }

    /// H(sample ∪ {v}) for each v of `values`, into `out` (same count). The hot loop of ET-AL.
    public func entropies(adding values: UnsafeBufferPointer<Double>, into out: UnsafeMutableBufferPointer<Double>) {
        precondition(values.count == out.count, "One output per added value.")
        if hasNaN || base.isEmpty {
            for i in values.indices { out[i] = entropy(adding: values[i]) }
            return
        }
        let m = window
        sorted.withUnsafeBufferPointer { x in
            base.withUnsafeBufferPointer { b in
                for i in values.indices {
                    let v = values[i]
                    out[i] = v.isNaN ? .nan : Self.evaluate(v, x, b, m)
                }
            }
        }
    }

    /// The entropy of the sample with `v` inserted, recomputed from scratch.
    func full(adding v: Double) -> Double {
        var y = sorted
        y.insert(v, at: Self.position(of: v, in: sorted))
        return y.withUnsafeBufferPointer { DifferentialEntropy.of(sorted: $0) }
    }

    /// The number of sample values below v (binary search).
    @inline(__always)
    static func position(of v: Double, in x: [Double]) -> Int {
        x.withUnsafeBufferPointer { lowerBound(v, $0) }
    }

    @inline(__always)
    static func lowerBound(_ v: Double, _ x: UnsafeBufferPointer<Double>) -> Int {
        var low = 0, count = x.count
        while count > 0 {
            let half = count >> 1
            if x[low + half] < v { low += half + 1; count -= half + 1 } else { count = half }
        }
        return low
    }

    @inline(__always)
    static func evaluate(_ v: Double, _ x: UnsafeBufferPointer<Double>, _ base: UnsafeBufferPointer<Double>, _ m: Int) -> Double {
        let n = x.count
        let p = lowerBound(v, x)
        let scale = 1 / Double(n + 1)
        if p == 0 {
            // v is the new minimum: D_j = x_{min(j+m−1, n−1)} − v for j = 0…m.
            var sum = 0.0
            for j in 0...m { sum += log(x[Swift.min(j + m - 1, n - 1)] - v) }
            return base[0] + sum * scale
        }
        if p == n {
            // v is the new maximum: D_j = v − x_{max(j−m, 0)} for j = n−m…n.
            var sum = 0.0
            for j in (n - m)...n { sum += log(v - x[Swift.max(j - m, 0)]) }
            return base[n] + sum * scale
        }
        var product = 1.0
        if p >= m { product *= v - x[Swift.max(p - 2 * m, 0)] }
        if p + m <= n { product *= x[Swift.min(p + 2 * m - 1, n - 1)] - v }
        return base[p] + log(product) * scale
    }
}
