import Foundation
import SieveCore

/// One JSON record per finished run, in `<output>/runs/<run id>.json`, each written atomically.
///
/// A record on disk is complete by construction (temporary file + rename), so whatever the store
/// holds after a crash is trustworthy; a run without a record is simply not done.
public struct RunStore: Sendable {
    public let folder: String

    public init(output: String) {
        folder = PathText.join(output, "runs")
    }

    private func path(of id: String) -> String { PathText.join(folder, "\(id).json") }

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
