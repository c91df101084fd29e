import Foundation
import Testing
import SieveCore
@testable import SieveCausal

@Suite struct CausalSubsetSelectionTests {
    static func setup(mode: CausalSubsetSelection.Mode, seed: UInt64) throws -> CausalSubsetSelection {
        let columns = InterventionTests.columns
        let pool = try Support.qm9(columns: columns, rows: Array(0..<4000))
        let prior = try PriorKnowledge(variables: 10, sinks: [9])
        let global = try DirectLiNGAM(priorKnowledge: prior).fit(pool)
        let mixture = try Support.qm9(columns: ["MolLogP", "TPSA", "MolMR"], rows: Array(0..<4000))
        let labels = try GaussianMixture(components: 3).fit(mixture, seed: 0).labels(mixture)
        let subsets = (0..<3).map { c in labels.indices.filter { labels[$0] == c } }
        return try CausalSubsetSelection(data: pool, subsets: subsets, global: global,
                                         model: DirectLiNGAM(priorKnowledge: prior), mode: mode, batch: 20, seed: seed)
    }

    @Test func causalModeKeepsTheLeastLossAndGrowsByABatch() throws {
        let selection = try Self.setup(mode: .causal, seed: 1)
        var state = selection.start()
        #expect(state.rows.count == 1)
        for _ in 0..<6 { state = try selection.step(state, threads: 2) }
        #expect(state.rows.count == 121 && Set(state.rows).count == 121)
        for (t, record) in state.iterations.enumerated() {
            #expect(record.iteration == t + 1 && record.size == 1 + 20 * (t + 1))
            let losses = record.candidateLosses.map { $0! }
            #expect(record.loss == losses.min()! && losses[record.chosenSubset] == record.loss)
            #expect(record.added.allSatisfy { selection.subsets[record.chosenSubset].contains($0) })
        }
    }

    /// Stopping after 3 iterations, saving the state as JSON and resuming gives the uninterrupted run,
    /// for either thread count.
    @Test func resumesExactlyAndIgnoresTheThreadCount() throws {
        let selection = try Self.setup(mode: .causal, seed: 5)
        var straight = selection.start()
        for _ in 0..<5 { straight = try selection.step(straight, threads: 1) }
        var resumed = selection.start()
        for _ in 0..<3 { resumed = try selection.step(resumed, threads: 2) }
        resumed = try JSONDecoder().decode(CausalSelectionState.self, from: JSONEncoder().encode(resumed))
        for _ in 0..<2 { resumed = try selection.step(resumed, threads: 2) }
        #expect(straight == resumed)
    }

    @Test func randomControlFitsOneCandidateAndSeedsDiffer() throws {
        let selection = try Self.setup(mode: .random, seed: 2)
        var state = selection.start()
        for _ in 0..<4 { state = try selection.step(state) }
        for record in state.iterations {
            #expect(record.candidateLosses.compactMap { $0 }.count == 1)
            #expect(record.candidateLosses[record.chosenSubset] == record.loss)
        }
        let other = try Self.setup(mode: .random, seed: 3)
        var otherState = other.start()
        for _ in 0..<4 { otherState = try other.step(otherState) }
        #expect(state.rows != otherState.rows)
    }

    @Test func featureRankingFollowsColumnMeans() throws {
        // Column means of B: x0 → (2 − 4)/3 and x1 → 3/3; |mean| ranks x1 first, mean |·| ranks x0 first.
        let g = try CausalGraph(variables: 3, causalOrder: [0, 1, 2], adjacency: [0, 0, 0, 2, 0, 0, -4, 3, 0])
        #expect(CausalFeatureRanking.top(g, keep: 2, excluding: [2]) == [1, 0])
        #expect(CausalFeatureRanking.top(g, keep: 2, excluding: [2], measure: .meanAbsolute) == [0, 1])
    }

    @Test func priorKnowledgeOrdersAndContradictions() throws {
        // A path x0 → x2, and "x1 has no path to x2" (so x2 before x1).
        var k = try PriorKnowledge(variables: 3, paths: [(from: 0, to: 2)], noPaths: [(from: 1, to: 2)])
        let orders = try k.partialOrders().map { [$0.before, $0.after] }
        #expect(Set(orders) == [[0, 2], [2, 1]])
        k.set(.path, to: 0, from: 2)
        #expect(throws: CausalDiscoveryError.inconsistentPriorKnowledge(pairs: [[0, 2]])) { try k.partialOrders() }
        #expect(throws: CausalDiscoveryError.variableOutOfRange(index: 7, variables: 3, role: "variable named in the prior knowledge")) {
            try PriorKnowledge(variables: 3, sinks: [7])
        }
    }
}
