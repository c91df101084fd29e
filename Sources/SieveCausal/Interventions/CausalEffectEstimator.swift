import SieveCore

/// Effects of interventions on a linear predictor's output under a linear causal graph.
///
/// lingam 1.13.0's `CausalEffect` for a linear regressor (Blöbaum & Shimizu, "Estimation of
/// interventional effects of features on prediction", IEEE MLSP 2017). The predictor reads every
/// variable except the target, in index order. Interventions propagate down the graph: under
/// do(x_v = a) every descendant k becomes `Σ_j B[k, j] x_j + e_k` with its own noise
/// `e = x − B x` (of the mean row, or of one molecule), which is the counterfactual of that row.
public struct CausalEffectEstimator: Sendable {
    public let graph: CausalGraph

    public init(graph: CausalGraph) {
        self.graph = graph
    }

    /// `(|ŷ(do(x_v = mean)) − ŷ(do(x_v = mean + sd))|, |ŷ(do(x_v = mean)) − ŷ(do(x_v = mean − sd))|)`
    /// for every variable v, with population standard deviations (`estimate_effects_on_prediction`).
    public func effectsOnPrediction(_ data: Matrix<Double>, target: Int, predictor: LinearModel) -> [(increase: Double, decrease: Double)] {
        let p = graph.variables
        precondition(data.columns == p && predictor.coefficients.count == p - 1, "Data and predictor must cover the graph's \(p) variables.")
        let x = ColumnMatrix(data)
        let stats = (0..<p).map { v -> (mean: Double, sd: Double) in
            x.storage.withUnsafeBufferPointer { s in
                let column = UnsafeBufferPointer(rebasing: s[v * x.rows ..< (v + 1) * x.rows])
                let m = ColumnStatistics.mean(column)
                return (m, ColumnStatistics.variance(column, mean: m).squareRoot())
            }
        }
        let mean = stats.map(\.mean)
        let noise = residuals(of: mean)
        return (0..<p).map { v in
            let base = predict(propagated(noise, intervening: v, value: mean[v]), target: target, predictor)
            let up = predict(propagated(noise, intervening: v, value: mean[v] + stats[v].sd), target: target, predictor)
            let down = predict(propagated(noise, intervening: v, value: mean[v] - stats[v].sd), target: target, predictor)
            return (abs(base - up), abs(base - down))
        }
    }

    /// The value a of x_v for which the predictor's output on the row's counterfactual under
    /// do(x_v = a) equals `desired` (`estimate_optimal_intervention` on a single row); nil when x_v
    /// has no influence on the output.
    public func optimalIntervention(_ row: [Double], target: Int, predictor: LinearModel, variable v: Int, desired: Double) -> Double? {
        let p = graph.variables
        precondition(row.count == p && predictor.coefficients.count == p - 1, "A row and predictor must cover the graph's \(p) variables.")
        // With e the row's noise, the counterfactual is base + slope · a, linear in a.
        let noise = residuals(of: row)
        var base = row, slope = [Double](repeating: 0, count: p)
        base[v] = 0
        slope[v] = 1
        // lingam leaves variables whose row of B sums to zero as they are (its "root" variables).
        let roots = Set((0..<p).filter { i in (0..<p).reduce(0.0) { $0 + graph.adjacency[i * p + $1] } == 0 })
        for k in graph.causalOrder where k != v && !roots.contains(k) {
            var u = 0.0, a = 0.0
            for q in 0..<p where q != k && abs(graph.adjacency[k * p + q]) > 0 {
                a += graph.adjacency[k * p + q] * slope[q]
                if q != v { u += graph.adjacency[k * p + q] * base[q] }
            }
            base[k] = u + noise[k]
            slope[k] = a
        }
        let coefficients = withTarget(predictor, target: target)
        var offset = 0.0, gain = 0.0
        for k in 0..<p { offset += coefficients[k] * base[k]; gain += coefficients[k] * slope[k] }
        guard gain != 0 else { return nil }
        return (desired - offset - predictor.intercept) / gain
    }

    /// The row's counterfactual under do(x_v = value): descendants of v move by their total effect.
    public func counterfactual(_ row: [Double], variable v: Int, value: Double) -> [Double] {
        propagated(residuals(of: row), intervening: v, value: value)
    }

    /// `e = x − B x`.
    func residuals(of x: [Double]) -> [Double] {
        let p = graph.variables
        return (0..<p).map { i in x[i] - (0..<p).reduce(0.0) { $0 + graph.adjacency[i * p + $1] * x[$1] } }
    }

    /// Values in causal order with x_v fixed: `x_k = Σ_j B[k, j] x_j + e_k` (lingam's `_get_propagated_effects`).
    func propagated(_ noise: [Double], intervening v: Int, value: Double) -> [Double] {
        let p = graph.variables
        var x = [Double](repeating: 0, count: p)
        for i in graph.causalOrder {
            if i == v { x[i] = value; continue }
            var s = 0.0
            for j in 0..<p { s += graph.adjacency[i * p + j] * x[j] }
            x[i] = s + noise[i]
        }
        return x
    }

    func withTarget(_ predictor: LinearModel, target: Int) -> [Double] {
        var c = predictor.coefficients
        c.insert(0, at: target)
        return c
    }

    func predict(_ x: [Double], target: Int, _ predictor: LinearModel) -> Double {
        var inputs = x
        inputs.remove(at: target)
        return predictor.predict(inputs)
    }
}
