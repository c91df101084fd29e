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
    public func scores(queryLeaves: Matrix<Float>, threads: Int) -> [Double] {
        precondition(queryLeaves.columns == trees, "Query leaves must come from the same \(trees) trees.")
        let m = queryLeaves.rows
        let out = Mutex([Double](repeating: 0, count: m))
        let next = Atomic<Int>(0)
        let chunk = 256
        DispatchQueue.concurrentPerform(iterations: Swift.max(1, Swift.min(threads, (m + chunk - 1) / chunk))) { _ in
            var counts = [UInt16](repeating: 0, count: targets.count)
            var histogram = [Int32](repeating: 0, count: trees + 1)
            var local: [(Int, Double)] = []
            while true {
                let start = next.add(chunk, ordering: .relaxed).oldValue
                if start >= m { break }
                for q in start..<Swift.min(m, start + chunk) {
                    local.append((q, score(q, queryLeaves, &counts, &histogram)))
                }
            }
            out.withLock { all in for (q, s) in local { all[q] = s } }
        }
        return out.withLock { $0 }
    }

    private func score(_ q: Int, _ leaves: Matrix<Float>, _ counts: inout [UInt16], _ histogram: inout [Int32]) -> Double {
        let n = targets.count
        counts.withUnsafeMutableBufferPointer { c in
        rows.withUnsafeBufferPointer { r in
        offsets.withUnsafeBufferPointer { o in
        base.withUnsafeBufferPointer { b in
        leafCounts.withUnsafeBufferPointer { lc in
        leaves.withUnsafeBufferPointer { l in
            let row = l.baseAddress! + q * trees
            for t in 0..<trees {
                let leaf = Int(row[t])
                guard leaf < Int(lc[t]) else { continue }
                let at = Int(b[t]) + leaf
                for i in Int(o[at])..<Int(o[at + 1]) { c[Int(r[i])] &+= 1 }
            }
        }}}}}}
        // The k-th largest affinity, by a histogram of affinities (at most `trees`).
        for a in 0...trees { histogram[a] = 0 }
        for i in 0..<n { histogram[Int(counts[i])] += 1 }
        var above = 0, cutoff = trees
        while cutoff > 0 && above + Int(histogram[cutoff]) < k { above += Int(histogram[cutoff]); cutoff -= 1 }
        var takeAtCutoff = k - above
        var sum = 0.0, squares = 0.0
        for i in 0..<n {
            let a = Int(counts[i])
            counts[i] = 0
            if a > cutoff || (a == cutoff && takeAtCutoff > 0) {
                if a == cutoff { takeAtCutoff -= 1 }
                sum += targets[i]; squares += targets[i] * targets[i]
            }
        }
        let mean = sum / Double(k)
        return Swift.max(0, squares / Double(k) - mean * mean).squareRoot()
    }
}
