import SieveCore

/// Features quantised to at most 256 bins per column, for histogram split finding.
///
/// Bin `b` of feature `f` holds the values `x` with `edges[f][b-1] < x ≤ edges[f][b]`, so the split
/// "bin ≤ b" is the same as the threshold test "x ≤ edges[f][b]". A feature with at most `maxBins`
/// distinct values gets one bin per value, with edges at the midpoints between them (the thresholds
/// scikit-learn's exact splitter would choose); otherwise the edges fall at quantiles.
public struct BinnedFeatures: Sendable {
    /// Rows of the matrix the codes cover.
    public let rows: Int
    public let features: Int
    /// Column-major bin codes: `codes[f * rows + r]`.
    public let codes: [UInt8]
    /// Upper edges per feature; feature `f` has `edges[f].count + 1` bins.
    public let edges: [[Float]]

    public init(_ matrix: Matrix<Float>, referenceRows: [Int], maxBins: Int = 256) {
        precondition(maxBins >= 2 && maxBins <= 256, "Binning needs 2 to 256 bins, got \(maxBins).")
        precondition(!referenceRows.isEmpty, "Binning needs at least one reference row.")
        rows = matrix.rows
        features = matrix.columns
        var edges = [[Float]]()
        edges.reserveCapacity(matrix.columns)
        var codes = [UInt8](repeating: 0, count: matrix.rows * matrix.columns)
        matrix.withUnsafeBufferPointer { x in
            var values = [Float](repeating: 0, count: referenceRows.count)
            for f in 0..<matrix.columns {
                for (k, r) in referenceRows.enumerated() { values[k] = x[r * matrix.columns + f] }
                let featureEdges = BinnedFeatures.edges(of: &values, maxBins: maxBins)
                edges.append(featureEdges)
                featureEdges.withUnsafeBufferPointer { e in
                    for r in 0..<matrix.rows {
                        codes[f * matrix.rows + r] = UInt8(BinnedFeatures.bin(of: x[r * matrix.columns + f], edges: e))
                    }
                }
            }
        }
        self.codes = codes
        self.edges = edges
    }

    public func binCount(of feature: Int) -> Int { edges[feature].count + 1 }

    /// The number of edges strictly below `value` (binary search).
    @inlinable
    static func bin(of value: Float, edges: UnsafeBufferPointer<Float>) -> Int {
        var lo = 0, hi = edges.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if edges[mid] < value { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// Cut points for one feature's reference values (sorted in place).
    static func edges(of values: inout [Float], maxBins: Int) -> [Float] {
        values.sort()
        var distinct: [Float] = []
        var counts: [Int] = []
        for v in values {
            if let last = distinct.last, last == v { counts[counts.count - 1] += 1 } else { distinct.append(v); counts.append(1) }
        }
        guard distinct.count > 1 else { return [] }
        var cutsAfter: [Int] = []
        if distinct.count <= maxBins {
            cutsAfter = Array(0..<(distinct.count - 1))
        } else {
            // Greedy equal-frequency cuts, re-aimed after each cut so heavy ties do not starve later bins.
            var remaining = values.count
            var binsLeft = maxBins
            var inBin = 0
            var target = Double(remaining) / Double(binsLeft)
            for j in 0..<(distinct.count - 1) {
                inBin += counts[j]
                if Double(inBin) >= target && binsLeft > 1 {
                    cutsAfter.append(j)
                    remaining -= inBin
                    binsLeft -= 1
                    inBin = 0
                    target = Double(remaining) / Double(binsLeft)
                }
            }
        }
        return cutsAfter.map { j in
            let a = distinct[j], b = distinct[j + 1]
            let mid = Float((Double(a) + Double(b)) / 2)
            return mid < b ? mid : a
        }
    }
}
