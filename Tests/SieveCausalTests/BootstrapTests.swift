import Testing
import SieveCore
@testable import SieveCausal

@Suite struct BootstrapTests {
    static func synthetic() throws -> Matrix<Double> { try Support.csv(Support.fixtures + "/lingam_synthetic.csv").matrix }

    @Test func probabilitiesAndIntervalsAreWellFormedAndFindTheTrueEdges() throws {
        let data = try Self.synthetic()
        let result = try CausalBootstrap(model: DirectLiNGAM(), resamples: 20).run(data, seed: 3, threads: 2)
        #expect(result.graphs.count == 20)
        let probabilities = result.edgeProbabilities()
        #expect(probabilities.count == 36)
        #expect(probabilities.allSatisfy { $0 >= 0 && $0 <= 1 })
        for i in 0..<6 { #expect(probabilities[i * 6 + i] == 0) }
        // The generating DAG's edges (x3→x0, x3→x1, x1→x4, x0→x2, x4→x2, x2→x5, x1→x5) are found almost always.
        for (to, from) in [(0, 3), (1, 3), (4, 1), (2, 0), (2, 4), (5, 2), (5, 1)] {
            #expect(probabilities[to * 6 + from] >= 0.9, "edge x\(from) → x\(to): \(probabilities[to * 6 + from])")
        }
        let effects = result.totalEffects(on: 5)
        #expect(effects.count == 5)
        for e in effects {
            #expect(e.lower <= e.median && e.median <= e.upper)
            #expect(e.probability >= 0 && e.probability <= 1)
        }
        // x3's total effect on x5: 1.5·2·0.5 + (−0.8)·(1 + 0.7·(−1.2)·0.5) = 1.5 − 0.464 = 1.036.
        let x3 = effects.first { $0.from == 3 }!
        #expect(x3.lower < 1.036 && 1.036 < x3.upper)
        let csv = result.edgesCSV(names: (0..<6).map { "x\($0)" })
        #expect(csv.hasPrefix("from,to,probability,median_effect\n"))
        #expect(result.effectsCSV(names: (0..<6).map { "x\($0)" }, target: 5).split(separator: "\n").count == 6)
    }

    @Test func threadsDoNotChangeTheResampling() throws {
        let data = try Self.synthetic().gatheringRows(0..<300)
        let one = try CausalBootstrap(model: DirectLiNGAM(), resamples: 6).run(data, seed: 9, threads: 1)
        let two = try CausalBootstrap(model: DirectLiNGAM(), resamples: 6).run(data, seed: 9, threads: 2)
        #expect(one == two)
        let other = try CausalBootstrap(model: DirectLiNGAM(), resamples: 6).run(data, seed: 10, threads: 1)
        #expect(one != other)
    }
}
