import SieveCore

/// The feature matrix of one experiment, shared read-only by every run.
///
/// Runs name their training and test rows by index into the store, so a grid of hundreds of runs
/// holds one copy of the features. When a histogram model is in the grid, the store also holds
/// the features binned once (``BinnedFeatures``), reused by every tree of every run.
public struct FeatureStore: Sendable {
    public let matrix: Matrix<Float>
    public let featureNames: [String]
    public private(set) var binned: BinnedFeatures?
    /// The rows' original CSV columns, kept only when a model asks for them (external commands
    /// that read formulas rather than features).
    public var originals: OriginalColumns?

    public init(matrix: Matrix<Float>, featureNames: [String]? = nil) {
        self.matrix = matrix
        self.featureNames = featureNames ?? (0..<matrix.columns).map { "f\($0)" }
        precondition(self.featureNames.count == matrix.columns, "A feature store needs one name per column.")
    }

    public var rowCount: Int { matrix.rows }
    public var featureCount: Int { matrix.columns }

    /// A store whose bins are cut at the quantiles of `referenceRows` (the training pool, so no
    /// test row shapes them) and applied to every row.
    public func binning(referenceRows: [Int], maxBins: Int = 256) -> FeatureStore {
        var copy = self
        copy.binned = BinnedFeatures(matrix, referenceRows: referenceRows, maxBins: maxBins)
        return copy
    }
}

/// The original CSV fields of every row of a store.
public struct OriginalColumns: Sendable {
    public let header: [String]
    /// One array of fields per store row, in `header` order.
    public let rows: [[String]]
    /// The target's column, left out of test files.
    public let targetColumn: String

    public init(header: [String], rows: [[String]], targetColumn: String) {
        self.header = header; self.rows = rows; self.targetColumn = targetColumn
    }
}

/// The rows of a store that a model trains on, with their targets.
public struct TrainingData: Sendable {
    public let store: FeatureStore
    public let rows: [Int]
    public let targets: [Double]

    public init(store: FeatureStore, rows: [Int], targets: [Double]) {
        precondition(rows.count == targets.count, "Training data needs one target per row.")
        self.store = store; self.rows = rows; self.targets = targets
    }

    /// Training data over a matrix of its own (all of its rows, in order).
    public init(features: Matrix<Float>, targets: [Double]) {
        self.init(store: FeatureStore(matrix: features), rows: Array(0..<features.rows), targets: targets)
    }

    public var count: Int { rows.count }

    /// The training rows copied into a matrix of their own.
    public func gatheredFeatures() -> Matrix<Float> { store.matrix.gatheringRows(rows) }
}

/// What a fit may use beyond the data: its seed, its share of the cores, a folder of its own.
public struct FitContext: Sendable {
    /// The run's seed; a model derives every random choice from it.
    public var seed: UInt64
    /// How many threads the fit may keep busy.
    public var threads: Int
    /// A folder the run owns, for models that write files (external commands).
    public var workDirectory: String?
    /// The run's name, for error messages.
    public var label: String

    public init(seed: UInt64, threads: Int = 1, workDirectory: String? = nil, label: String = "fit") {
        precondition(threads >= 1, "A fit needs at least one thread.")
        self.seed = seed; self.threads = threads; self.workDirectory = workDirectory; self.label = label
    }
}
