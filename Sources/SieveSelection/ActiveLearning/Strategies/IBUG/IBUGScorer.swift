import Dispatch
import Synchronization
import SieveCore

/// Instance-Based Uncertainty estimation for Gradient-boosted trees (IBUG; Brophy & Lowd,
/// "Instance-based uncertainty estimation for gradient-boosted regression trees", NeurIPS 2022):
/// the affinity of a query row to a training row is the number of trees in which both fall in the
/// same leaf; a query's uncertainty is the standard deviation of the targets of the `k` training
/// rows of highest affinity.
///
/// Affinities come from a leaf-to-training-rows inverted index, one tree at a time, into a
/// counter per training row (small enough to stay in cache), never a dense query × train matrix.
/// Leaves holding most rows (common in late boosting rounds) are counted by their complement.
/// Ties in affinity go to the training row that comes first.
public struct IBUGScorer: Sendable {
    /// Training rows per (tree, leaf): `rows[offsets[base[tree] + leaf] ..< offsets[base[tree] + leaf + 1]]`,
    /// all trees in one flat array so the hot loop touches no nested array.
    private let offsets: [Int32]
    private let base: [Int32]
    /// Leaves per tree (a query leaf beyond them matched no training row).
    private let leafCounts: [Int32]
    private let rows: [Int32]
    private let targets: [Double]
    private let trees: Int
    public let k: Int

    /// `trainingLeaves` is `training rows × trees` (from XGBoost's leaf prediction).
    public init(trainingLeaves: Matrix<Float>, targets: [Double], k: Int) {
        precondition(trainingLeaves.rows == targets.count, "IBUG needs one target per training row.")
        let n = trainingLeaves.rows, trees = trainingLeaves.columns
        self.trees = trees
        self.targets = targets
        self.k = Swift.min(k, n)
        var offsets: [Int32] = []
        var base: [Int32] = []
        var leafCounts: [Int32] = []
        var rows = [Int32](repeating: 0, count: n * trees)
        var position = 0
        for t in 0..<trees {
            let leaves = (0..<n).map { Int(trainingLeaves[$0, t]) }
            let leafCount = (leaves.max() ?? 0) + 1
            var starts = [Int32](repeating: 0, count: leafCount + 1)
            for leaf in leaves { starts[leaf + 1] += 1 }
            for leaf in 0..<leafCount { starts[leaf + 1] += starts[leaf] }
            var fill = starts
            for (i, leaf) in leaves.enumerated() {
                rows[position + Int(fill[leaf])] = Int32(i)
                fill[leaf] += 1
            }
            base.append(Int32(offsets.count))
            leafCounts.append(Int32(leafCount))
            offsets += starts.map { $0 + Int32(position) }
            position += n
        }
        self.offsets = offsets
        self.base = base
        self.leafCounts = leafCounts
        self.rows = rows
    }

    /// The uncertainty of each query row, from its leaves (`query rows × trees`), on `threads` threads.
    ///
    /// Queries go in blocks: each tree's slice of the index is read once per block, not once per
    /// query (the index is `trees × training rows` entries, far more than a cache holds), while the
    /// block's counters (`block × training rows`) stay in the core's cache.
    public func scores(queryLeaves: Matrix<Float>, threads: Int) -> [Double] {
        precondition(queryLeaves.columns == trees, "Query leaves must come from the same \(trees) trees.")
        let m = queryLeaves.rows, n = targets.count
        let block = Swift.max(1, Swift.min(32, (384 << 10) / Swift.max(1, 2 * n)))
        let out = Mutex([Double](repeating: 0, count: m))
        let next = Atomic<Int>(0)
        let chunk = block * 8
        DispatchQueue.concurrentPerform(iterations: Swift.max(1, Swift.min(threads, (m + chunk - 1) / chunk))) { _ in
            var counts = [UInt16](repeating: 0, count: block * n)
            var common = [UInt16](repeating: 0, count: block)
            var histogram = [Int32](repeating: 0, count: trees + 1)
            var local: [(Int, Double)] = []
            while true {
                let start = next.add(chunk, ordering: .relaxed).oldValue
                if start >= m { break }
                for from in stride(from: start, to: Swift.min(m, start + chunk), by: block) {
                    let queries = from..<Swift.min(m, start + chunk, from + block)
                    count(queries, queryLeaves, &counts, &common)
                    for (j, q) in queries.enumerated() {
                        local.append((q, deviation(j, n, &counts, common[j], &histogram)))
                    }
                }
            }
            out.withLock { all in for (q, s) in local { all[q] = s } }
        }
        return out.withLock { $0 }
    }

    /// Affinities of a block of queries: `common[j] &+ counts[j * n + i]` for query j, training row i.
    /// A query's leaf holding most rows is counted by its complement (one for every row in
    /// `common`, minus one for each row elsewhere), wrapping, so no tree costs more than half the rows.
    private func count(_ queries: Range<Int>, _ leaves: Matrix<Float>, _ counts: inout [UInt16], _ common: inout [UInt16]) {
        let n = targets.count
        for j in 0..<queries.count { common[j] = 0 }
        counts.withUnsafeMutableBufferPointer { c in
        rows.withUnsafeBufferPointer { r in
        offsets.withUnsafeBufferPointer { o in
        base.withUnsafeBufferPointer { b in
        leafCounts.withUnsafeBufferPointer { lc in
        leaves.withUnsafeBufferPointer { l in
            for t in 0..<trees {
                let treeStart = t * n, treeEnd = treeStart + n
                for (j, q) in queries.enumerated() {
                    let leaf = Int(l[q * trees + t])
                    guard leaf < Int(lc[t]) else { continue }
                    let at = Int(b[t]) + leaf
                    let from = Int(o[at]), to = Int(o[at + 1])
                    let mine = c.baseAddress! + j * n
                    if 2 * (to - from) <= n {
                        for i in from..<to { mine[Int(r[i])] &+= 1 }
                    } else {
                        common[j] &+= 1
                        for i in treeStart..<from { mine[Int(r[i])] &-= 1 }
                        for i in to..<treeEnd { mine[Int(r[i])] &-= 1 }
                    }
                }
            }
        }}}}}}
    }

    /// The standard deviation of the targets of query j's `k` nearest training rows (ties to the
    /// earlier row); resets query j's counters.
    private func deviation(_ j: Int, _ n: Int, _ counts: inout [UInt16], _ common: UInt16, _ histogram: inout [Int32]) -> Double {
        let offset = j * n
        // The k-th largest affinity, by a histogram of affinities (at most `trees`).
        for a in 0...trees { histogram[a] = 0 }
        for i in 0..<n { histogram[Int(common &+ counts[offset + i])] += 1 }
        var above = 0, cutoff = trees
        while cutoff > 0 && above + Int(histogram[cutoff]) < k { above += Int(histogram[cutoff]); cutoff -= 1 }
        var takeAtCutoff = k - above
        var sum = 0.0, squares = 0.0
        for i in 0..<n {
            let a = Int(common &+ counts[offset + i])
            counts[offset + i] = 0
            if a > cutoff || (a == cutoff && takeAtCutoff > 0) {
                if a == cutoff { takeAtCutoff -= 1 }
                sum += targets[i]; squares += targets[i] * targets[i]
            }
        }
        let mean = sum / Double(k)
        return Swift.max(0, squares / Double(k) - mean * mean).squareRoot()
    }
}
