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
    /// This process's claims in the store, and their lease.
    public let claims: ClaimRegistry

    public init(output: String, claims: ClaimRegistry = ClaimRegistry()) {
        folder = PathText.join(output, "campaigns")
        self.claims = claims
    }

    private func markerPath(_ id: String) -> String { PathText.join(folder, "\(id).started") }

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
    public func claim(_ id: String) -> ClaimHolder? { claims.claim(markerPath(id), folder: folder) }

    public func release(_ id: String) { claims.release(markerPath(id)) }

    /// Who holds campaign `id`'s marker, if there is one.
    public func holder(of id: String) -> ClaimHolder? { claims.holder(markerPath(id)) }

    /// The ids of the campaigns with a marker in the store, held or stale.
    public func markedIDs() -> [String] { ClaimFile.markedIDs(in: folder) }

    /// Removes campaign `id`'s marker whoever holds it: `sieve unlock`'s deliberate takeover.
    public func removeMarker(_ id: String) { unlink(markerPath(id)) }

    public func write<State: Codable & Sendable & Equatable>(_ file: CampaignFile<State>) throws {
        try AtomicFile.write([UInt8](try RunStore.encoder.encode(file)), to: path(file.record.id))
    }
}
