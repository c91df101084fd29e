import SieveCore

/// What to do with rows that share a composition (polymorphs of one formula, or the same
/// formula written twice): for a composition-only model they are one input with several targets.
public struct DuplicateRule: Sendable, Equatable {
    public enum Keep: String, Sendable, CaseIterable {
        /// The row with the lowest target (the ground-state polymorph for formation energies).
        case lowest
        case highest
        /// One row (the first) whose target is the mean of the group's.
        case mean
        /// The first row in file order.
        case first
        /// Every row: duplicates are counted, not merged.
        case all
    }

    public var keep: Keep

    public init(keep: Keep) { self.keep = keep }
}

/// A seeded random subset of a dataset's rows, so a study can be sized to the machine.
public struct RowSample: Sendable, Equatable {
    public var rows: Int
    public var seed: Int

    public init(rows: Int, seed: Int = 0) { self.rows = rows; self.seed = seed }
}

/// What the row rules did to a dataset, for `sieve validate`, the manifest and the report.
public struct RowRuleCounts: Sendable, Equatable, Codable {
    /// Rows left out by the dataset's `keep_rows` rule.
    public var filtered = 0
    /// Rows in groups that share a composition with another row (before merging).
    public var duplicateRows = 0
    /// Compositions held by more than one row.
    public var duplicateGroups = 0
    /// Rows merged away by the duplicate rule.
    public var merged = 0
    /// Rows before `sample` kept a subset, when it did.
    public var sampledFrom: Int?

    public init() {}
}

extension Dataset {
    /// The dataset after its row rules, in order: rows outside `keep` go, rows sharing a reduced
    /// composition are merged as `duplicates` says, then a seeded `sample` is drawn. Kept rows stay
    /// in file order.
    public func applying(keep: RowRule?, duplicates: DuplicateRule?, sample: RowSample?) -> (Dataset, RowRuleCounts) {
        var counts = RowRuleCounts()
        var data = self
        if let keep {
            let rows = (0..<count).filter { keep.matches(compositions?[$0], target: targets[$0], group: groups?[$0]) }
            counts.filtered = count - rows.count
            data = data.selecting(rows: rows)
        }
        if let compositions = data.compositions {
            var groups: [String: [Int]] = [:]
            var order: [String] = []
            for (i, c) in compositions.enumerated() {
                let key = c.reducedKey
                if groups[key] == nil { order.append(key) }
                groups[key, default: []].append(i)
            }
            let shared = order.compactMap { groups[$0] }.filter { $0.count > 1 }
            counts.duplicateGroups = shared.count
            counts.duplicateRows = shared.reduce(0) { $0 + $1.count }
            if let duplicates, duplicates.keep != .all {
                var kept: [Int] = []
                var means: [Int: Double] = [:]
                for key in order {
                    let rows = groups[key]!
                    switch duplicates.keep {
                    case .first, .all: kept.append(rows[0])
                    case .lowest: kept.append(rows.min { (data.targets[$0], $0) < (data.targets[$1], $1) }!)
                    case .highest: kept.append(rows.max { (data.targets[$0], -$0) < (data.targets[$1], -$1) }!)
                    case .mean:
                        kept.append(rows[0])
                        if rows.count > 1 { means[rows[0]] = rows.map { data.targets[$0] }.reduce(0, +) / Double(rows.count) }
                    }
                }
                kept.sort()
                counts.merged = data.count - kept.count
                var selected = data.selecting(rows: kept)
                for (position, row) in kept.enumerated() { if let m = means[row] { selected.targets[position] = m } }
                data = selected
            }
        }
        if let sample, sample.rows < data.count {
            counts.sampledFrom = data.count
            var rng = Xoshiro256(seed: StableSeed.of("dataset-sample|seed=\(sample.seed)"))
            data = data.selecting(rows: rng.sample(sample.rows, from: data.count).sorted())
        }
        return (data, counts)
    }
}
