import SieveCore

/// DirectLiNGAM: a linear non-Gaussian acyclic causal model learnt without iterations of ICA.
///
/// Shimizu, Inazumi, Sogawa, Hyvärinen, Kawahara, Washio, Hoyer & Bollen, "DirectLiNGAM: A direct
/// method for learning a linear non-Gaussian structural equation model", JMLR 12, 1225–1248 (2011),
/// with the pairwise likelihood-ratio measure of Hyvärinen & Smith (JMLR 14, 2013), as the LiNGAM
/// package (cdt15/lingam 1.13.0, `DirectLiNGAM(measure="pwling")`) implements it:
///
/// 1. Causal order: repeatedly take, among the candidates the prior knowledge allows, the variable
///    whose ``PairwiseLikelihoodMeasure`` against all remaining variables sums to the least
///    `Σ_j min(0, R(i, j))²`, then replace every other remaining variable by its residual on it.
/// 2. Adjacency matrix B (B[i, j] = direct effect of x_j on x_i): each variable on its predecessors
///    in the order, pruned by ``AdaptiveLasso`` and refitted by least squares on the raw data.
///
/// Degenerate data get a defined answer where lingam's arithmetic turns on rounding: a column that is
/// constant, or that an earlier variable explains exactly (its variance shrank by 10⁻²⁴, e.g. a
/// descriptor equal to another on every row of a small set), and a pair whose residual vanishes,
/// carry no evidence of direction (R = 0) instead of 0/0, and nothing is regressed on a constant.
/// lingam gives R = 0 there too when rounding leaves a residual of order 10⁻¹⁶, and NaN otherwise.
///
/// The pairwise measure is the O(p²·n) hot loop: columns are contiguous, each unordered pair is
/// computed once, and pairs are spread over `threads` workers that write disjoint slots, so the
/// result never depends on the thread count. Prior knowledge is applied strongly (lingam's default).
public struct DirectLiNGAM: Sendable {
    public var priorKnowledge: PriorKnowledge?

    public init(priorKnowledge: PriorKnowledge? = nil) {
        self.priorKnowledge = priorKnowledge
    }

    /// The model of the rows of `data` (rows are samples, columns variables).
    public func fit(_ data: Matrix<Double>, threads: Int = 1) throws -> CausalGraph {
        try fit(ColumnMatrix(data), threads: threads)
    }

    /// The model of a column-major data matrix.
    public func fit(_ x: ColumnMatrix, threads: Int = 1) throws -> CausalGraph {
        let p = x.columns, n = x.rows
        guard n >= 2 else { throw CausalDiscoveryError.tooFewRows(rows: n, needed: 2, context: "DirectLiNGAM") }
        if let knowledge = priorKnowledge, knowledge.variables != p {
            throw CausalDiscoveryError.priorKnowledgeShape(variables: p, got: knowledge.variables)
        }
        for c in 0..<p {
            for r in 0..<n where !x.storage[c * n + r].isFinite {
                throw CausalDiscoveryError.notFinite(row: r, column: c, value: x.storage[c * n + r])
            }
        }
        let order = try causalOrder(x, threads: threads)
        return try CausalGraph(variables: p, causalOrder: order, adjacency: adjacency(x, order: order))
    }

    /// Step 1: the causal order.
    func causalOrder(_ x: ColumnMatrix, threads: Int) throws -> [Int] {
        let p = x.columns, n = x.rows
        var orders = try priorKnowledge?.partialOrders() ?? []
        var work = x.storage
        let inputVariances = work.withUnsafeBufferPointer { w in
            (0..<p).map { v -> Double in
                let column = UnsafeBufferPointer(rebasing: w[v * n ..< (v + 1) * n])
                return ColumnStatistics.variance(column, mean: ColumnStatistics.mean(column))
            }
        }
        var remaining = Array(0..<p)
        var order: [Int] = []
        var scratch = [Double](repeating: 0, count: p * n)
        for _ in 0..<p {
            let candidates = remaining.filter { v in !orders.contains { $0.after == v } }
            guard !candidates.isEmpty else { throw CausalDiscoveryError.cyclicPriorKnowledge(remaining: remaining) }
            let m = candidates.count == 1
                ? candidates[0]
                : mostExogenous(work, rows: n, remaining: remaining, candidates: candidates, inputVariances: inputVariances,
                                scratch: &scratch, threads: threads)
            work.withUnsafeMutableBufferPointer { w in
                let xm = UnsafeBufferPointer(rebasing: w[m * n ..< (m + 1) * n])
                let meanM = ColumnStatistics.mean(xm)
                let varianceM = ColumnStatistics.variance(xm, mean: meanM)
                if Self.isDegenerate(variance: varianceM, mean: meanM, rows: n, inputVariance: inputVariances[m]) { return }
                for i in remaining where i != m {
                    let xi = UnsafeMutableBufferPointer(rebasing: w[i * n ..< (i + 1) * n])
                    let meanI = ColumnStatistics.mean(UnsafeBufferPointer(xi))
                    var cross = 0.0
                    for r in 0..<n { cross += (xi[r] - meanI) * (xm[r] - meanM) }
                    let beta = (cross / Double(n)) / varianceM
                    for r in 0..<n { xi[r] -= beta * xm[r] }
                }
            }
            order.append(m)
            remaining.removeAll { $0 == m }
            orders.removeAll { $0.before == m }
        }
        return order
    }

