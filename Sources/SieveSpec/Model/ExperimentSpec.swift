import SieveCore

/// A value from the spec together with where it was written, so later checks (a missing file, a
/// column the CSV lacks) can point at the right place.
public struct Located<Value: Sendable & Equatable>: Sendable, Equatable {
    public var value: Value
    public var location: SourceLocation

    public init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }
}

/// A whole experiment grid, as declared in a YAML spec and checked for shape and ranges.
public struct ExperimentSpec: Sendable {
    public var name: String
    /// The spec file, as given on the command line.
    public var specPath: String
    /// The spec's text, for diagnostics found after reading (missing files, unknown columns).
    public var source: SourceText
    public var description: String?
    public var dataset: DatasetSpec
    public var splits: SplitsSpec
    /// Models in the order written.
    public var models: [ModelSpec]
    public var trainSizes: [Located<TrainSize>]
    public var seeds: [Int]
    /// How training sets are chosen besides random subsets.
    public var selection: SelectionSpec
    /// Also measure every run on the pool rows it did not train on (split "unused").
    public var evaluateUnused: Bool
    /// Feature attributions to compute, if any.
    public var explain: ExplainSpec?
    /// Active-learning campaigns, if any.
    public var activeLearning: ActiveLearningSpec?
    /// The redundancy verdict's tolerance: a training set is "as good" when its RMSE is within
    /// this fraction of the full pool's.
    public var redundancyTolerance: Double
    /// The output folder, resolved against the spec's folder.
    public var output: Located<String>
    /// The whole spec as written, for the manifest.
    public var root: SpecNode
}

/// Where the rows come from and which columns become features.
public struct DatasetSpec: Sendable, Equatable {
    public enum Features: Sendable, Equatable {
        case magpie(formulaColumn: Located<String>)
        case columns([Located<String>])
        case exclude([Located<String>])
        case allNumeric
    }

    public enum MissingValues: String, Sendable, Equatable, CaseIterable {
        case error
        case dropRows = "drop_rows"
    }

    /// The CSV path resolved against the spec's folder.
    public var path: Located<String>
    public var target: Located<String>
    public var features: Features
    /// A column of formulas for composition-based splits, when it is not the Magpie column.
    public var formulaColumn: Located<String>?
    public var missing: MissingValues
    /// Units of the target, for table headers and plot axes (e.g. "eV/atom").
    public var units: String?
}

/// The in-distribution holdout and the out-of-distribution test sets.
public struct SplitsSpec: Sendable, Equatable {
    public var idTestFraction: Located<Double>
    public var idTestSeed: Int
    public var ood: [OODSpec]
}

/// One named out-of-distribution test set.
public struct OODSpec: Sendable, Equatable {
    public enum Source: Sendable, Equatable {
        /// Rows of another file; `dropOverlap` removes those whose reduced formula is in the main dataset.
        case dataset(DatasetSpec, dropOverlap: Bool)
        /// Rows of the main dataset that match the filter, moved out of the pool.
        case filter(RowFilterSpec)
    }

    public var name: Located<String>
    public var source: Source
    /// Keep a seeded random sample of this many rows as the test set (rows a rule matches still
    /// all leave the pool).
    public var sample: Int?
}

/// A rule picking rows by chemistry or target value; every given condition must hold.
public struct RowFilterSpec: Sendable, Equatable {
    public var minElements: Int?
    public var maxElements: Int?
    /// Rows containing any of these elements.
    public var containsAny: [Located<String>]
    public var minTarget: Double?
    public var maxTarget: Double?
    public var location: SourceLocation

    /// Whether the filter needs each row's composition.
    public var needsComposition: Bool { minElements != nil || maxElements != nil || !containsAny.isEmpty }
}

/// A named model: its kind and its parameters, checked against the model catalog later.
public struct ModelSpec: Sendable, Equatable {
    public var name: Located<String>
    public var kind: Located<String>
    /// Parameters other than `kind`, in the order written.
    public var parameters: [(key: Located<String>, value: SpecNode)]
    public var location: SourceLocation

    public static func == (a: ModelSpec, b: ModelSpec) -> Bool {
        a.name == b.name && a.kind == b.kind && a.location == b.location
            && a.parameters.count == b.parameters.count
            && zip(a.parameters, b.parameters).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }
}

/// How training sets are chosen.
public struct SelectionSpec: Sendable, Equatable {
    /// Random subsets of the pool (the baseline).
    public var random = true
    /// Pruning campaigns, each guided by one model.
    public var prune: [PruneSpec] = []
    public var location: SourceLocation?

    public init() {}
}

/// A pruning campaign: which model guides it, which model checks its transferability, and its
/// settings (paper defaults when absent).
public struct PruneSpec: Sendable, Equatable {
    public var guide: Located<String>
    public var transfer: Located<String>?
    public var threshold = 0.5
    public var holdout = 0.2
    public var minimumDrop = 0.01
    public var minimumRemaining = 300
    public var location: SourceLocation

    /// The strategy name of runs trained on this campaign's pruned sets.
    public var strategy: String { "prune-\(guide.value)" }
}

/// Feature attributions: permutation importance for every model (plus TreeSHAP for XGBoost).
public struct ExplainSpec: Sendable, Equatable {
    public var repeats = 5
    /// The test set whose rows are shuffled ("id" or an OOD set's name).
    public var split = Located("id", at: SourceLocation(path: "", line: 0, column: 0))
    /// Only runs of these training sizes (all when nil).
    public var sizes: [TrainSize]?
    /// How many top features count for rank stability and the plots.
    public var top = 10
    public var location: SourceLocation
}

/// Active-learning campaigns: one per strategy and seed.
public struct ActiveLearningSpec: Sendable, Equatable {
    public var strategies: [Located<String>]
    /// Sizes: fractions of the pool or row counts.
    public var initial: TrainSize = .fraction(0.01)
    public var batch: TrainSize = .fraction(0.01)
    public var stop: TrainSize = .fraction(0.5)
    /// Seeds of the campaigns (the spec's `seeds` when absent).
    public var seeds: [Int]?
    /// Models measured at every iteration (and used by qbc and rf_uncertainty unless told otherwise).
    public var evaluate: [Located<String>]
    /// qbc: the committee's members, or one model resampled `bootstrap` times.
    public var committee: [Located<String>]?
    public var bootstrap: Int?
    /// rf_uncertainty: the forest whose trees are interrogated.
    public var forest: Located<String>?
    /// xgb_uncertainty: IBUG's model and neighbourhood.
    public var ibugRounds = 1000
    public var ibugLearningRate = 0.25
    public var ibugLambda = 0.01
    public var ibugMaxDepth = 6
    public var ibugK = 100
    public var location: SourceLocation

    public static let strategyNames = ["random", "qbc", "rf_uncertainty", "xgb_uncertainty"]
}
