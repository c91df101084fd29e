import SieveCore

/// A binary regression tree stored as parallel arrays of node fields (no node objects).
///
/// Node 0 is the root. An internal node sends a row left when `x[feature] ≤ threshold`; a leaf
/// has `feature == -1` and predicts `value`.
public struct RegressionTree: Sendable {
    public internal(set) var feature: [Int32] = []
    public internal(set) var threshold: [Float] = []
    public internal(set) var left: [Int32] = []
    public internal(set) var right: [Int32] = []
    public internal(set) var value: [Double] = []

    public var nodeCount: Int { feature.count }
    public var leafCount: Int { feature.lazy.filter { $0 < 0 }.count }

    mutating func addNode(value: Double) -> Int {
        feature.append(-1); threshold.append(0); left.append(-1); right.append(-1); self.value.append(value)
        return feature.count - 1
    }

    /// The leaf a row of features reaches.
    @inlinable
    public func leaf(for row: UnsafeBufferPointer<Float>) -> Int {
        var node = 0
        while feature[node] >= 0 {
            node = Int(row[Int(feature[node])] <= threshold[node] ? left[node] : right[node])
        }
        return node
    }

    /// Adds this tree's prediction for each row of `rows` into `sums`.
    func accumulate(_ x: UnsafeBufferPointer<Float>, columns: Int, rows: [Int], into sums: UnsafeMutableBufferPointer<Double>) {
        feature.withUnsafeBufferPointer { feat in
        threshold.withUnsafeBufferPointer { thr in
        left.withUnsafeBufferPointer { lo in
        right.withUnsafeBufferPointer { hi in
        value.withUnsafeBufferPointer { val in
            for (k, r) in rows.enumerated() {
                let base = r * columns
                var node = 0
                while feat[node] >= 0 {
                    node = Int(x[base + Int(feat[node])] <= thr[node] ? lo[node] : hi[node])
                }
                sums[k] += val[node]
            }
        }}}}}
    }
}
