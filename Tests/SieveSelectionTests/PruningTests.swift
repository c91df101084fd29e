import Foundation
import Testing
import SieveCore
import SieveModels
@testable import SieveSelection

@Suite struct PruningTests {
    /// 300 distinct rows plus 8 exact copies of each of 60 of them (480 duplicates): the copies are
    /// predicted almost perfectly by a model that saw their twins, so they are the redundant rows.
    static func plantedDuplicates() -> (store: FeatureStore, targets: [Double], pool: [Int], test: [Int], duplicates: Set<Int>) {
        var rng = Xoshiro256(seed: 77)
        var rows: [[Float]] = [], targets: [Double] = []
        for _ in 0..<300 {
            let x = (0..<4).map { _ in Float(rng.unitDouble() * 10) }
            rows.append(x)
            targets.append(Double(x[0]) * Double(x[1]) / 10 + sin(Double(x[2])) + rng.unitDouble() * 3)
        }
        var duplicates = Set<Int>()
        for original in 0..<60 {
            for _ in 0..<8 {
                duplicates.insert(rows.count)
                rows.append(rows[original])
                targets.append(targets[original])
            }
        }
        // A separate test set of fresh rows.
        var test: [Int] = []
        for _ in 0..<100 {
            let x = (0..<4).map { _ in Float(rng.unitDouble() * 10) }
            test.append(rows.count)
            rows.append(x)
            targets.append(Double(x[0]) * Double(x[1]) / 10 + sin(Double(x[2])) + rng.unitDouble() * 3)
        }
        let pool = Array(0..<780)
        return (FeatureStore(matrix: Matrix(rows)), targets, pool, test, duplicates)
    }

    static func campaign(_ data: ReturnType, parameters: PruningParameters = Self.parameters) -> Pruning {
        Pruning(campaign: PruningCampaign(guide: NamedModel(name: "rf", kind: "random_forest", regressor: RandomForest(trees: 20)),
                                          transfer: NamedModel(name: "ridge", kind: "ridge", regressor: RidgeRegression(alphas: [1])),
                                          parameters: parameters),
                data: CampaignData(store: data.store, targets: data.targets, pool: data.pool,
                                   testSets: [NamedRows(name: "id", rows: data.test)], rowNames: data.targets.map { _ in "" }))
    }

    /// A campaign on its data with the seed 5.
    struct Pruning {
        let campaign: PruningCampaign
        let data: CampaignData

        func run(from state: PruningState, threads: Int, shouldStop: @escaping () -> Bool = { false },
                 checkpoint: (PruningState) throws -> Void) throws -> PruningState {
            try campaign.run(from: state, seed: 5, data: data,
                             environment: CampaignEnvironment(threadShare: { threads }, shouldStop: shouldStop), checkpoint: checkpoint)
        }

        func survivorOrder() -> [Int] { campaign.survivorOrder(pool: data.pool, seed: 5) }
    }
    typealias ReturnType = (store: FeatureStore, targets: [Double], pool: [Int], test: [Int], duplicates: Set<Int>)

    static var parameters: PruningParameters {
        var p = PruningParameters()
        p.minimumRemaining = 100
        return p
    }

    @Test func duplicatesArePrunedFirst() throws {
        let data = Self.plantedDuplicates()
        let state = try Self.campaign(data).run(from: PruningState(), threads: 1) { _ in }
        #expect(state.finished)
        // Duplicates are 480 of the 780 pool rows (62 %); among the first 200 rows removed they must
        // be far more common than that (measured: 88 %).
        let removalOrder = state.removedBatches.flatMap { $0 }
        let early = removalOrder.prefix(200).filter(data.duplicates.contains).count
        #expect(early >= 160, "\(early) of the first 200 rows removed are duplicates")
        let order = state.survivalOrder(pool: data.pool, survivorOrder: Self.campaign(data).survivorOrder())
        #expect(order.count == 780 && Set(order).count == 780)
        // The rows that survive longest are mostly originals.
        let longest = order.prefix(200)
        #expect(Double(longest.filter(data.duplicates.contains).count) / 200 < 0.5)
        #expect(state.iterations[0].kept == 780)
        #expect(state.iterations.allSatisfy { $0.metrics.contains { $0.role == "transfer" } })
    }

    @Test func aResumedCampaignEndsExactlyAsAnUninterruptedOne() throws {
        let data = Self.plantedDuplicates()
        let whole = try Self.campaign(data).run(from: PruningState(), threads: 1) { _ in }
        for stopAfter in [1, 2, 4] {
            var checkpoints: [PruningState] = []
            var calls = 0
            let partial = try Self.campaign(data).run(from: PruningState(), threads: 1,
                                                      shouldStop: { calls += 1; return calls > stopAfter }) { checkpoints.append($0) }
            #expect(!partial.finished)
            // Resume from the last checkpoint written, in a "new process".
            let resumed = try Self.campaign(data).run(from: checkpoints.last!, threads: 2) { _ in }
            #expect(resumed == whole, "stopped after \(stopAfter) iterations")
        }
    }

    @Test func atLeastTheMinimumIsDroppedEachIteration() throws {
        let data = Self.plantedDuplicates()
        var p = Self.parameters
        p.threshold = 1e-9   // almost nothing falls below: every batch is the minimum
        p.minimumDrop = 0.05
        let state = try Self.campaign(data, parameters: p).run(from: PruningState(), threads: 1) { _ in }
        // Each batch holds at least the minimum, or every held-out row when fewer were held out.
        var kept = 780
        for batch in state.removedBatches {
            #expect(batch.count >= min(39, Int((Double(kept) * 0.2).rounded())))
            kept -= batch.count
        }
        #expect(780 - state.removedCount >= 100)
        #expect(780 - state.removedCount - 39 < 100, "stops only when the next batch would leave too few rows")
    }
}
