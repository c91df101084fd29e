import SieveCore

/// Targeted interventions on an active set, as Fox & Ghosh suggest new molecules.
///
/// On the active set's rows: DirectLiNGAM with the target as a sink, and a linear model of the
/// target on the other variables; each variable's effect on the prediction
/// (``CausalEffectEstimator/effectsOnPrediction(_:target:predictor:)``); the `topVariables` with
/// the largest mean effect; for every molecule and each of those variables, the intervention that
/// moves the prediction to `desired` and the molecule's counterfactual descriptors under it; and the
/// pool molecules nearest to that counterfactual (``NearestRows``), excluding the molecule itself.
/// (The authors rank by |effect⁺ − effect⁻|, which a linear model makes zero up to rounding; the
/// mean of the two is the effect size they describe.)
public struct InterventionPlanner: Sendable {
    public var target: Int
    public var desired: Double
    public var topVariables = 3
    public var neighbours = 3

    public init(target: Int, desired: Double) {
        self.target = target
        self.desired = desired
    }

    /// One variable's effect on the prediction when moved by one standard deviation either way.
    public struct VariableEffect: Sendable, Codable, Equatable {
        public let variable: Int
        public let increase: Double, decrease: Double
        public var size: Double { (increase + decrease) / 2 }
    }

    /// One molecule, one intervened variable, and the pool molecules nearest to the result.
    public struct Suggestion: Sendable, Codable, Equatable {
        public let molecule: Int
        public let variable: Int
        public let original: Double
        public let intervened: Double
        public let predictedBefore: Double
        public let predictedAfter: Double
        public let neighbours: [Int]
        public let distances: [Double]
    }

    public struct Plan: Sendable, Codable, Equatable {
        public let graph: CausalGraph
        public let predictor: LinearModel
        public let effects: [VariableEffect]
        public let chosen: [Int]
        public let suggestions: [Suggestion]
    }

    /// The plan for the `active` rows of `pool` (rows × variables, the target among them).
    public func plan(pool: Matrix<Double>, active: [Int], threads: Int = 1) throws -> Plan {
        let p = pool.columns
        guard target >= 0 && target < p else { throw CausalDiscoveryError.variableOutOfRange(index: target, variables: p, role: "target") }
        let data = pool.gatheringRows(active)
        let graph = try DirectLiNGAM(priorKnowledge: PriorKnowledge(variables: p, sinks: [target])).fit(data, threads: threads)
        let features = (0..<p).filter { $0 != target }
        let x = ColumnMatrix(data)
        let predictor = LinearModel.fit(x.selectingColumns(features), x.column(target))
        let estimator = CausalEffectEstimator(graph: graph)
        let effects = estimator.effectsOnPrediction(data, target: target, predictor: predictor).enumerated()
            .filter { $0.offset != target }
            .map { VariableEffect(variable: $0.offset, increase: $0.element.increase, decrease: $0.element.decrease) }
        let chosen = effects.sorted { ($0.size, -$0.variable) > ($1.size, -$1.variable) }.prefix(topVariables).map(\.variable)

        var pending: [(molecule: Int, variable: Int, original: Double, value: Double, before: Double, after: Double, vector: [Double])] = []
        for (position, molecule) in active.enumerated() {
            let row = data.row(position)
            let before = estimator.predict(row, target: target, predictor)
            for v in chosen {
                guard let value = estimator.optimalIntervention(row, target: target, predictor: predictor, variable: v, desired: desired) else { continue }
                let changed = estimator.counterfactual(row, variable: v, value: value)
                pending.append((molecule, v, row[v], value, before, estimator.predict(changed, target: target, predictor),
                                features.map { changed[$0] }))
            }
        }
        let search = NearestRows(pool: Matrix(rows: pool.rows, columns: features.count,
                                              storage: (0..<pool.rows).flatMap { r in features.map { pool[r, $0] } }))
        let found = search.nearest(pending.map(\.vector), k: neighbours, excluding: pending.map { $0.molecule }, threads: threads)
        let suggestions = zip(pending, found).map { item, near in
            Suggestion(molecule: item.molecule, variable: item.variable, original: item.original, intervened: item.value,
                       predictedBefore: item.before, predictedAfter: item.after, neighbours: near.map(\.row), distances: near.map(\.distance))
        }
        return Plan(graph: graph, predictor: predictor, effects: effects, chosen: chosen, suggestions: suggestions)
    }
}