    /// The candidate with the largest `−Σ_j min(0, R(i, j))²` (NumPy's argmax: a NaN wins, then the first maximum).
    func mostExogenous(_ work: [Double], rows n: Int, remaining: [Int], candidates: [Int], inputVariances: [Double],
                       scratch: inout [Double], threads: Int) -> Int {
        let k = remaining.count
        var means = [Double](repeating: 0, count: k), variances = means, entropies = means
        var degenerate = [Bool](repeating: false, count: k)
        scratch.withUnsafeMutableBufferPointer { z in
            work.withUnsafeBufferPointer { w in
                for (slot, v) in remaining.enumerated() {
                    let src = UnsafeBufferPointer(rebasing: w[v * n ..< (v + 1) * n])
                    let dst = UnsafeMutableBufferPointer(rebasing: z[slot * n ..< (slot + 1) * n])
                    let mean = ColumnStatistics.mean(src)
                    let variance = ColumnStatistics.variance(src, mean: mean)
                    if Self.isDegenerate(variance: variance, mean: mean, rows: n, inputVariance: inputVariances[v]) {
                        degenerate[slot] = true
                        continue
                    }
                    let sd = variance.squareRoot()
                    for r in 0..<n { dst[r] = (src[r] - mean) / sd }
                    means[slot] = ColumnStatistics.mean(UnsafeBufferPointer(dst))
                    variances[slot] = ColumnStatistics.variance(UnsafeBufferPointer(dst), mean: means[slot])
                    entropies[slot] = PairwiseLikelihoodMeasure.entropy(UnsafeBufferPointer(dst))
                }
            }
        }
        let isCandidate = remaining.map { candidates.contains($0) }
        var pairs: [(Int, Int)] = []
        for a in 0..<k where !degenerate[a] {
            for b in (a + 1)..<k where !degenerate[b] && (isCandidate[a] || isCandidate[b]) { pairs.append((a, b)) }
        }
        let standardised = scratch, columnMeans = means, columnVariances = variances, columnEntropies = entropies
        let pairList = pairs
        let ratios = ParallelWork.map(count: pairs.count, threads: Swift.min(threads, Swift.max(1, n * pairs.count / 20_000))) { index in
            let (a, b) = pairList[index]
            return standardised.withUnsafeBufferPointer { z in
                PairwiseLikelihoodMeasure.ratio(
                    UnsafeBufferPointer(rebasing: z[a * n ..< (a + 1) * n]), UnsafeBufferPointer(rebasing: z[b * n ..< (b + 1) * n]),
                    meanA: columnMeans[a], meanB: columnMeans[b], varianceA: columnVariances[a], varianceB: columnVariances[b],
                    entropyA: columnEntropies[a], entropyB: columnEntropies[b])
            }
        }
        var ratio = [Double](repeating: 0, count: k * k)
        for (index, (a, b)) in pairs.enumerated() {
            ratio[a * k + b] = ratios[index]
            ratio[b * k + a] = -ratios[index]
        }
        var best = -1, bestScore = -Double.infinity
        for (slot, v) in remaining.enumerated() where isCandidate[slot] {
            var m = 0.0
            for other in 0..<k where other != slot {
                let r = ratio[slot * k + other]
                let term = r.isNaN ? r : Swift.min(0, r)
                m += term * term
            }
            let score = -m
            if score.isNaN { return v }
            if best < 0 || score > bestScore { best = v; bestScore = score }
        }
        return best
    }

    /// Whether a working column is constant (scikit-learn's bound for a computed variance) or has lost
    /// all but 10⁻²⁴ of its input variance to earlier regressions.
    static func isDegenerate(variance: Double, mean: Double, rows: Int, inputVariance: Double) -> Bool {
        let n = Double(rows), eps = Double.ulpOfOne
        return variance <= n * eps * variance + (n * mean * eps) * (n * mean * eps) || variance <= 1e-24 * inputVariance
    }

    /// Step 2: B from the causal order, each row by the adaptive lasso on its allowed predecessors.
    func adjacency(_ x: ColumnMatrix, order: [Int]) throws -> [Double] {
        let p = x.columns
        var b = [Double](repeating: 0, count: p * p)
        let standardised = ColumnStatistics.standardised(x)
        for position in 1..<Swift.max(1, order.count) {
            let target = order[position]
            var predictors = Array(order[..<position])
            if let knowledge = priorKnowledge {
                predictors.removeAll { knowledge.relation(to: target, from: $0) == .noPath }
            }
            if predictors.isEmpty { continue }
            let coefficients = try AdaptiveLasso.coefficients(x, standardised: standardised, predictors: predictors, target: target)
            for (k, j) in predictors.enumerated() { b[target * p + j] = coefficients[k] }
        }
        return b
    }
}
