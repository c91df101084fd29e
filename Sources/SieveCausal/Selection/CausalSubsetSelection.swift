import SieveCore

/// Causal subset selection (Fox & Ghosh, "Active causal learning for decoding chemical complexities
/// with targeted interventions", Mach. Learn.: Sci. Technol. 5, 035056, 2024).
///
/// The training set grows so that the causal graph learnt from it approaches the graph learnt from
/// the whole pool: starting from one random row, each iteration builds one candidate per subset of
/// chemical space (the current set plus `batch` random rows of that subset not yet in it), fits
/// DirectLiNGAM to each candidate, and keeps the candidate whose ``GraphLoss`` to the global graph is
/// least (``Mode/causal``). The control (``Mode/random``) keeps the candidate of a subset chosen at
/// random and fits only that one. Draws come from a generator seeded by the run's seed and the
/// iteration number alone, so a run resumed from a saved ``CausalSelectionState`` continues exactly
/// as an uninterrupted one; candidates are fitted in parallel within the thread budget and the
/// result does not depend on it.
public struct CausalSubsetSelection: Sendable {
    public enum Mode: String, Sendable, Codable, CaseIterable {
        case causal, random
    }

    /// Pool rows × variables (the selected descriptors and the target), column-major.
    public let data: ColumnMatrix
    /// Pool rows of each subset (for example the components of a ``GaussianMixture``).
    public let subsets: [[Int]]
    /// DirectLiNGAM on the whole pool.
    public let global: CausalGraph
    public let model: DirectLiNGAM
    public let mode: Mode
    public let batch: Int
    public let seed: UInt64

    public init(data: Matrix<Double>, subsets: [[Int]], global: CausalGraph, model: DirectLiNGAM,
                mode: Mode, batch: Int = 20, seed: UInt64) throws {
        guard global.variables == data.columns else {
            throw CausalDiscoveryError.invalidArgument("The global graph has \(global.variables) variables but the data \(data.columns).")
        }
        guard batch > 0 else { throw CausalDiscoveryError.invalidArgument("The batch must hold at least one row, got \(batch).") }
        for (k, subset) in subsets.enumerated() {
            if subset.isEmpty { throw CausalDiscoveryError.emptySubset(index: k) }
            if let bad = subset.first(where: { $0 < 0 || $0 >= data.rows }) {
                throw CausalDiscoveryError.invalidArgument("Subset \(k) names row \(bad), outside the pool's \(data.rows) rows.")
            }
        }
        self.data = ColumnMatrix(data)
        self.subsets = subsets
        self.global = global
        self.model = model
        self.mode = mode
        self.batch = batch
        self.seed = seed
    }

    /// The generator of iteration `t` (0 draws the starting row).
    func generator(iteration t: Int) -> Xoshiro256 {
        Xoshiro256(seed: SplitMix64.mix(seed ^ SplitMix64.mix(UInt64(t) &+ 0x5EED)))
    }

    /// The state before the first iteration: one random row of the pool.
    public func start() -> CausalSelectionState {
        var rng = generator(iteration: 0)
        return CausalSelectionState(rows: [rng.uniform(below: data.rows)])
    }

    /// The state after one more iteration.
    public func step(_ state: CausalSelectionState, threads: Int = 1) throws -> CausalSelectionState {
        let t = state.completed + 1
        var rng = generator(iteration: t)
        let current = Set(state.rows)
        let forced: Int? = mode == .random ? rng.uniform(below: subsets.count) : nil
        let draws = try subsets.indices.map { k in try draw(from: k, excluding: current, rng: &rng) }
        let evaluate = forced.map { [$0] } ?? Array(subsets.indices)
        let data = self.data, model = self.model, global = self.global, rows = state.rows
        let graphs = try ParallelWork.map(count: evaluate.count, threads: threads) { i -> CausalGraph in
            try model.fit(ColumnMatrix(rows: rows.count + draws[evaluate[i]].count, columns: data.columns,
                                       storage: Self.gather(data, rows + draws[evaluate[i]])),
                          threads: Swift.max(1, threads / evaluate.count))
        }
        var losses = [Double?](repeating: nil, count: subsets.count)
        for (i, k) in evaluate.enumerated() { losses[k] = GraphLoss.distance(graphs[i], global) }
        // The least loss wins (the first on ties; a NaN never does).
        func value(_ k: Int) -> Double { losses[k].flatMap { $0.isNaN ? nil : $0 } ?? .infinity }
        var best = evaluate[0]
        for k in evaluate where value(k) < value(best) { best = k }
        let kept = graphs[evaluate.firstIndex(of: best)!]
        var next = state
        next.rows += draws[best]
        next.iterations.append(CausalSelectionIteration(iteration: t, chosenSubset: best, loss: losses[best]!, size: next.rows.count,
                                                        candidateLosses: losses, adjacency: kept.adjacency, added: draws[best]))
        return next
    }

    /// `batch` distinct rows of subset k outside the current set (all that are left if fewer).
    func draw(from k: Int, excluding current: Set<Int>, rng: inout Xoshiro256) throws -> [Int] {
        let subset = subsets[k]
        var chosen: [Int] = [], taken = Set<Int>()
        var attempts = 0
        while chosen.count < batch && attempts < 64 * batch {
            let row = subset[rng.uniform(below: subset.count)]
            attempts += 1
            if current.contains(row) || taken.contains(row) { continue }
            chosen.append(row)
            taken.insert(row)
        }
        if chosen.count < batch {
            // A nearly exhausted subset: take what is left, in subset order.
            for row in subset where chosen.count < batch && !current.contains(row) && !taken.contains(row) {
                chosen.append(row)
                taken.insert(row)
            }
        }
        if chosen.isEmpty { throw CausalDiscoveryError.emptySubset(index: k) }
        return chosen
    }

    /// Column-major values of the given pool rows.
    static func gather(_ data: ColumnMatrix, _ rows: [Int]) -> [Double] {
        var out = [Double](repeating: 0, count: rows.count * data.columns)
        data.storage.withUnsafeBufferPointer { src in
            for c in 0..<data.columns {
                for (i, r) in rows.enumerated() { out[c * rows.count + i] = src[c * data.rows + r] }
            }
        }
        return out
    }
}
