import Foundation
import SieveCore

/// One JSON record per finished run, in `<output>/runs/<run id>.json`, each written atomically.
///
/// A record on disk is complete by construction (temporary file + rename), so whatever the store
/// holds after a crash is trustworthy; a run without a record is simply not done. While a run is
/// under way, `<run id>.started` is its claim (see ``ClaimFile``), so a later look can tell an
/// interrupted run from one never started, and from one another process is running now.
public struct RunStore: Sendable {
    public let folder: String
    /// This process's claims in the store, and their lease.
    public let claims: ClaimRegistry

    public init(output: String, claims: ClaimRegistry = ClaimRegistry()) {
        folder = PathText.join(output, "runs")
        self.claims = claims
    }

    private func path(of id: String) -> String { PathText.join(folder, "\(id).json") }
    private func markerPath(of id: String) -> String { PathText.join(folder, "\(id).started") }

    public func write(_ record: RunRecord) throws {
        try AtomicFile.write(Self.encode(Self.sealed(record)), to: path(of: record.id))
    }

    /// What reading a run's record found.
    public enum Read: Sendable {
        case missing
        case valid(RunRecord)
        /// A file is there but cannot be trusted: it does not parse, names another run, or its
        /// checksum does not match its content.
        case corrupt(path: String, reason: String)
    }

    /// The record of run `id`, checked: it must parse, carry the id its file name says, and match
    /// its checksum (records written before checksums existed are checked by id only).
    public func read(id: String) -> Read {
        let file = path(of: id)
        guard let data = FileManager.default.contents(atPath: file) else { return .missing }
        guard let record = try? Self.decoder.decode(RunRecord.self, from: data) else {
            return .corrupt(path: file, reason: "it is not a readable run record")
        }
        guard record.id == id else {
            return .corrupt(path: file, reason: "it is the record of run \(record.id), not of \(id)")
        }
        if let checksum = record.checksum, checksum != Self.checksum(of: record) {
            return .corrupt(path: file, reason: "its content does not match its checksum")
        }
        return .valid(record)
    }

    /// The record of run `id`, or nil when the run has none or an untrustworthy one.
    public func record(id: String) -> RunRecord? {
        if case let .valid(record) = read(id: id) { return record }
        return nil
    }

    /// The record with its checksum set.
    static func sealed(_ record: RunRecord) -> RunRecord {
        var sealed = record
        sealed.checksum = checksum(of: record)
        return sealed
    }

    /// SHA-256 of the record's canonical JSON (sorted keys) without its checksum.
    static func checksum(of record: RunRecord) -> String {
        var bare = record
        bare.checksum = nil
        return ContentHash.hex(of: (try? encode(bare)) ?? "")
    }

    /// The records of the given runs that exist, in the given order.
    public func records(ids: [String]) -> [RunRecord] { ids.compactMap(record(id:)) }

    /// Every trustworthy record in the store, whichever plan it belongs to.
    public func allRecords() -> [RunRecord] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.sorted()
            .compactMap { record(id: String($0.dropLast(5))) }
    }

    // MARK: Claims of runs under way

    /// Claims run `id` for this process (see ``ClaimFile``): two processes on one store, on one
    /// host or several, never run it at once, and a claim whose holder died is taken over. Returns
    /// nil when the claim is ours, or who holds it.
    public func claim(_ id: String) -> ClaimHolder? {
        claims.claim(markerPath(of: id), folder: folder)
    }

    /// Gives back this process's claim on run `id` (removes its marker).
    public func release(_ id: String) {
        claims.release(markerPath(of: id))
    }

    /// Who holds run `id`'s marker, if there is one.
    public func holder(of id: String) -> ClaimHolder? { claims.holder(markerPath(of: id)) }

    /// The ids of the runs with a marker in the store, held or stale.
    public func markedIDs() -> [String] { ClaimFile.markedIDs(in: folder) }

    /// Removes run `id`'s marker whoever holds it: `sieve unlock`'s deliberate takeover.
    public func removeMarker(_ id: String) { unlink(markerPath(of: id)) }

    // MARK: Encoding

    static func encode(_ record: RunRecord) throws -> String {
        String(decoding: try encoder.encode(record), as: UTF8.self) + "\n"
    }

    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .prettyPrinted]
        e.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return e
    }()

    static let decoder: JSONDecoder = {
        let d = JSONDecoder()
        d.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return d
    }()
}
