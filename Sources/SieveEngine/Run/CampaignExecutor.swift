import Foundation
import Synchronization
import SieveCore
import SieveSelection

/// Runs (or resumes) pruning campaigns and hands their survival orders to the runs that train on
/// pruned sets.
public final class CampaignExecutor: Sendable {
    let data: ExperimentData
    let pruning: [String: CheckedPruning]
    let activeLearning: CheckedActiveLearning?
    let store: CampaignStore
    private let orders = Mutex([String: [Int]]())

    init(data: ExperimentData, pruning: [CheckedPruning], activeLearning: CheckedActiveLearning?, store: CampaignStore) {
        self.data = data
        self.pruning = Dictionary(uniqueKeysWithValues: pruning.map { ($0.strategy, $0) })
        self.activeLearning = activeLearning
        self.store = store
    }

    func activeLearningCampaign(for planned: PlannedCampaign, seed: Int) -> ActiveLearningCampaign {
        let al = activeLearning!
        let strategy = al.strategies.first { $0.name == planned.strategy }!
        let n = data.pool.count
        return ActiveLearningCampaign(
            store: data.store, targets: data.targets, pool: data.pool, testSets: data.testSets.map { (name: $0.name, rows: $0.rows) },
            strategy: strategy, evaluate: al.evaluate.map { .init(name: $0.name, regressor: $0.regressor) },
            extra: al.extra.map { .init(name: $0.name, regressor: $0.regressor) },
            initial: max(2, al.initial.rows(inPool: n)), batch: max(1, al.batch.rows(inPool: n)), stop: al.stop.rows(inPool: n),
            seed: StableSeed.of("active-learning|\(planned.strategy)|seed=\(seed)"))
    }

    func campaign(for planned: PlannedCampaign) -> PruningCampaign {
        let spec = pruning[planned.strategy]!
        let sets = data.testSets.map { (name: $0.name, rows: $0.rows) }
        return PruningCampaign(store: data.store, targets: data.targets, pool: data.pool, testSets: sets,
                               guide: .init(name: spec.guide.name, regressor: spec.guide.regressor),
                               transfer: spec.transfer.map { .init(name: $0.name, regressor: $0.regressor) },
                               parameters: spec.parameters, seed: StableSeed.of("campaign|" + planned.id))
    }

    /// Runs the campaign to its end (from its checkpoint if one exists); the final record.
    /// `threadShare` is asked at every iteration.
    func execute(_ planned: PlannedCampaign, threadShare: () -> Int, stop: StopSignal?,
                 onIteration: (PruningState) -> Void) -> CampaignRecord {
        var record = store.record(id: planned.id)
            ?? CampaignRecord(id: planned.id, strategy: planned.strategy, identity: planned.identity, status: .running,
                              state: PruningState(), error: nil)
        guard record.status != .done else { return record }
        record.status = .running
        record.error = nil
        let shouldStop = { stop?.isRequested == true }
        do {
            let finished: Bool
            if case let .activeLearning(seed) = planned.kind {
                let state = try activeLearningCampaign(for: planned, seed: seed).run(
                    from: record.activeLearning ?? ActiveLearningState(), threadShare: threadShare, shouldStop: shouldStop) { state in
                        record.activeLearning = state
                        try store.write(record)
                    }
                record.activeLearning = state
                finished = state.finished
            } else {
                let state = try campaign(for: planned).run(from: record.state, threadShare: threadShare, shouldStop: shouldStop) { state in
                    record.state = state
                    try store.write(record)
                    onIteration(state)
                }
                record.state = state
                finished = state.finished
            }
            record.status = finished ? .done : .running
        } catch {
            record.status = .failed
            record.error = "\(error)"
        }
        try? store.write(record)
        return record
    }

    /// The pool ordered from the rows that survived pruning longest, for a finished campaign.
    func survivalOrder(_ campaignID: String) throws -> [Int] {
        if let cached = orders.withLock({ $0[campaignID] }) { return cached }
        guard let record = store.record(id: campaignID), record.status == .done else {
            throw CampaignUnavailable(id: campaignID, status: store.record(id: campaignID)?.status)
        }
        let planned = PlannedCampaign(strategy: record.strategy, id: record.id, identity: record.identity, cost: 0)
        let order = record.state.survivalOrder(pool: data.pool, survivorOrder: campaign(for: planned).survivorOrder())
        orders.withLock { $0[campaignID] = order }
        return order
    }
}

/// A run needs a pruning campaign that has not finished.
struct CampaignUnavailable: Error, CustomStringConvertible {
    let id: String
    let status: CampaignRecord.Status?
    var description: String {
        "It trains on the pruned set of campaign \(id), which " + (status == .failed ? "failed" : "has not finished") + "."
    }
}
