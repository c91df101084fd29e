import SieveCore
import SieveModels

/// Named rows of the feature store: a test set.
public struct NamedRows: Sendable, Equatable {
    public let name: String
    public let rows: [Int]

    public init(name: String, rows: [Int]) { self.name = name; self.rows = rows }
}

/// What every campaign works on: the experiment's data, loaded once and shared read-only.
public struct CampaignData: Sendable {
    public let store: FeatureStore
    public let targets: [Double]
    /// Rows training sets are built from, ascending.
    public let pool: [Int]
    /// The ID test set first, then the OOD sets.
    public let testSets: [NamedRows]
    /// What identifies each store row to a person (its formula, or its file and line).
    public let rowNames: [String]
    /// The group of each store row (crystal system, or a group column's text), when the dataset
    /// has a group rule; rows of other files without one are "".
    public let groups: [String]?

    public init(store: FeatureStore, targets: [Double], pool: [Int], testSets: [NamedRows], rowNames: [String],
                groups: [String]? = nil) {
        self.store = store; self.targets = targets; self.pool = pool; self.testSets = testSets; self.rowNames = rowNames
        self.groups = groups
    }

    /// Training data for `rows` with their targets.
    public func training(_ rows: [Int]) -> TrainingData {
        TrainingData(store: store, rows: rows, targets: rows.map { targets[$0] })
    }

    /// Fits `regressor` on `rows` with a seed derived from the campaign's seed and `salt`.
    public func fit(_ regressor: any Regressor, rows: [Int], seed: UInt64, salt: String, threads: Int,
                    label: String) throws -> any FittedModel {
        try regressor.fit(training(rows), context: FitContext(seed: SplitMix64.mix(seed ^ StableSeed.of(salt)), threads: threads,
                                                              label: "\(label) \(salt)"))
    }
}

/// How a running campaign learns about the world around it.
public struct CampaignEnvironment {
    /// Threads the campaign may use now (asked at every iteration: the share grows as other work ends).
    public let threadShare: () -> Int
    /// True once the user asked to stop; a campaign stops between iterations.
    public let shouldStop: () -> Bool

    public init(threadShare: @escaping () -> Int, shouldStop: @escaping () -> Bool = { false }) {
        self.threadShare = threadShare; self.shouldStop = shouldStop
    }

    /// A fixed thread count, never stopping: for tests and benchmarks.
    public static func threads(_ n: Int) -> CampaignEnvironment { CampaignEnvironment(threadShare: { n }) }
}
