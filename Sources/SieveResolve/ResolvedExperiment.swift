import SieveCore
import SieveData
import SieveModels
import SieveSelection

/// An experiment with everything decided: every model with every parameter, every path, every
/// split and every campaign. The last stage that sees the spec builds it; every later stage reads
/// only this.
public struct ResolvedExperiment: Sendable {
    public let name: String
    /// The spec file, as given.
    public let specPath: String
    public let description: String?
    public let dataset: ResolvedDataset
    /// The random ID holdout; unused when `crossValidation` cuts folds instead.
    public let idTest: IDTestSplit
    /// Cross-validation folds that replace the ID holdout.
    public let crossValidation: ResolvedCrossValidation?
    public let ood: [ResolvedOOD]
    /// Models sorted by name.
    public let models: [NamedModel]
    public let trainSizes: [TrainSize]
    /// Where each training size is written, for sizes the data cannot give.
    public var trainSizeLocations: [TrainSize: SourceLocation] = [:]
    public let seeds: [Int]
    /// Random subsets of the pool (the baseline); off when only campaigns choose training sets.
    public let randomSubsets: Bool
    /// Also measure every run on the pool rows it did not train on (split "unused").
    public let evaluateUnused: Bool
    public let explain: ExplainSettings?
    /// Campaigns in spec order of their kinds (pruning, active learning, …).
    public let campaigns: [any Campaign]
    /// A training set is "as good" when its RMSE is within this fraction of the full pool's.
    public let redundancyTolerance: Double
    /// What the tables, figures and verdicts rank by.
    public var metric: ScoreMetric = .rmse
    /// The output folder, resolved against the spec's folder.
    public let output: String
}

/// The main dataset: how its file becomes features, and how to describe it.
public struct ResolvedDataset: Sendable {
    public let options: DatasetOptions
    public let units: String?
    /// For the manifest: path, target, features, formula, missing, units.
    public let description: [String: String]
    /// Where the dataset's path is written, for errors found while loading.
    public let location: SourceLocation
    /// Where `sample` and `keep_rows` are written, for errors found while loading.
    public var sampleLocation: SourceLocation? = nil
    public var keepRowsLocation: SourceLocation? = nil
}

/// The random ID holdout.
public struct IDTestSplit: Sendable {
    public let fraction: Double
    public let seed: Int
    public let location: SourceLocation
}

/// An out-of-distribution test set with its source resolved to loader options.
public struct ResolvedOOD: Sendable {
    public enum Source: Sendable {
        case dataset(DatasetOptions, dropOverlap: Bool, location: SourceLocation)
        case filter(RowRule)
    }

    public let name: String
    public let source: Source
    public let location: SourceLocation
    /// Test on a seeded sample of this many rows.
    public let sample: Int?
}

/// Feature attributions to compute: permutation importance for every model (plus TreeSHAP where
/// the model has it) on one test split.
public struct ExplainSettings: Sendable {
    public let repeats: Int
    /// The test set whose rows are shuffled ("id" or an OOD set's name).
    public let split: String
    /// Only runs of these training sizes (all when nil).
    public let sizes: [TrainSize]?
    /// How many top features count for rank stability and the plots.
    public let top: Int
}
