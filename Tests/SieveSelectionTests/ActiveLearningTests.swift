import Foundation
import Testing
import SieveCore
import SieveModels
@testable import SieveSelection

@Suite struct ActiveLearningTests {
    /// Two trees; training rows 0–3 with targets 1, 2, 3, 10.
    /// Tree 0 leaves: 0, 0, 1, 1. Tree 1 leaves: 0, 1, 1, 0.
    /// A query in leaf 0 of tree 0 and leaf 1 of tree 1 has affinities 1, 2, 1, 0.
    @Test func ibugAffinityAndScaleByHand() {
        let training = Matrix<Float>([[0, 0], [0, 1], [1, 1], [1, 0]])
        let scorer = IBUGScorer(trainingLeaves: training, targets: [1, 2, 3, 10], k: 3)
        let queries = Matrix<Float>([[0, 1], [1, 0], [1, 1]])
        let scores = scorer.scores(queryLeaves: queries, threads: 1)
        // Query 0: affinities [1, 2, 1, 0] → top 3: rows 1, 0, 2 → targets 2, 1, 3 → population std √(2/3).
        #expect(abs(scores[0] - (2.0 / 3).squareRoot()) < 1e-12)
        // Query 1: affinities [1, 0, 1, 2] → rows 3, 0, 2 → targets 10, 1, 3 → std of {10, 1, 3}.
        let m = 14.0 / 3
        #expect(abs(scores[1] - (((10 - m) * (10 - m) + (1 - m) * (1 - m) + (3 - m) * (3 - m)) / 3).squareRoot()) < 1e-12)
        // Query 2: affinities [0, 1, 2, 1] → rows 2, then ties 1 and 3 at 1 → the earlier (1) first, then 3.
        let m2 = 15.0 / 3
        #expect(abs(scores[2] - (((3 - m2) * (3 - m2) + (2 - m2) * (2 - m2) + (10 - m2) * (10 - m2)) / 3).squareRoot()) < 1e-12)
        #expect(scorer.scores(queryLeaves: queries, threads: 3) == scores)
    }

    /// Skewed leaves (most rows in one leaf of most trees, as in late boosting rounds) exercise the
    /// complement counting; every score must equal a dense count of shared leaves.
    @Test func ibugEqualsADenseCountOnSkewedLeaves() {
        var rng = Xoshiro256(seed: 5)
        let n = 300, trees = 40, queries = 60
        func leaf() -> Float { rng.unitDouble() < 0.7 ? 0 : Float(1 + Int(rng.unitDouble() * 5)) }
        let training = Matrix<Float>((0..<n).map { _ in (0..<trees).map { _ in leaf() } })
        // Some query leaves beyond every training leaf (no training row shares them).
        let query = Matrix<Float>((0..<queries).map { _ in (0..<trees).map { _ in rng.unitDouble() < 0.05 ? 9 : leaf() } })
        let targets = (0..<n).map { _ in rng.unitDouble() * 4 }
        let k = 25
        let scores = IBUGScorer(trainingLeaves: training, targets: targets, k: k).scores(queryLeaves: query, threads: 2)
        for q in 0..<queries {
            let affinity = (0..<n).map { i in (0..<trees).filter { training[i, $0] == query[q, $0] }.count }
            let nearest = (0..<n).sorted { affinity[$0] != affinity[$1] ? affinity[$0] > affinity[$1] : $0 < $1 }.prefix(k)
            let mean = nearest.map { targets[$0] }.reduce(0, +) / Double(k)
            let std = (nearest.map { (targets[$0] - mean) * (targets[$0] - mean) }.reduce(0, +) / Double(k)).squareRoot()
            #expect(abs(scores[q] - std) < 1e-9, "query \(q)")
        }
    }

    @Test func percentileWidthOnKnownPredictions() {
        // Ten members predicting 1…10 for row 0 and a constant for row 1. NumPy: percentile(1..10, 95) = 9.55, 5 → 1.45.
        var members = Matrix<Double>(rows: 10, columns: 2)
        for m in 0..<10 { members[m, 0] = Double(m + 1); members[m, 1] = 4 }
        let widths = AcquisitionScores.percentileWidth(members)
        #expect(abs(widths[0] - (9.55 - 1.45)) < 1e-12)
        #expect(widths[1] == 0)
        #expect(AcquisitionScores.disagreement([[1, 2], [4, 2]]) == [3, 0])
        #expect(AcquisitionScores.top([0.5, 2, 2, 1], 3) == [1, 2, 3])
    }

