import Foundation
import Testing
import SieveCore
@testable import SieveCausal

@Suite struct InterventionTests {
    static let columns = ["ExactMolWt", "HeavyAtomMolWt", "NumValenceElectrons", "NumSaturatedRings", "NOCount",
                          "NumHDonors", "NumAliphaticRings", "NumHeteroatoms", "NumSaturatedCarbocycles", "dipole"]

    /// lingam's CausalEffect with a LinearRegression on 801 QM9 rows: the graph, the regression, the
    /// effects on the prediction and the optimal interventions (dipole → 5 D) all agree.
    @Test func matchesLingamCausalEffect() throws {
        let reference = try Support.json("intervention_reference.json")
        let data = try Support.qm9(columns: Self.columns, rows: Support.ints(reference["rows"]))
        let target = (reference["target"] as! NSNumber).intValue
        let lingamB = Support.matrix(reference["adjacency"]).flatMap { $0 }
        let order = Support.ints(reference["order"])

        let ours = try DirectLiNGAM().fit(data)
        #expect(ours.causalOrder == order)
        #expect(Support.maxAbsDifference(ours.adjacency, lingamB) <= 1e-6)

        let x = ColumnMatrix(data)
        let predictor = LinearModel.fit(x.selectingColumns((0..<10).filter { $0 != target }), x.column(target))
        let coef = Support.doubles(reference["coef"])
        #expect(Support.maxAbsDifference(predictor.coefficients, coef) <= 1e-8 * coef.map(abs).max()!)
        #expect(abs(predictor.intercept - (reference["intercept"] as! NSNumber).doubleValue) <= 1e-8)

        let estimator = CausalEffectEstimator(graph: try CausalGraph(variables: 10, causalOrder: order, adjacency: lingamB))
        let effects = estimator.effectsOnPrediction(data, target: target, predictor: predictor)
        for (v, pair) in Support.matrix(reference["effects"]).enumerated() {
            #expect(abs(effects[v].increase - pair[0]) <= 1e-9 * Swift.max(1, pair[0]), "variable \(v)")
            #expect(abs(effects[v].decrease - pair[1]) <= 1e-9 * Swift.max(1, pair[1]), "variable \(v)")
        }
        let features = Support.ints(reference["features"])
        let desired = (reference["desired"] as! NSNumber).doubleValue
        for (k, expected) in Support.matrix(reference["interventions"]).enumerated() {
            let row = data.row(k)
            for (f, variable) in features.enumerated() {
                let value = estimator.optimalIntervention(row, target: target, predictor: predictor, variable: variable, desired: desired)!
                #expect(abs(value - expected[f]) <= 1e-6 * Swift.max(1, abs(expected[f])), "molecule \(k), variable \(variable)")
                // The counterfactual under that intervention is predicted at the desired value.
                let changed = estimator.counterfactual(row, variable: variable, value: value)
                #expect(abs(estimator.predict(changed, target: target, predictor) - desired) < 1e-8)
            }
        }
    }

    @Test func plannerSuggestsNearbyPoolMolecules() throws {
        let pool = try Support.qm9(columns: Self.columns, rows: Array(0..<3000))
        var planner = InterventionPlanner(target: 9, desired: 5)
        planner.topVariables = 2
        let active = Array(stride(from: 0, to: 3000, by: 30))
        let plan = try planner.plan(pool: pool, active: active, threads: 2)
        #expect(plan.chosen.count == 2 && !plan.chosen.contains(9))
        #expect(plan.effects.count == 9)
        let top = plan.effects.map(\.size).max()!
        #expect(plan.chosen.allSatisfy { v in plan.effects.first { $0.variable == v }!.size == top || plan.chosen.first != v })
        #expect(plan.suggestions.count == active.count * 2)
        for s in plan.suggestions {
            #expect(abs(s.predictedAfter - 5) < 1e-6)
            #expect(s.neighbours.count == 3 && !s.neighbours.contains(s.molecule))
            #expect(s.distances == s.distances.sorted())
        }
        // The nearest rows are the true nearest: brute force for one suggestion.
        let s = plan.suggestions[7]
        let search = NearestRows(pool: Matrix(rows: 3000, columns: 9, storage: (0..<3000).flatMap { r in (0..<9).map { pool[r, $0] } }))
        let row = pool.row(s.molecule)
        let changed = CausalEffectEstimator(graph: plan.graph).counterfactual(row, variable: s.variable, value: s.intervened)
        let query = (0..<9).map { changed[$0] / search.scale[$0] }
        let brute = (0..<3000).filter { $0 != s.molecule }.map { r in
            (r, (0..<9).reduce(0.0) { $0 + (pool[r, $1] / search.scale[$1] - query[$1]) * (pool[r, $1] / search.scale[$1] - query[$1]) })
        }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }
        #expect(Array(brute.prefix(3).map(\.0)) == s.neighbours)
    }
}
