import SieveCore

/// What an active-learning campaign has done: the rows acquired, batch by batch, and what every
/// iteration measured. Enough to resume after any iteration.
public struct ActiveLearningState: Sendable, Equatable, Codable {
    /// The initial random set, then each acquired batch, in order of acquisition.
    public var batches: [[Int]] = []
    public var iterations: [ActiveLearningIteration] = []
    public var finished = false

    public init() {}

    public var labelled: [Int] { batches.flatMap { $0 } }
}

/// The evaluation models' metrics after fitting on the rows labelled at one iteration.
public struct ActiveLearningIteration: Sendable, Equatable, Codable {
    public var iteration: Int
    public var labelled: Int
    public var poolRows: Int
    public var metrics: [ModelSplitMetrics]
    /// Seconds spent scoring the unlabelled rows (fits the strategy needed included).
    public var scoringSeconds: Double
}
