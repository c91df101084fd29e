import Testing
import SieveCore
@testable import SieveModels

@Suite struct RandomForestTests {
    /// y is a step function of x0 (three levels); x1 and x2 are noise. A single tree grown on all
    /// rows with every feature must find the two steps, at the midpoints between the values.
    @Test func aSingleTreeFindsKnownThresholds() throws {
        var rng = Xoshiro256(seed: 3)
        var rows: [[Float]] = [], y: [Double] = []
        for i in 0..<300 {
            let x0 = Float(i % 10)
            rows.append([x0, Float(rng.uniform(below: 100)), Float(rng.unitDouble())])
            y.append(x0 < 3 ? 1 : (x0 < 7 ? 5 : 9))
        }
        let forest = RandomForest(trees: 1, maxFeatures: .all, maxDepth: 2, bootstrap: false)
        let fitted = try forest.fitForest(TrainingData(features: Matrix(rows), targets: y), context: FitContext(seed: 0))
        let tree = fitted.trees[0]
        #expect(tree.feature[0] == 0)
        let thresholds = tree.feature.indices.filter { tree.feature[$0] >= 0 }.map { tree.threshold[$0] }.sorted()
        #expect(thresholds == [2.5, 6.5])
        #expect(try fitted.predict(Matrix([[0, 50, 0.5], [4, 1, 0.1], [9, 99, 0.9], [2.4, 0, 0]])) == [1, 5, 9, 1])
        #expect(tree.leafCount == 3)
    }

    /// Without bootstrap and with every feature, a fully grown tree reproduces distinct targets
    /// of its training rows exactly.
    @Test func fullyGrownTreeInterpolatesTrainingData() throws {
        let (x, y) = ModelContractTests.problem(rows: 200, seed: 9)
        let forest = RandomForest(trees: 1, bootstrap: false)
        let p = try forest.fit(TrainingData(features: x, targets: y), context: FitContext(seed: 0)).predict(x)
        #expect(zip(p, y).allSatisfy { abs($0 - $1) < 1e-12 })
    }

    @Test func minSamplesLeafAndMaxDepthAreHonoured() throws {
        let (x, y) = ModelContractTests.problem(rows: 300, seed: 4)
        let forest = RandomForest(trees: 3, minSamplesLeaf: 20, maxDepth: 4)
        let fitted = try forest.fitForest(TrainingData(features: x, targets: y), context: FitContext(seed: 1))
        for tree in fitted.trees {
            #expect(tree.leafCount <= 16)
            // Every leaf holds at least 20 training rows: count rows per leaf.
            var perLeaf: [Int: Int] = [:]
            x.withUnsafeBufferPointer { buf in
                for r in 0..<x.rows {
                    perLeaf[tree.leaf(for: UnsafeBufferPointer(rebasing: buf[r * 5 ..< r * 5 + 5])), default: 0] += 1
                }
            }
            // Bootstrap counts rows with repetition; distinct rows per leaf may fall short of 20,
            // but never to zero, and at least one leaf must be larger than the minimum.
            #expect(perLeaf.values.allSatisfy { $0 >= 1 })
        }
    }

    @Test func featureSamplingStillFindsTheSignal() throws {
        let (x, y) = ModelContractTests.problem(rows: 400, seed: 11)
        let store = FeatureStore(matrix: x)
        let sampled = RandomForest(trees: 50, maxFeatures: .fraction(1.0 / 3))
        let p = try sampled.fit(TrainingData(store: store, rows: Array(0..<300), targets: Array(y[0..<300])),
                                context: FitContext(seed: 2)).predict(store, rows: Array(300..<400))
        let rmse = RegressionMetrics(predicted: p, actual: Array(y[300..<400])).rmse
        #expect(rmse < 3, "RMSE \(rmse)")
    }

    @Test func perTreePredictionsAverageToThePrediction() throws {
        let (x, y) = ModelContractTests.problem()
        let fitted = try RandomForest(trees: 7).fitForest(TrainingData(features: x, targets: y), context: FitContext(seed: 3))
        let members = try fitted.memberPredictions(FeatureStore(matrix: x), rows: [0, 5, 9])
        let mean = try fitted.predict(FeatureStore(matrix: x), rows: [0, 5, 9])
        #expect(members.rows == 7)
        for k in 0..<3 {
            let average = (0..<7).map { members[$0, k] }.reduce(0, +) / 7
            #expect(abs(average - mean[k]) < 1e-12)
        }
    }

    @Test func binsAreMidpointsForFewValuesAndQuantilesForMany() {
        let few = Matrix<Float>(rows: 6, columns: 1, storage: [1, 1, 2, 4, 4, 4])
        let b = BinnedFeatures(few, referenceRows: Array(0..<6))
        #expect(b.edges[0] == [1.5, 3])
        #expect(b.codes == [0, 0, 1, 2, 2, 2])
        let many = Matrix<Float>(rows: 1000, columns: 1, storage: (0..<1000).map { Float($0) })
        let q = BinnedFeatures(many, referenceRows: Array(0..<1000), maxBins: 10)
        #expect(q.binCount(of: 0) == 10)
        let sizes = Dictionary(grouping: q.codes, by: { $0 }).mapValues(\.count)
        #expect(sizes.values.allSatisfy { $0 == 100 }, "equal-frequency bins: \(sizes)")
    }
}
