/// Where a causal subset-selection run stands: the rows chosen so far and one record per iteration.
///
/// Plain values only, so a campaign can checkpoint it after every iteration and resume from it;
/// the next iteration's random draws depend only on the seed and the iteration number.
public struct CausalSelectionState: Sendable, Codable, Equatable {
    /// Pool rows in the current set, in the order they were added.
    public var rows: [Int]
    public var iterations: [CausalSelectionIteration]

    public init(rows: [Int], iterations: [CausalSelectionIteration] = []) {
        self.rows = rows
        self.iterations = iterations
    }

    /// Completed iterations (the starting row is not one).
    public var completed: Int { iterations.count }
}

/// One iteration of causal subset selection.
public struct CausalSelectionIteration: Sendable, Codable, Equatable {
    /// 1 for the first batch added.
    public let iteration: Int
    /// The subset whose batch was kept.
    public let chosenSubset: Int
    /// The graph loss of the kept candidate against the global graph.
    public let loss: Double
    /// Rows in the set after this iteration.
    public let size: Int
    /// The loss of each subset's candidate; nil where the random control did not fit it.
    public let candidateLosses: [Double?]
    /// The kept candidate's adjacency matrix (row-major), for heat maps of the graph as it grows.
    public let adjacency: [Double]
    /// The rows added this iteration.
    public let added: [Int]
}
