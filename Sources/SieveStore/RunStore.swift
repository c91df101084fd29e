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
        try AtomicFile.write(Self.encode(record), to: path(of: record.id))
    }

    /// The record of run `id`, or nil when the run has none (or an unreadable one).
    public func record(id: String) -> RunRecord? {
        guard let data = FileManager.default.contents(atPath: path(of: id)) else { return nil }
        return try? Self.decoder.decode(RunRecord.self, from: data)
    }

    /// The records of the given runs that exist, in the given order.
    public func records(ids: [String]) -> [RunRecord] { ids.compactMap(record(id:)) }

    /// Every readable record in the store, whichever plan it belongs to.
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

    public func markStarted(_ id: String) {
        let marker = Marker(pid: getpid(), host: ProcessInfo.processInfo.hostName, started: Date().formatted(.iso8601))
        if let data = try? JSONEncoder().encode(marker) {
            try? AtomicFile.write([UInt8](data), to: markerPath(of: id), durable: false)
        }
    }

    public func clearMarker(_ id: String) {
        unlink(markerPath(of: id))
    }

    public func marker(of id: String) -> Marker? {
        guard let data = FileManager.default.contents(atPath: markerPath(of: id)) else { return nil }
        return try? JSONDecoder().decode(Marker.self, from: data)
    }

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
