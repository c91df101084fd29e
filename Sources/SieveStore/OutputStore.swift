import SieveCore
import SieveExecute
import SieveSelection

/// An output folder's run records and campaign checkpoints, as execution writes them.
public struct OutputStore: ExecutionStore {
    public let runs: RunStore
    public let campaigns: CampaignStore

    public init(output: String) {
        runs = RunStore(output: output)
        campaigns = CampaignStore(output: output)
    }

    public func claimRun(_ runID: String) -> Bool {
        guard runs.claim(runID) == nil else { return false }
        // Another process may have finished the run (and cleared its marker) since this one
        // planned it: a claim on a finished run is given back, never run twice.
        if runs.record(id: runID)?.status == .done {
            runs.clearMarker(runID)
            return false
        }
        return true
    }

    public func claimCampaign(_ id: String) -> Bool { campaigns.claim(id) == nil }

    public func releaseCampaign(_ id: String) { campaigns.release(id) }

    public func store(_ record: RunRecord) throws {
        try runs.write(record)
        runs.clearMarker(record.id)
    }

    public func checkpoint<State: Codable & Sendable & Equatable>(_ id: String, as state: State.Type) -> CampaignFile<State>? {
        campaigns.file(id: id, as: state)
    }

    public func writeCheckpoint<State: Codable & Sendable & Equatable>(_ file: CampaignFile<State>) throws { try campaigns.write(file) }
}
