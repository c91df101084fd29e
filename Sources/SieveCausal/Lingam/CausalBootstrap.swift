import SieveCore

/// Bootstrap stability of a DirectLiNGAM graph (lingam's `BootstrapMixin.bootstrap`).
///
/// Each resample draws n rows with replacement and refits the model; the result keeps every
/// resample's graph, from which ``BootstrapResult`` reports how often each edge appears and the
/// distribution of total causal effects. Resample b draws from its own generator (seed and b mixed
/// by SplitMix64), so results are the same for any thread count; each fit is single-threaded and the
/// resamples share the thread budget.
public struct CausalBootstrap: Sendable {
    public var model: DirectLiNGAM
    public var resamples: Int

    public init(model: DirectLiNGAM, resamples: Int) {
        self.model = model
        self.resamples = resamples
    }

    public func run(_ data: Matrix<Double>, seed: UInt64, threads: Int = 1) throws -> BootstrapResult {
        guard resamples > 0 else { throw CausalDiscoveryError.invalidArgument("A bootstrap needs at least one resample, got \(resamples).") }
        let n = data.rows
        let model = self.model
        let graphs = try ParallelWork.map(count: resamples, threads: threads) { b -> CausalGraph in
            var rng = Xoshiro256(seed: SplitMix64.mix(seed ^ SplitMix64.mix(UInt64(b) &+ 1)))
            let rows = (0..<n).map { _ in rng.uniform(below: n) }
            return try model.fit(ColumnMatrix(data, rows: rows), threads: 1)
        }
        return BootstrapResult(variables: data.columns, graphs: graphs)
    }
}

/// The graphs of a bootstrap, and the summaries written to `causal_edges.csv` and `causal_effects.csv`.
public struct BootstrapResult: Sendable, Codable, Equatable {
    public let variables: Int
    public let graphs: [CausalGraph]

    /// One directed edge's frequency over the resamples.
    public struct Edge: Sendable, Codable, Equatable {
        public let from: Int, to: Int
        /// The fraction of resamples with |B[to, from]| > threshold.
        public let probability: Double
        /// The median of B[to, from] over the resamples where the edge appears.
        public let medianEffect: Double
    }

    /// The total causal effect of one variable on another over the resamples.
    public struct TotalEffect: Sendable, Codable, Equatable {
        public let from: Int, to: Int
        /// The fraction of resamples with |effect| > threshold.
        public let probability: Double
        public let mean: Double
        public let median: Double
        /// Percentile interval over all resamples (an absent path counts as 0).
        public let lower: Double, upper: Double
    }

    /// `P(|B[i, j]| > threshold)` for every entry, row-major (lingam's `get_probabilities`).
    public func edgeProbabilities(threshold: Double = 0) -> [Double] {
        var counts = [Double](repeating: 0, count: variables * variables)
        for g in graphs { for k in counts.indices where abs(g.adjacency[k]) > threshold { counts[k] += 1 } }
        return counts.map { $0 / Double(graphs.count) }
    }

    /// Every edge seen at least once, most frequent first (ties by from, then to).
    public func edges(threshold: Double = 0) -> [Edge] {
        let p = variables
        var out: [Edge] = []
        for to in 0..<p {
            for from in 0..<p where from != to {
                let values = graphs.map { $0.adjacency[to * p + from] }.filter { abs($0) > threshold }
                guard !values.isEmpty else { continue }
                out.append(Edge(from: from, to: to, probability: Double(values.count) / Double(graphs.count),
                                medianEffect: Summary.quantile(values, 0.5)))
            }
        }
        return out.sorted { ($0.probability, -$0.from, -$0.to) > ($1.probability, -$1.from, -$1.to) }
    }

    /// The total effect of every other variable on `target`, with a `level` percentile interval.
    public func totalEffects(on target: Int, level: Double = 0.95, threshold: Double = 0) -> [TotalEffect] {
        precondition(target >= 0 && target < variables && level > 0 && level < 1)
        let p = variables
        let totals = graphs.map(\.totalEffects)
        return (0..<p).filter { $0 != target }.map { from in
            let values = totals.map { $0[target * p + from] }
            let present = values.filter { abs($0) > threshold }.count
            return TotalEffect(from: from, to: target, probability: Double(present) / Double(values.count),
                               mean: values.reduce(0, +) / Double(values.count), median: Summary.quantile(values, 0.5),
                               lower: Summary.quantile(values, (1 - level) / 2), upper: Summary.quantile(values, 1 - (1 - level) / 2))
        }
    }

    /// `causal_edges.csv`: from,to,probability,median_effect.
    public func edgesCSV(names: [String], threshold: Double = 0) -> String {
        precondition(names.count == variables, "Name all \(variables) variables.")
        var text = "from,to,probability,median_effect\n"
        for e in edges(threshold: threshold) {
            text += "\(names[e.from]),\(names[e.to]),\(e.probability),\(e.medianEffect)\n"
        }
        return text
    }

    /// `causal_effects.csv`: from,to,probability,mean,median,lower,upper.
    public func effectsCSV(names: [String], target: Int, level: Double = 0.95, threshold: Double = 0) -> String {
        precondition(names.count == variables, "Name all \(variables) variables.")
        var text = "from,to,probability,mean,median,lower,upper\n"
        for e in totalEffects(on: target, level: level, threshold: threshold) {
            text += "\(names[e.from]),\(names[e.to]),\(e.probability),\(e.mean),\(e.median),\(e.lower),\(e.upper)\n"
        }
        return text
    }
}
