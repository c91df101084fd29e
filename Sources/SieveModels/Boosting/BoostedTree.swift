/// One regression tree of a boosted model, as parallel arrays of node fields.
///
/// Node ids follow XGBoost: the root is 0 and the children of a split get the next two free ids,
/// nodes being split level by level in id order, so `pred_leaf`-style leaf ids match the library's
/// for the same tree. A split node sends a row left when `x[feature] ≤ threshold` (equivalently,
/// when its bin code is at most `bin`); its right child is `left + 1`. A leaf has `feature == -1`
/// and adds `value` (the learning rate already applied) to the prediction.
struct BoostedTree: Sendable, Equatable {
    var feature: [Int32] = [-1]
    var bin: [UInt8] = [0]
    var threshold: [Float] = [0]
    var left: [Int32] = [-1]
    var value: [Double] = [0]

    var nodeCount: Int { feature.count }

    /// Turns leaf `node` into a split and returns the id of its left child (both children are
    /// leaves of value 0 until their values are set).
    mutating func split(_ node: Int, feature f: Int, bin b: Int, threshold t: Float) -> Int {
        let child = feature.count
        feature[node] = Int32(f); bin[node] = UInt8(b); threshold[node] = t; left[node] = Int32(child)
        value[node] = 0
        feature += [-1, -1]; bin += [0, 0]; threshold += [0, 0]; left += [-1, -1]; value += [0, 0]
        return child
    }

    /// The leaf that the `i`-th training row reaches, read from column-major bin codes.
    @inline(__always)
    func leaf(codes: UnsafePointer<UInt8>, rows n: Int, row i: Int) -> Int {
        var node = 0
        while feature[node] >= 0 {
            let code = codes[Int(feature[node]) * n + i]
            node = Int(left[node]) + (code <= bin[node] ? 0 : 1)
        }
        return node
    }
}