    /// A 1-D problem: flat everywhere but a narrow, wiggly region [0.8, 1.0) that needs data.
    static func plantedRegion() -> (FeatureStore, [Double], [Int], [Int], (Int) -> Bool) {
        var rng = Xoshiro256(seed: 8)
        var rows: [[Float]] = [], y: [Double] = []
        for _ in 0..<1200 {
            let x = rng.unitDouble()
            rows.append([Float(x), Float(rng.unitDouble())])
            y.append(x >= 0.8 ? sin(60 * x) * 3 : 0.1 * x)
        }
        let store = FeatureStore(matrix: Matrix(rows))
        let inRegion: (Int) -> Bool = { Double(store.matrix[$0, 0]) >= 0.8 }
        return (store, y, Array(0..<1000), Array(1000..<1200), inRegion)
    }

    static let forest = NamedModel(name: "rf", kind: "random_forest", regressor: RandomForest(trees: 30))
    static let xgb: NamedModel = {
        var small = XGBoostRegressor()
        small.rounds = 40
        return NamedModel(name: "xgb", kind: "xgboost", regressor: small)
    }()
    static let ibug: IBUGUncertainty = {
        var ibug = IBUGUncertainty()
        ibug.boosting.rounds = 60
        ibug.k = 20
        return ibug
    }()
    static let strategies: [any AcquisitionStrategy] = [
        QueryByCommittee(members: [forest, xgb], bootstrap: nil, evaluated: ["rf", "xgb"]),
        ForestUncertainty(forest: forest, evaluated: ["rf", "xgb"]),
        ibug,
    ]

    /// A campaign on the planted region: 40 initial rows, batches of 40, stop at 240.
    struct Planted {
        let campaign: ActiveLearningCampaign
        let data: CampaignData

        func run(from state: ActiveLearningState, threads: Int, shouldStop: @escaping () -> Bool = { false },
                 checkpoint: (ActiveLearningState) throws -> Void) throws -> ActiveLearningState {
            try campaign.run(from: state, id: "test", data: data,
                             environment: CampaignEnvironment(threadShare: { threads }, shouldStop: shouldStop), checkpoint: checkpoint)
        }
    }

    static func campaign(_ strategy: any AcquisitionStrategy, seed: Int = 3) -> (Planted, (Int) -> Bool) {
        let (store, y, pool, test, inRegion) = plantedRegion()
        let data = CampaignData(store: store, targets: y, pool: pool, testSets: [NamedRows(name: "id", rows: test)],
                                rowNames: y.map { _ in "" })
        return (Planted(campaign: ActiveLearningCampaign(acquisition: strategy, evaluate: [forest, xgb], initial: .count(40),
                                                         batch: .count(40), stop: .count(240), seed: seed), data: data), inRegion)
    }

    @Test func uncertaintyStrategiesSampleThePlantedRegionMoreThanRandom() throws {
        func share(_ strategy: any AcquisitionStrategy) throws -> Double {
            let (campaign, inRegion) = Self.campaign(strategy)
            let state = try campaign.run(from: ActiveLearningState(), threads: 2) { _ in }
            let acquired = state.batches.dropFirst().flatMap { $0 }
            return Double(acquired.filter(inRegion).count) / Double(acquired.count)
        }
        let random = try share(RandomAcquisition())
        #expect(abs(random - 0.2) < 0.1, "random acquisition follows the pool: \(random)")
        for strategy in Self.strategies {
            let s = try share(strategy)
            #expect(s > 2 * random, "\(type(of: strategy).name) acquired \(Int(s * 100)) % in the region, random \(Int(random * 100)) %")
        }
    }

    @Test func aResumedCampaignEqualsAnUninterruptedOne() throws {
        for strategy in [RandomAcquisition(), Self.strategies[1], Self.ibug] as [any AcquisitionStrategy] {
            let (campaign, _) = Self.campaign(strategy)
            let name = type(of: strategy).name
            let whole = try campaign.run(from: ActiveLearningState(), threads: 1) { _ in }
            var checkpoints: [ActiveLearningState] = []
            var calls = 0
            _ = try campaign.run(from: ActiveLearningState(), threads: 1, shouldStop: { calls += 1; return calls > 2 }) {
                checkpoints.append($0)
            }
            let resumed = try campaign.run(from: checkpoints.last!, threads: 2) { _ in }
            #expect(resumed.batches == whole.batches, "\(name)")
            #expect(resumed.iterations.map(\.metrics) == whole.iterations.map(\.metrics), "\(name)")
            #expect(whole.finished && whole.labelled.count == 240)
        }
    }
}
