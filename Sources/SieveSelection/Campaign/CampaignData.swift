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
    /// The folder one campaign's external-command fits work in (a subfolder per fit), and the
    /// campaign's name for them (`SIEVE_RUN`); set by the executor for each campaign.
    public var workFolder: String? = nil
    public var campaignLabel: String? = nil

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
        let folder = workFolder.map { PathText.join($0, String(salt.map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" ? $0 : "_" })) }
        return try regressor.fit(training(rows), context: FitContext(seed: SplitMix64.mix(seed ^ StableSeed.of(salt)), threads: threads,
                                                                     workDirectory: folder, label: "\(campaignLabel ?? label) \(salt)"))
    }

    /// This data as one campaign sees it: its command fits work under `folder`, named `label`.
    public func scoped(folder: String?, label: String) -> CampaignData {
        var copy = self
        copy.workFolder = folder
        copy.campaignLabel = label
        return copy
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
