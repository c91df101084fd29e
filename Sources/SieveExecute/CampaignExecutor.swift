import Foundation
import Synchronization
import SieveCore
import SievePlan
import SieveSelection

/// Runs (or resumes) campaigns through the ``Campaign`` protocol, checkpointing every iteration
/// in the store, and hands the training orders of finished campaigns to the runs that need them.
public final class CampaignExecutor: Sendable {
    let data: CampaignData
    let campaigns: [String: PlannedCampaign]
    let store: any ExecutionStore
    /// Where campaigns' external-command fits work: `<workRoot>/<campaign id>/<fit>/`, removed when
    /// the campaign is done (kept after a failure, to read what the command left).
    let workRoot: String?
    private let orders = Mutex([String: [Int]]())

    public init(data: ExperimentData, plan: ExperimentPlan, store: any ExecutionStore, workRoot: String? = nil) {
        self.data = data.campaignData
        self.campaigns = Dictionary(uniqueKeysWithValues: plan.campaigns.map { ($0.id, $0) })
        self.store = store
        self.workRoot = workRoot
    }

    /// Runs the campaign to its end, or until a stop is requested (from its checkpoint if one
    /// exists); its last record. `threadShare` is asked at every iteration. A failure becomes a
    /// failed record; a checkpoint that cannot be written fails the campaign.
    public func execute(_ planned: PlannedCampaign, threadShare: @escaping () -> Int, stop: StopSignal?) -> CampaignRecord {
        execute(planned.campaign, planned, threadShare: threadShare, stop: stop)
    }

    private func execute<C: Campaign>(_ campaign: C, _ planned: PlannedCampaign, threadShare: @escaping () -> Int,
                                      stop: StopSignal?) -> CampaignRecord {
        var file = store.checkpoint(planned.id, as: C.State.self)
            ?? CampaignFile(record: CampaignRecord(id: planned.id, kind: C.kind, strategy: campaign.strategy,
                                                   identity: planned.identity, status: .running, iterations: 0),
                            state: campaign.initialState())
        guard file.record.status != .done else { return file.record }
        file.record.kind = C.kind
        file.record.status = .running
        file.record.error = nil
        let environment = CampaignEnvironment(threadShare: threadShare, shouldStop: { stop?.isRequested == true })
        let folder = workRoot.map { PathText.join($0, planned.id) }
        let data = self.data.scoped(folder: folder, label: planned.label)
        defer {
            if let folder, file.record.status == .done { try? FileManager.default.removeItem(atPath: folder) }
        }
        do {
            let state = try campaign.run(from: file.state, id: planned.id, data: data, environment: environment) { state in
                file.state = state
                file.record.iterations = campaign.iterationsDone(state)
                file.record.note = campaign.progressNote(state)
                try store.writeCheckpoint(file)
            }
            file.state = state
            file.record.iterations = campaign.iterationsDone(state)
            file.record.note = campaign.progressNote(state)
            file.record.status = campaign.isFinished(state) ? .done : .running
        } catch {
            file.record.status = .failed
            file.record.error = "\(error)"
        }
        do {
            try store.writeCheckpoint(file)
        } catch {
            file.record.status = .failed
            file.record.error = "The campaign's last checkpoint could not be written: \(error)"
        }
        return file.record
    }

    /// The pool ordered for runs that train on a finished campaign's result.
    func trainingOrder(_ campaignID: String) throws -> [Int] {
        if let cached = orders.withLock({ $0[campaignID] }) { return cached }
        guard let planned = campaigns[campaignID] else { throw CampaignUnavailable(id: campaignID, status: nil) }
        let order = try trainingOrder(planned.campaign, planned)
        orders.withLock { $0[campaignID] = order }
        return order
    }

    private func trainingOrder<C: Campaign>(_ campaign: C, _ planned: PlannedCampaign) throws -> [Int] {
        guard let file = store.checkpoint(planned.id, as: C.State.self), file.record.status == .done,
              let order = campaign.trainingOrder(file.state, id: planned.id, data: data) else {
            throw CampaignUnavailable(id: planned.id, status: store.checkpoint(planned.id, as: C.State.self)?.record.status)
        }
        return order
    }
}

/// A run needs a campaign's result that is not there.
struct CampaignUnavailable: Error, CustomStringConvertible {
    let id: String
    let status: CampaignRecord.Status?
    var description: String {
        "It trains on the result of campaign \(id), which " + (status == .failed ? "failed" : "has not finished") + "."
    }
}
