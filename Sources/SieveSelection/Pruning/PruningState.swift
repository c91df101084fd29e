import SieveCore

/// Everything a pruning campaign has done so far: enough to resume it after any iteration and to
/// give the order in which the pool's rows were found redundant.
public struct PruningState: Sendable, Equatable, Codable {
    /// The guide model's MAE on the ID test set when trained on the whole pool.
    public var fullPoolMAE: Double?
    /// Rows removed by each iteration, in order; within a batch, lowest error first.
    public var removedBatches: [[Int]] = []
    /// What each recorded iteration measured.
    public var iterations: [PruningIteration] = []
    /// True once the stopping rule was met.
    public var finished = false

    public init() {}

    public var removedCount: Int { removedBatches.reduce(0) { $0 + $1.count } }

    /// The pool ordered from the rows that survived longest to the first removed: the rows never
    /// removed (in `survivorOrder`), then the batches from last to first, each from its highest
    /// error to its lowest. The pruned training set of size n is the first n rows.
    public func survivalOrder(pool: [Int], survivorOrder: [Int]) -> [Int] {
        let removed = Set(removedBatches.flatMap { $0 })
        var order = survivorOrder.filter { !removed.contains($0) }
        precondition(order.count + removed.count == pool.count, "The survivor order must cover the pool's unremoved rows.")
        for batch in removedBatches.reversed() { order += batch.reversed() }
        return order
    }
}

/// Metrics recorded after one pruning iteration: models refitted on the rows kept so far.
public struct PruningIteration: Sendable, Equatable, Codable {
    public var iteration: Int
    /// Rows of the pool kept when the models were refitted.
    public var kept: Int
    public var poolRows: Int
    /// Per evaluated model ("guide" and "transfer" roles, by model name), per split ("id", OOD
    /// names, and "removed" for the rows pruned so far).
    public var metrics: [ModelSplitMetrics]
}

/// One model's metrics on one split.
public struct ModelSplitMetrics: Sendable, Equatable, Codable {
    public var model: String
    public var role: String
    public var split: String
    public var metrics: RegressionMetrics

    public init(model: String, role: String, split: String, metrics: RegressionMetrics) {
        self.model = model; self.role = role; self.split = split; self.metrics = metrics
    }
}
