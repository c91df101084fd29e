import SieveCore
import SieveData
import SieveModels
import SieveSelection
import SieveSpec

/// A model of the grid: its name in the spec and the configured regressor.
public struct NamedModel: Sendable {
    public let name: String
    public let kind: String
    public let regressor: any Regressor
}

/// An out-of-distribution test set with its source resolved to loader options.
public struct CheckedOOD: Sendable {
    public enum Source: Sendable {
        case dataset(DatasetOptions, dropOverlap: Bool, location: SourceLocation)
        case filter(RowFilter)
    }

    public let name: String
    public let source: Source
    public let location: SourceLocation
    /// Test on a seeded sample of this many rows.
    public let sample: Int?
}

/// A pruning campaign whose models are resolved.
public struct CheckedPruning: Sendable {
    /// The strategy name of runs trained on its pruned sets ("prune-<guide>").
    public let strategy: String
    public let guide: NamedModel
    public let transfer: NamedModel?
    public let parameters: PruningParameters
}

/// Active-learning campaigns with their models resolved.
public struct CheckedActiveLearning: Sendable {
    public let strategies: [AcquisitionStrategy]
    public let evaluate: [NamedModel]
    /// Models a strategy needs that are not evaluated.
    public let extra: [NamedModel]
    public let initial: TrainSize
    public let batch: TrainSize
    public let stop: TrainSize
    public let seeds: [Int]
    /// Everything that changes a campaign's result, for its identity.
    public let fingerprint: String
}

/// A spec whose models are built and whose data files and columns are known to exist: everything
/// needed to load the data and expand the grid.
public struct CheckedExperiment: Sendable {
    public let spec: ExperimentSpec
    /// Models sorted by name.
    public let models: [NamedModel]
    public let dataset: DatasetOptions
    public let ood: [CheckedOOD]
    public let pruning: [CheckedPruning]
    public let activeLearning: CheckedActiveLearning?

    public var name: String { spec.name }
    public var outputFolder: String { spec.output.value }
}
