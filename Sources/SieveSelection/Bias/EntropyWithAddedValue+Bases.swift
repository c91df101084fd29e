#if canImport(Glibc)
import Glibc
#endif

extension EntropyWithAddedValue {
    /// base_p = c + S_p / N for every insertion position p = 0…n (see the type's documentation),
    /// −∞ where a spacing that does not involve v is zero.
    static func bases(_ x: [Double], m: Int, method: DifferentialEntropy.Method) -> [Double] {
        let n = x.count, count = n + 1
        // Prefix log-sums and zero counts of a_i = x_{min(i+m, n−1)} − x_{max(i−m, 0)} (i < n) and of
        // b_j = x_{min(j+m−1, n−1)} − x_{max(j−m, 0)} (j ≤ n).
        var sumA = [Double](repeating: 0, count: n + 1), zeroA = [Int32](repeating: 0, count: n + 1)
        var sumB = [Double](repeating: 0, count: n + 2), zeroB = [Int32](repeating: 0, count: n + 2)
        x.withUnsafeBufferPointer { x in
            for i in 0..<n {
                let d = x[Swift.min(i + m, n - 1)] - x[Swift.max(i - m, 0)]
                sumA[i + 1] = sumA[i] + (d > 0 ? log(d) : 0)
                zeroA[i + 1] = zeroA[i] + (d > 0 ? 0 : 1)
            }
            for j in 0...n {
                let d = x[Swift.min(j + m - 1, n - 1)] - x[Swift.max(j - m, 0)]
                sumB[j + 1] = sumB[j] + (d > 0 ? log(d) : 0)
                zeroB[j + 1] = zeroB[j] + (d > 0 ? 0 : 1)
            }
        }
        // The method's constant: mean of log(N/(2m)) (Vasicek) or of log(N/(c_j m)) (Ebrahimi).
        let constant: Double
        switch method {
        case .vasicek:
            constant = log(Double(count) / Double(2 * m))
        case .ebrahimi:
            var weights = 0.0
            for i in 1...count { weights += log(DifferentialEntropy.ebrahimiWeight(i, count, m)) }
            constant = log(Double(count) / Double(m)) - weights / Double(count)
        case .vanEs:
            preconditionFailure("van Es samples are recomputed in full.")
        }
        func a(_ range: Range<Int>) -> (Double, Int32) {
            range.isEmpty ? (0, 0) : (sumA[range.upperBound] - sumA[range.lowerBound], zeroA[range.upperBound] - zeroA[range.lowerBound])
        }
        func b(_ range: ClosedRange<Int>) -> (Double, Int32) {
            (sumB[range.upperBound + 1] - sumB[range.lowerBound], zeroB[range.upperBound + 1] - zeroB[range.lowerBound])
        }
        var out = [Double](repeating: 0, count: n + 1)
        for p in 0...n {
            var part: (Double, Int32)
            if p == 0 {
                part = a(m..<n)
            } else if p == n {
                part = a(0..<(n - m))
            } else {
                let left = a(0..<Swift.max(p - m, 0))
                let middle = b(Swift.max(p - m + 1, 0)...Swift.min(p + m - 1, n))
                let right = a(Swift.min(p + m, n)..<n)
                part = (left.0 + middle.0 + right.0, left.1 + middle.1 + right.1)
            }
            out[p] = part.1 > 0 ? -.infinity : constant + part.0 / Double(count)
        }
        return out
    }
}
