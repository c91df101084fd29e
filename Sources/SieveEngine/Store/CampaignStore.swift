import Foundation
import SieveCore
import SieveSelection

/// A pruning campaign's checkpoint: written atomically after every iteration, so an interrupted
/// campaign resumes from its last finished iteration.
public struct CampaignRecord: Sendable, Codable, Equatable {
    public enum Status: String, Sendable, Codable { case running, done, failed }

    public var id: String
    public var strategy: String
    public var identity: RunIdentity
    public var status: Status
    /// A pruning campaign's state (empty for active learning).
    public var state: PruningState
    /// An active-learning campaign's state.
    public var activeLearning: ActiveLearningState?
    public var error: String?
}

/// Campaign checkpoints in `<output>/campaigns/<id>.json`.
public struct CampaignStore: Sendable {
    public let folder: String

    public init(output: String) { folder = PathText.join(output, "campaigns") }

    private func path(_ id: String) -> String { PathText.join(folder, "\(id).json") }

    public func record(id: String) -> CampaignRecord? {
        guard let data = FileManager.default.contents(atPath: path(id)) else { return nil }
        return try? RunStore.decoder.decode(CampaignRecord.self, from: data)
    }

    public func write(_ record: CampaignRecord) throws {
        try AtomicFile.write([UInt8](try RunStore.encoder.encode(record)), to: path(record.id))
    }
}
