import SieveCore

/// The rows of a pool nearest to query vectors, in max-normalised feature space.
///
/// Fox & Ghosh match intervened molecules to known ones by the squared Euclidean distance of
/// feature vectors divided column-wise by their maximum. Here both sides are divided by the pool's
/// column maximum of |value| (a column that is zero throughout is left as it is), so a distance
/// means the same for every query. Queries are spread over threads; ties go to the lower row.
public struct NearestRows: Sendable {
    /// The pool, row-major, already divided by `scale`.
    let scaled: [Double]
    public let rows: Int
    public let columns: Int
    public let scale: [Double]

    public init(pool: Matrix<Double>) {
        rows = pool.rows
        columns = pool.columns
        var scale = [Double](repeating: 0, count: pool.columns)
        for r in 0..<pool.rows { for c in 0..<pool.columns { scale[c] = Swift.max(scale[c], abs(pool[r, c])) } }
        scale = scale.map { $0 > 0 ? $0 : 1 }
        self.scale = scale
        scaled = pool.storage.enumerated().map { $0.element / scale[$0.offset % pool.columns] }
    }

    /// The `k` nearest pool rows of each query (squared scaled distances ascending), skipping `excluded[q]` for query q.
    public func nearest(_ queries: [[Double]], k: Int, excluding excluded: [Int?]? = nil, threads: Int = 1) -> [[(row: Int, distance: Double)]] {
        precondition(queries.allSatisfy { $0.count == columns }, "Queries need \(columns) values.")
        let pool = scaled, scale = self.scale, n = rows, d = columns
        return ParallelWork.map(count: queries.count, threads: threads) { q -> [(row: Int, distance: Double)] in
            let query = (0..<d).map { queries[q][$0] / scale[$0] }
            let skip = excluded?[q] ?? -1
            var best: [(row: Int, distance: Double)] = []
            pool.withUnsafeBufferPointer { x in
                for r in 0..<n where r != skip {
                    var s = 0.0
                    for c in 0..<d { let t = x[r * d + c] - query[c]; s += t * t }
                    if best.count < k || s < best[best.count - 1].distance {
                        var at = best.count
                        while at > 0 && best[at - 1].distance > s { at -= 1 }
                        best.insert((r, s), at: at)
                        if best.count > k { best.removeLast() }
                    }
                }
            }
            return best
        }
    }
}
