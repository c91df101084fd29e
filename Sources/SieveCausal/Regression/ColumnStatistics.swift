/// Means, population variances and standardisation of columns, as NumPy and scikit-learn compute them.
///
/// Sums are pairwise over blocks (as NumPy's `add.reduce`), so long columns keep full precision.
/// Standardisation follows scikit-learn's `StandardScaler`: population standard deviation, and a
/// column whose variance is indistinguishable from zero (Chan, Golub & LeVeque's bound
/// `var ≤ n·ε·var + (n·mean·ε)²`) is only centred (its scale is 1).
public enum ColumnStatistics {
    /// The mean of a buffer.
    @inlinable
    public static func mean(_ x: UnsafeBufferPointer<Double>) -> Double {
        x.isEmpty ? .nan : sum(x) / Double(x.count)
    }

    /// The population variance `mean((x − mean)²)` (NumPy's `var`).
    @inlinable
    public static func variance(_ x: UnsafeBufferPointer<Double>, mean m: Double) -> Double {
        let n = x.count
        if n == 0 { return .nan }
        var total = 0.0
        var start = 0
        while start < n {
            let end = Swift.min(n, start + 4096)
            var a0 = 0.0, a1 = 0.0
            var i = start
            while i + 1 < end {
                let d0 = x[i] - m, d1 = x[i + 1] - m
                a0 += d0 * d0; a1 += d1 * d1
                i += 2
            }
            if i < end { let d = x[i] - m; a0 += d * d }
            total += a0 + a1
            start = end
        }
        return total / Double(n)
    }

    /// A sum in blocks of 4,096 with two accumulators each: error O(ε·√n) in practice.
    @inlinable
    public static func sum(_ x: UnsafeBufferPointer<Double>) -> Double {
        let n = x.count
        var total = 0.0
        var start = 0
        while start < n {
            let end = Swift.min(n, start + 4096)
            var a0 = 0.0, a1 = 0.0
            var i = start
            while i + 1 < end { a0 += x[i]; a1 += x[i + 1]; i += 2 }
            if i < end { a0 += x[i] }
            total += a0 + a1
            start = end
        }
        return total
    }

    /// Each column centred and divided by its population standard deviation (StandardScaler).
    public static func standardised(_ x: ColumnMatrix) -> ColumnMatrix {
        var out = x
        let n = x.rows
        out.storage.withUnsafeMutableBufferPointer { c in
            for j in 0..<x.columns {
                let col = UnsafeMutableBufferPointer(rebasing: c[j * n ..< (j + 1) * n])
                let m = mean(UnsafeBufferPointer(col))
                let v = variance(UnsafeBufferPointer(col), mean: m)
                let eps = Double.ulpOfOne, count = Double(n)
                let constant = v <= count * eps * v + (count * m * eps) * (count * m * eps)
                let scale = constant ? 1 : v.squareRoot()
                for i in 0..<n { col[i] = (col[i] - m) / scale }
            }
        }
        return out
    }
}
