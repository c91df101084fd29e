/// How redundant data are pruned (Li et al., "Exploiting redundancy in large materials datasets
/// for efficient machine learning with less data", Nat. Commun. 14, 7283, 2023). Defaults are
/// those of the authors' code (`mathsphy/paper-data-redundancy`, `prune_rd`).
public struct PruningParameters: Sendable, Equatable, Codable {
    /// Rows whose error is below `threshold × MAE` (the guide model's MAE on the ID test set when
    /// trained on the whole pool) are redundant.
    public var threshold = 0.5
    /// Fraction of the remaining rows held out each iteration to find redundant ones.
    public var holdout = 0.2
    /// At least this fraction of the original pool is removed each iteration (the lowest-error
    /// held-out rows when too few fall below the threshold).
    public var minimumDrop = 0.01
    /// Pruning stops when fewer rows than this would remain.
    public var minimumRemaining = 300

    public init() {}

    public var problems: [(parameter: String, message: String)] {
        var out: [(String, String)] = []
        if !(threshold > 0) { out.append(("threshold", "threshold must be positive, got \(threshold).")) }
        if !(holdout > 0 && holdout < 1) { out.append(("holdout", "holdout must be in (0, 1), got \(holdout).")) }
        if !(minimumDrop > 0 && minimumDrop < 1) { out.append(("min_drop", "min_drop must be in (0, 1), got \(minimumDrop).")) }
        if minimumRemaining < 2 { out.append(("min_remaining", "min_remaining must be at least 2, got \(minimumRemaining).")) }
        return out
    }
}
