import SieveCore
import SieveExecute
import SieveSelection

/// An output folder's run records and campaign checkpoints, as execution writes them.
public struct OutputStore: ExecutionStore {
    public let runs: RunStore
    public let campaigns: CampaignStore

    /// `lease`: seconds after which another host's claim that was not refreshed is stale.
    public init(output: String, lease: Double = ClaimRegistry.defaultLease) {
        let claims = ClaimRegistry(lease: lease)
        runs = RunStore(output: output, claims: claims)
        campaigns = CampaignStore(output: output, claims: claims)
    }

    public func claimRun(_ runID: String) -> ClaimResult {
        claim(runs.claim(runID) == nil, finished: runs.record(id: runID)?.status == .done) { runs.release(runID) }
    }

    public func claimCampaign(_ id: String) -> ClaimResult {
        claim(campaigns.claim(id) == nil, finished: campaigns.record(id: id)?.status == .done) { campaigns.release(id) }
    }

    /// Another process may have finished the work (and released its claim) since this one
    /// planned it: a claim on finished work is given back, never run twice.
    private func claim(_ taken: Bool, finished: @autoclosure () -> Bool, release: () -> Void) -> ClaimResult {
        guard taken else { return .heldElsewhere }
        guard !finished() else {
            release()
            return .finished
        }
        return .ours
    }

    public func releaseCampaign(_ id: String) { campaigns.release(id) }

    /// Removes the stale claims on runs and campaigns that are finished (a holder killed after
    /// storing its record but before releasing its claim). Each goes through the claim protocol,
    /// so a claim that is still held is left alone.
    public func removeStaleClaimsOfFinishedWork() {
        for id in runs.markedIDs() where runs.record(id: id) != nil {
            if runs.claim(id) == nil { runs.release(id) }
        }
        for id in campaigns.markedIDs() where campaigns.record(id: id)?.status == .done {
            if campaigns.claim(id) == nil { campaigns.release(id) }
        }
    }

    public func store(_ record: RunRecord) throws {
        try runs.write(record)
        FaultInjection.reach(.recordWritten)
        runs.release(record.id)
    }

    public func checkpoint<State: Codable & Sendable & Equatable>(_ id: String, as state: State.Type) -> CampaignFile<State>? {
        campaigns.file(id: id, as: state)
    }

    public func writeCheckpoint<State: Codable & Sendable & Equatable>(_ file: CampaignFile<State>) throws {
        try campaigns.write(file)
        FaultInjection.reach(.checkpointWritten)
    }
}
