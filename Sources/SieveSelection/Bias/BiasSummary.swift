/// The bias of one set of labelled rows across groups (ET-AL's metric): per group the count, the
/// label range and the differential entropy of the labels (``DifferentialEntropy``); across groups
/// the lowest entropy and the spread (highest − lowest).
///
/// Zhang, Chen, Rondinelli & Chen, "ET-AL: Entropy-targeted active learning for bias mitigation in
/// materials data", Appl. Phys. Rev. 10, 021403 (2023): an even spread of entropies across crystal
/// systems means no system is under-covered. Groups with fewer than 5 rows have no entropy (NaN, as
/// in SciPy) and take no part in the minimum and spread; a group with −∞ (a run of tied labels
/// longer than the window) does, so the spread is then +∞.
public struct BiasSummary: Sendable, Equatable, Codable {
    /// One group's numbers.
    public struct Group: Sendable, Equatable, Codable {
        public var name: String
        public var count: Int
        public var entropy: Double
        public var minimumLabel: Double
        public var maximumLabel: Double
    }

    /// Which set of rows this describes, e.g. "pool", "id-test" or a training set's name.
    public var set: String
    /// Groups in ascending order of name (byte order, so the same on every machine).
    public var groups: [Group]

    /// Summarises the rows of one set: `labels[i]` belongs to group `groups[i]`.
    public init(set: String, labels: [Double], groups: [String]) {
        precondition(labels.count == groups.count, "Every label needs a group.")
        self.set = set
        var byGroup: [String: [Double]] = [:]
        for (label, group) in zip(labels, groups) { byGroup[group, default: []].append(label) }
        self.groups = byGroup.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.map { name in
            let values = byGroup[name]!
            return Group(name: name, count: values.count, entropy: DifferentialEntropy.of(values),
                         minimumLabel: values.min()!, maximumLabel: values.max()!)
        }
    }

    /// The lowest entropy over the groups that have one, or nil when none has.
    public var minimumEntropy: Double? {
        groups.map(\.entropy).filter { !$0.isNaN }.min()
    }

    /// Highest minus lowest entropy over the groups that have one, or nil when none has.
    public var spread: Double? {
        let defined = groups.map(\.entropy).filter { !$0.isNaN }
        guard let low = defined.min(), let high = defined.max() else { return nil }
        return high - low
    }

    /// Columns of ``tableRows``.
    public static let tableHeader = ["set", "group", "count", "entropy", "min_label", "max_label"]

    /// One row per group, then two summary rows whose group column reads "(min entropy)" and
    /// "(spread)": the number in the entropy column, the set's total count in the count column, the
    /// label columns empty. Numbers are `Double.description` (they round-trip; "nan", "-inf").
    public var tableRows: [[String]] {
        var rows = groups.map { g in
            [set, g.name, String(g.count), g.entropy.description, g.minimumLabel.description, g.maximumLabel.description]
        }
        let total = groups.reduce(0) { $0 + $1.count }
        rows.append([set, "(min entropy)", String(total), (minimumEntropy ?? .nan).description, "", ""])
        rows.append([set, "(spread)", String(total), (spread ?? .nan).description, "", ""])
        return rows
    }
}
