/// The trees of a boosted model with all their nodes in flat arrays, tree after tree.
///
/// Trees keep XGBoost's node ids (see ``BoostedTree``): node `k` of tree `t` is entry
/// `starts[t] + k`. For walking, a leaf points to itself with an infinite threshold, so every row
/// takes exactly the tree's depth in steps without testing for leaves, and eight rows walk a tree
/// side by side (their loads independent). Rows go in blocks, every tree over the whole block, so
/// a tree's nodes stay in cache while the block passes through it; each row still sums its trees
/// in tree order, so block size and thread count never change a prediction.
struct TreeEnsemble: Sendable, Equatable {
    /// Split feature, -1 for a leaf.
    private(set) var feature: [Int32] = []
    /// The feature a walk reads: the split feature, 0 for a leaf.
    private(set) var column: [Int32] = []
    /// Go left when `x ≤ threshold`; +∞ for a leaf.
    private(set) var threshold: [Float] = []
    /// The left child's id within its tree (the right child is the next id); a leaf's own id.
    private(set) var left: [Int32] = []
    private(set) var value: [Double] = []
    /// Where each tree's nodes start, with one extra entry at the end.
    private(set) var starts: [Int] = [0]
    /// Each tree's depth (0 for a single leaf).
    private(set) var depths: [Int] = []

    var treeCount: Int { starts.count - 1 }

    mutating func append(_ tree: BoostedTree) {
        var depth = [Int](repeating: 0, count: tree.nodeCount)
        for node in 0..<tree.nodeCount {
            let f = tree.feature[node]
            feature.append(f)
            if f >= 0 {
                column.append(f); threshold.append(tree.threshold[node]); left.append(tree.left[node])
                let child = Int(tree.left[node])
                depth[child] = depth[node] + 1; depth[child + 1] = depth[node] + 1
            } else {
                column.append(0); threshold.append(.infinity); left.append(Int32(node))
            }
            value.append(tree.value[node])
        }
        starts.append(feature.count)
        depths.append(depth.max() ?? 0)
    }

    /// The first `count` trees.
    func prefix(trees count: Int) -> TreeEnsemble {
        var out = TreeEnsemble()
        let end = starts[count]
        out.feature = Array(feature[..<end]); out.column = Array(column[..<end])
        out.threshold = Array(threshold[..<end]); out.left = Array(left[..<end]); out.value = Array(value[..<end])
        out.starts = Array(starts[...count]); out.depths = Array(depths[..<count])
        return out
    }

    /// Visits, for every row of `rows` (row-major features with `columns` columns) and every tree
    /// of `trees`, the node id of the leaf reached: `visit(k, t, node)` with `k` the row's index in `rows`.
    @inline(__always)
    func forEachLeaf(_ x: UnsafeBufferPointer<Float>, columns: Int, rows: ArraySlice<Int>, trees: Range<Int>,
                     _ visit: (_ k: Int, _ tree: Int, _ node: Int) -> Void) {
        column.withUnsafeBufferPointer { feat in
        threshold.withUnsafeBufferPointer { thr in
        left.withUnsafeBufferPointer { lo in
        rows.withUnsafeBufferPointer { rowList in
            let x = x.baseAddress!, first = rows.startIndex
            var blockStart = 0
            while blockStart < rowList.count {
                let blockEnd = Swift.min(blockStart + Self.block, rowList.count)
                for t in trees {
                    let f = feat.baseAddress! + starts[t], th = thr.baseAddress! + starts[t], l = lo.baseAddress! + starts[t]
                    let depth = depths[t]
                    @inline(__always) func step(_ node: Int, _ row: UnsafePointer<Float>) -> Int {
                        Int(l[node]) + (row[Int(f[node])] <= th[node] ? 0 : 1)
                    }
                    var k = blockStart
                    while k + 8 <= blockEnd {
                        let x0 = x + rowList[k] * columns, x1 = x + rowList[k + 1] * columns
                        let x2 = x + rowList[k + 2] * columns, x3 = x + rowList[k + 3] * columns
                        let x4 = x + rowList[k + 4] * columns, x5 = x + rowList[k + 5] * columns
                        let x6 = x + rowList[k + 6] * columns, x7 = x + rowList[k + 7] * columns
                        var n0 = 0, n1 = 0, n2 = 0, n3 = 0, n4 = 0, n5 = 0, n6 = 0, n7 = 0
                        for _ in 0..<depth {
                            n0 = step(n0, x0); n1 = step(n1, x1); n2 = step(n2, x2); n3 = step(n3, x3)
                            n4 = step(n4, x4); n5 = step(n5, x5); n6 = step(n6, x6); n7 = step(n7, x7)
                        }
                        visit(first + k, t, n0); visit(first + k + 1, t, n1)
                        visit(first + k + 2, t, n2); visit(first + k + 3, t, n3)
                        visit(first + k + 4, t, n4); visit(first + k + 5, t, n5)
                        visit(first + k + 6, t, n6); visit(first + k + 7, t, n7)
                        k += 8
                    }
                    while k < blockEnd {
                        let x0 = x + rowList[k] * columns
                        var n0 = 0
                        for _ in 0..<depth { n0 = step(n0, x0) }
                        visit(first + k, t, n0)
                        k += 1
                    }
                }
                blockStart = blockEnd
            }
        }}}}
    }

    /// Rows per block of ``forEachLeaf(_:columns:rows:trees:_:)``.
    static let block = 64

    /// The value of leaf `node` of tree `t`.
    @inline(__always)
    func leafValue(tree t: Int, node: Int) -> Double { value[starts[t] + node] }

    /// Tree `t`'s nodes in the flat arrays.
    func nodes(ofTree t: Int) -> Range<Int> { starts[t]..<starts[t + 1] }

    /// The split feature of tree `t`'s root, or -1 when the tree is a single leaf.
    func rootFeature(ofTree t: Int) -> Int { Int(feature[starts[t]]) }
}
