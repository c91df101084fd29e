import Foundation
#if canImport(Glibc)
import Glibc
#endif
import SieveCore
import SieveSelection

/// Campaign checkpoints in `<output>/campaigns/<id>.json`: each a ``CampaignFile`` (the record and
/// the kind's state), written atomically after every iteration.
public struct CampaignStore: Sendable {
    public let folder: String

    public init(output: String) { folder = PathText.join(output, "campaigns") }

    private func path(_ id: String) -> String { PathText.join(folder, "\(id).json") }

    /// The record of campaign `id` (its state left unread), or nil when it has no readable checkpoint.
    public func record(id: String) -> CampaignRecord? {
        guard let data = FileManager.default.contents(atPath: path(id)) else { return nil }
        return try? RunStore.decoder.decode(CampaignRecord.self, from: data)
    }

    /// The whole checkpoint of campaign `id` with its state, or nil when it has none (or one
    /// written for another kind).
    public func file<State: Codable & Sendable & Equatable>(id: String, as: State.Type) -> CampaignFile<State>? {
        guard let data = FileManager.default.contents(atPath: path(id)) else { return nil }
        return try? RunStore.decoder.decode(CampaignFile<State>.self, from: data)
    }

    /// Claims campaign `id` for this process (see ``RunStore/claim(_:)``); nil when ours.
    public func claim(_ id: String) -> RunStore.Marker? {
        MarkerFile.claim(PathText.join(folder, "\(id).started"), folder: folder)
    }

    public func release(_ id: String) { unlink(PathText.join(folder, "\(id).started")) }

    public func write<State: Codable & Sendable & Equatable>(_ file: CampaignFile<State>) throws {
        try AtomicFile.write([UInt8](try RunStore.encoder.encode(file)), to: path(file.record.id))
    }
}
