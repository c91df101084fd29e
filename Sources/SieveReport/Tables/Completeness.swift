import SieveCore

/// How many of a learning-curve point's planned runs (one per seed) are in its means, failed, or
/// have no record yet: what the tables' status column says, so a mean over fewer seeds than
/// planned never passes for a whole one.
public struct Completeness: Sendable, Equatable {
    public var planned = 0
    public var done = 0
    public var failed = 0
    public var notRun: Int { planned - done - failed }

    public init() {}

    public var isComplete: Bool { done == planned }

    /// "complete", "1 of 3 failed", "2 failed, 1 not run".
    public var text: String {
        if isComplete { return "complete" }
        var parts: [String] = []
        if failed > 0 { parts.append("\(failed) failed") }
        if notRun > 0 { parts.append("\(notRun) not run") }
        return parts.joined(separator: ", ") + " of \(planned)"
    }

    /// The point a run key belongs to: model, strategy and training size.
    public static func point(_ key: RunKey) -> String { point(key.model, key.strategy, key.trainSize) }

    public static func point(_ model: String, _ strategy: String, _ size: TrainSize) -> String { "\(model)|\(strategy)|\(size)" }

    /// Each point's counts, from the plan's run keys and the records found.
    public static func byPoint(planned: [RunKey], records: [RunRecord]) -> [String: Completeness] {
        var counts: [String: Completeness] = [:]
        for key in planned { counts[point(key), default: Completeness()].planned += 1 }
        for record in records {
            let p = point(record.key)
            guard counts[p] != nil else { continue }
            if record.status == .done { counts[p]!.done += 1 } else { counts[p]!.failed += 1 }
        }
        return counts
    }

    /// The planned points that have no done run at all (so no row of their own), in key order.
    public static func pointsWithoutResults(planned: [RunKey], groups: [ResultGroup]) -> [RunKey] {
        let shown = Set(groups.map { point($0.model, $0.strategy, $0.trainSize) })
        var seen = Set<String>()
        return planned.sorted().filter { key in !shown.contains(point(key)) && seen.insert(point(key)).inserted }
    }
}

extension Completeness {
    /// The counts of every planned point of a grid.
    public struct Table: Sendable {
        public let counts: [String: Completeness]
        /// Planned points with no done run, in key order.
        public let withoutResults: [RunKey]

        public init(planned: [RunKey], records: [RunRecord], groups: [ResultGroup]) {
            counts = Completeness.byPoint(planned: planned, records: records)
            withoutResults = Completeness.pointsWithoutResults(planned: planned, groups: groups)
        }

        public var isComplete: Bool { counts.values.allSatisfy(\.isComplete) }
        public var failed: Int { counts.values.map(\.failed).reduce(0, +) }
        public var notRun: Int { counts.values.map(\.notRun).reduce(0, +) }
    }
}
