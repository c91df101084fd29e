import Foundation
import Testing
import SieveCore
import SieveData
import SieveXGBoost
@testable import SieveModels

/// The native gradient boosting: XGBoost's definitions checked by hand on a tiny problem and
/// against libxgboost 1.7.4 (same process, through Sieve's wrapper) on real data.
@Suite struct GradientBoostingTests {
    /// x = 1…6, y = [1, 1, 2, 5, 6, 6], base score 0, so gradients are −y and hessians 1.
    /// With λ = 1 and α = 0.5 the leaf score is (|G| − 0.5)² / (H + 1); by hand:
    /// root (G −21, H 6): 20.5²/7 = 60.0357; the best split is x ≤ 3 (left G −4, H 3: 3.5²/4 =
    /// 3.0625; right G −17, H 3: 16.5²/4 = 68.0625), a loss change of 11.0893; its leaves weigh
    /// −(−3.5)/4 = 0.875 and −(−16.5)/4 = 4.125. Other cuts give 63.5, 69.2, 58.53 and 50.17.
    static func tinyProblem() -> (Matrix<Float>, [Double]) {
        (Matrix((1...6).map { [Float($0)] }), [1, 1, 2, 5, 6, 6])
    }

    static func stump(gamma: Double = 0, minChildWeight: Double = 0) -> GradientBoostingRegressor {
        var model = GradientBoostingRegressor()
        model.rounds = 1; model.maxDepth = 1; model.learningRate = 1; model.baseScore = 0
        model.lambda = 1; model.alpha = 0.5; model.gamma = gamma; model.minChildWeight = minChildWeight
        return model
    }

    @Test func leafWeightsAndGainMatchHandComputedValues() throws {
        let (x, y) = Self.tinyProblem()
        let fitted = try Self.stump().fitBoosting(TrainingData(features: x, targets: y), context: FitContext(seed: 0))
        let p = try fitted.predict(x)
        #expect(p.map { ($0 * 1e12).rounded() / 1e12 } == [0.875, 0.875, 0.875, 4.125, 4.125, 4.125])
        #expect(fitted.ensemble.threshold[0] == 3.5, "the cut between 3 and 4")
        // The loss change, 11.0893, is the largest gamma that still allows the split.
        let justBelow = try Self.stump(gamma: 11.08).fitBoosting(TrainingData(features: x, targets: y), context: FitContext(seed: 0))
        #expect(justBelow.treeCount == 1 && justBelow.rootFeatures == [0])
        let above = try Self.stump(gamma: 11.1).fitBoosting(TrainingData(features: x, targets: y), context: FitContext(seed: 0))
        #expect(above.rootFeatures == [-1], "gamma above the loss change leaves the root a leaf")
        #expect(abs(try above.predict(x)[0] - 20.5 / 7) < 1e-12, "root weight −T(G)/(H+λ) = 20.5/7")
        // min_child_weight 3 still allows the 3 | 3 cut; 3.5 allows no cut of six rows.
        let three = try Self.stump(minChildWeight: 3).fitBoosting(TrainingData(features: x, targets: y), context: FitContext(seed: 0))
        #expect(three.ensemble.threshold[0] == 3.5)
        let tooHeavy = try Self.stump(minChildWeight: 3.5).fitBoosting(TrainingData(features: x, targets: y), context: FitContext(seed: 0))
        #expect(tooHeavy.rootFeatures == [-1])
    }

