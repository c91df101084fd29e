import SieveCore
import SieveSelection

/// Where execution keeps what it did: run records and campaign checkpoints. The store stage
/// implements it; execution never touches files itself.
public protocol ExecutionStore: Sendable {
    /// Claims a run for this process (marking it under way, so another look can tell interrupted
    /// from never started).
    func claimRun(_ runID: String) -> ClaimResult
    /// Claims a campaign for this process.
    func claimCampaign(_ id: String) -> ClaimResult
    func releaseCampaign(_ id: String)
    /// Stores a finished (or failed) run's record and clears its mark.
    func store(_ record: RunRecord) throws
    /// A campaign's checkpoint, if one was written.
    func checkpoint<State: Codable & Sendable & Equatable>(_ id: String, as state: State.Type) -> CampaignFile<State>?
    /// Writes a campaign's checkpoint atomically.
    func writeCheckpoint<State: Codable & Sendable & Equatable>(_ file: CampaignFile<State>) throws
}

/// What claiming a run or campaign found.
public enum ClaimResult: Sendable, Equatable {
    /// This process holds it now and runs it.
    case ours
    /// Another process finished it since the plan was read.
    case finished
    /// A live process (of this host, or another whose lease is fresh) holds it.
    case heldElsewhere
}
