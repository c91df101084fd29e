import SieveCore
import SieveSelection

/// Where execution keeps what it did: run records and campaign checkpoints. The store stage
/// implements it; execution never touches files itself.
public protocol ExecutionStore: Sendable {
    /// Marks a run as under way (so another look can tell interrupted from never started).
    func markStarted(_ runID: String)
    /// Stores a finished (or failed) run's record and clears its mark.
    func store(_ record: RunRecord) throws
    /// A campaign's checkpoint, if one was written.
    func checkpoint<State: Codable & Sendable & Equatable>(_ id: String, as state: State.Type) -> CampaignFile<State>?
    /// Writes a campaign's checkpoint atomically.
    func writeCheckpoint<State: Codable & Sendable & Equatable>(_ file: CampaignFile<State>) throws
}
