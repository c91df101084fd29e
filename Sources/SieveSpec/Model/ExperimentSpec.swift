import SieveCore

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
    /// The spec sections of campaign kinds (pruning, active learning, …), read by the kinds
    /// themselves, in the order written.
    public var campaigns: [CampaignSection]
    /// The redundancy verdict's tolerance: a training set is "as good" when its RMSE is within
    /// this fraction of the full pool's.
    public var redundancyTolerance: Double
    /// What the tables, figures and verdicts rank by: "rmse" (default) or "mae". Reports only: runs
    /// store both, so changing it and running `sieve report` reruns nothing.
    public var metric: String
    /// The most runs and campaigns the grid may expand to (a larger grid is refused at validation).
    public var maxRuns: Located<Int>
    public static let defaultMaxRuns = 100_000
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
    /// Only rows matching this rule are kept (e.g. outliers removed by a target range).
    public var keepRows: RowRule? = nil
    /// How rows sharing a composition are merged: "lowest", "highest", "mean", "first" or "all".
    public var duplicates: Located<String>? = nil
    /// A seeded subset of the rows.
    public var sample: DatasetSample? = nil
    /// A column of crystal structures.
    public var structure: StructureSpec? = nil
    /// Append structure features to the others (`features: {…, structure: true}`).
    public var structureFeatures = false
    /// matminer featurisers appended to Magpie's (`features: {magpie: …, matminer: [...]}`), as written:
    /// names of families or the shorthand `composition`, checked by the resolver.
    public var matminer: [Located<String>] = []
    /// What groups the rows: "crystal_system" or a column's name.
    public var group: Located<String>? = nil
}

/// `structure: <column>` or `{column: …, space_group: …, symprec: …}`.
public struct StructureSpec: Sendable, Equatable {
    public var column: Located<String>
    public var spaceGroupColumn: Located<String>?
    public var symprec: Double
}

/// `sample: N` or `sample: {rows: N, seed: S}`.
public struct DatasetSample: Sendable, Equatable {
    public var rows: Int
    public var seed: Int
    public var location: SourceLocation
}

/// The in-distribution holdout (or cross-validation folds) and the out-of-distribution test sets.
public struct SplitsSpec: Sendable, Equatable {
    public var idTestFraction: Located<Double>
    public var idTestSeed: Int
    public var ood: [OODSpec]
    /// Folds that replace the random ID holdout.
    public var crossValidation: CrossValidationSpec? = nil
}

/// `splits.cv`: how the rows left after the OOD rules are cut into folds.
public struct CrossValidationSpec: Sendable, Equatable {
    public enum Form: Sendable, Equatable {
        /// scikit-learn's shuffled KFold with this seed.
        case random(folds: Int, seed: Int)
        /// Matbench v0.1's folds.
        case matbench
        /// Whole groups of the dataset's `group` held out.
        case group(folds: Int?, seed: Int)
        /// Whole chemical systems held out.
        case chemicalSystem(folds: Int?, seed: Int)
        /// Leave-one-element-out, for the listed elements or every element in at least `minCompounds` rows.
        case element(elements: [Located<String>], minCompounds: Int?)
        /// Leave-one-cluster-out on k-means clusters of the standardised features.
        case cluster(clusters: Int, seed: Int)
    }

    public var form: Form
    public var location: SourceLocation
}

/// One named out-of-distribution test set.
public struct OODSpec: Sendable, Equatable {
    public enum Source: Sendable, Equatable {
        /// Rows of another file; `dropOverlap` removes those whose reduced formula is in the main dataset.
        case dataset(DatasetSpec, dropOverlap: Bool)
        /// Rows of the main dataset that match the filter, moved out of the pool.
        case filter(RowRule)
    }

    public var name: Located<String>
    public var source: Source
    /// Keep a seeded random sample of this many rows as the test set (rows a rule matches still
    /// all leave the pool).
    public var sample: Int?
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

/// How training sets are chosen besides campaigns: random subsets on or off.
public struct SelectionSpec: Sendable, Equatable {
    /// Random subsets of the pool (the baseline).
    public var random = true
    public var location: SourceLocation?

    public init() {}
}

/// A campaign kind's section of the spec, found at the kind's path (`["selection", "prune"]`).
public struct CampaignSection: Sendable, Equatable {
    public var path: [String]
    public var node: SpecNode

    public init(path: [String], node: SpecNode) { self.path = path; self.node = node }
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
