import SieveCore
import SieveReport

/// What a campaign kind's report may use: the runs' results, and how to name things.
public struct CampaignReportContext: Sendable {
    public let experiment: String
    public let units: String?
    /// The ID test set, then the OOD sets.
    public let splits: [String]
    /// Finished runs grouped by model, strategy and size.
    public let groups: [ResultGroup]
    public let verdict: RedundancyVerdict
    /// The experiment's models, sorted by name.
    public let models: [String]
    public let rowNames: [String]
    public let targets: [Double]
    /// The target column's name.
    public let targetName: String
    /// The pool's rows, ascending (campaigns that index the pool map back through it).
    public let pool: [Int]
    /// Each row's group, when the dataset has a group rule.
    public let rowGroups: [String]?

    public init(experiment: String, units: String?, splits: [String], groups: [ResultGroup], verdict: RedundancyVerdict,
                models: [String], rowNames: [String], targets: [Double], targetName: String, pool: [Int],
                rowGroups: [String]? = nil) {
        self.experiment = experiment; self.units = units; self.splits = splits; self.groups = groups
        self.verdict = verdict; self.models = models; self.rowNames = rowNames; self.targets = targets
        self.targetName = targetName; self.pool = pool; self.rowGroups = rowGroups
    }
}

/// A campaign kind's contribution to an output folder.
public struct CampaignOutputs: Sendable {
    /// Files by path relative to the output folder ("al_curves.csv", "acquired/qbc-0.csv").
    public var files: [(path: String, text: String)] = []
    /// Figures shown among the report's figures (written to plots/).
    public var figures: [Figures.Figure] = []
    /// Report sections (title, HTML), and the figures they embed (written to plots/).
    public var sections: [(title: String, html: String)] = []
    public var sectionFigures: [Figures.Figure] = []

    public init() {}
}
