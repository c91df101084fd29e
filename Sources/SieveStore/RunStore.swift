import Foundation
import SieveCore

/// One JSON record per finished run, in `<output>/runs/<run id>.json`, each written atomically.
///
/// A record on disk is complete by construction (temporary file + rename), so whatever the store
/// holds after a crash is trustworthy; a run without a record is simply not done. While a run is
/// under way, `<run id>.started` marks it (with the process and host), so a later look can tell
/// an interrupted run from one never started, and from one another process is running now.
public struct RunStore: Sendable {
    public let folder: String

    public init(output: String) {
        folder = PathText.join(output, "runs")
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

    // MARK: Markers of runs under way

    /// Who is running a run: written when it starts, removed when its record is stored.
    public struct Marker: Codable, Sendable, Equatable {
        public var pid: Int32
        public var host: String
        public var started: String
    }

    /// Claims run `id` for this process: creates its marker only if none exists (O_EXCL, atomic on
    /// local and network file systems), so two processes on one store never run it twice. A
    /// marker left by a dead process of this host is taken over. Returns nil when the claim is
    /// ours, or the marker of the process that holds it.
    public func claim(_ id: String) -> Marker? {
        MarkerFile.claim(markerPath(of: id), folder: folder)
    }

    public func clearMarker(_ id: String) {
        unlink(markerPath(of: id))
    }

    public func marker(of id: String) -> Marker? { MarkerFile.read(markerPath(of: id)) }

    /// Removes the markers left by processes of this host that are gone (their runs are either
    /// done, or interrupted and about to be redone, which marks them afresh).
    public func removeDeadMarkers() {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        for name in names where name.hasSuffix(".started") && !name.hasPrefix(".") {
            let id = String(name.dropLast(".started".count))
            if let marker = marker(of: id), marker.host == ProcessInfo.processInfo.hostName, !RunStore.isAlive(marker) {
                clearMarker(id)
            }
        }
    }

    /// Whether the marker's process is still alive (only knowable on its own host).
    public static func isAlive(_ marker: Marker) -> Bool {
        marker.host == ProcessInfo.processInfo.hostName && marker.pid != getpid() && kill(marker.pid, 0) == 0
    }

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