    @Test func leafObjectiveFollowsXGBoostsFormulas() {
        let objective = LeafObjective(lambda: 2, alpha: 1, minChildWeight: 1.5, gamma: 0.3)
        #expect(objective.weight(gradient: -7, hessian: 4) == 1)          // −(−7 + 1)/(4 + 2)
        #expect(objective.weight(gradient: 5, hessian: 2) == -1)          // −(5 − 1)/(2 + 2)
        #expect(objective.weight(gradient: 0.5, hessian: 3) == 0)         // |G| ≤ α
        #expect(objective.weight(gradient: -7, hessian: 1) == 0)          // H < min_child_weight
        #expect(objective.score(gradient: -7, hessian: 4) == 6)           // 6² / 6
        #expect(objective.score(gradient: -7, hessian: 1) == 12)          // the score ignores min_child_weight
        #expect(objective.score(gradient: 3, hessian: 0) == 0)
        #expect(objective.allowsSplit(lossChange: 0.3, leftHessian: 2, rightHessian: 2))
        #expect(!objective.allowsSplit(lossChange: 0.29, leftHessian: 2, rightHessian: 2), "gamma")
        #expect(!objective.allowsSplit(lossChange: 5, leftHessian: 1, rightHessian: 2), "min_child_weight")
        #expect(!LeafObjective(lambda: 1, alpha: 0, minChildWeight: 0, gamma: 0)
            .allowsSplit(lossChange: 1e-7, leftHessian: 1, rightHessian: 1), "XGBoost's kRtEps")
    }

    @Test func columnSamplingKeepsXGBoostsCounts() {
        #expect(FeatureSampler.keptCount(0.3, of: 132) == 39)
        #expect(FeatureSampler.keptCount(0.5, of: 39) == 19)
        #expect(FeatureSampler.keptCount(0.01, of: 39) == 1)
        var rng = Xoshiro256(seed: 3)
        let sampler = FeatureSampler(byTree: 0.3, byLevel: 0.5, byNode: 0.5)
        let tree = sampler.tree(featureCount: 132, rng: &rng)
        let level = sampler.level(tree, rng: &rng)
        let node = sampler.node(level, rng: &rng)
        #expect(tree.count == 39 && level.count == 19 && node.count == 9)
        #expect(tree == tree.sorted() && Set(tree).count == 39)
        #expect(Set(level).isSubset(of: Set(tree)) && Set(node).isSubset(of: Set(level)))
        #expect(FeatureSampler(byTree: 1, byLevel: 1, byNode: 1).tree(featureCount: 5, rng: &rng) == [0, 1, 2, 3, 4])
    }

    @Test func packedGradientSumsAreExact() {
        let gradients: [Double] = [-1.5, 0.25, 3, -0.125, 2.75, -3]
        let quantizer = GradientQuantizer(rows: gradients.count, largest: 3)
        var packed = [Int64](repeating: 0, count: gradients.count)
        gradients.withUnsafeBufferPointer { quantizer.pack($0.baseAddress!, count: gradients.count, into: &packed) }
        let all = packed.reduce(0, &+), firstTwo = packed[0] &+ packed[1]
        #expect(quantizer.count(all) == 6 && quantizer.count(all &- firstTwo) == 4)
        #expect(abs(quantizer.gradient(all) - gradients.reduce(0, +)) < 1e-12)
        #expect(abs(quantizer.gradient(all &- firstTwo) - 2.625) < 1e-12)
        #expect(quantizer.gradient(firstTwo) == -1.25)
    }

    @Test func maxBinMergesTheStoresBins() {
        let x = Matrix<Float>(rows: 40, columns: 1, storage: (0..<40).map { Float($0 % 10) })
        let binned = BinnedFeatures(x, referenceRows: Array(0..<40))
        #expect(binned.binCount(of: 0) == 10)
        let merged = TrainingBins(binned, rows: Array(0..<40), maxBins: 4)
        #expect(merged.binCounts == [4])
        #expect(Set(merged.upperEdges[0]).isSubset(of: Set(binned.edges[0])) && merged.upperEdges[0] == merged.upperEdges[0].sorted())
        for i in 0..<40 {
            let code = Int(merged.codes[i]), value = x[i, 0]
            #expect(code == merged.upperEdges[0].filter { $0 < value }.count, "row \(i): bin \(code) for \(value)")
        }
    }

    @Test func parameterProblemsNameTheParameter() {
        var model = GradientBoostingRegressor()
        model.maxBin = 300
        model.colsampleByLevel = 0
        model.maxDepth = 40
        #expect(model.validate().map(\.parameter) == ["max_depth", "colsample_bylevel", "max_bin"])
        #expect(GradientBoostingRegressor().resolvedParameters.map(\.name) == XGBoostRegressor().resolvedParameters.map(\.name)
            .filter { $0 != "tree_method" })
    }
}
