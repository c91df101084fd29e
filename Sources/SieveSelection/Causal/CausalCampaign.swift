import SieveCausal
import SieveCore
import SieveModels

/// Active causal learning as a campaign kind (Fox & Ghosh, "Active causal learning for decoding
/// chemical complexities with targeted interventions", Mach. Learn.: Sci. Technol. 5, 035056,
/// 2024): grow a small training set, `batch` rows of one subset of chemical space per iteration,
/// choosing the subset whose candidate set gives the causal graph (DirectLiNGAM, target as sink)
/// nearest the graph of the whole pool; the control chooses the subset at random. Each iteration
/// also scores a model trained on the set on the fixed ID test set. A third campaign, `global`,
/// learns the pool's graph once with bootstrap edge probabilities and total effects; the causal
/// campaigns end with interventions that move their molecules' predictions to a desired target.
public struct CausalCampaign: Campaign {
    public static let kind = "causal"
    public static let specPath = ["causal"]
    public static let idPrefix = "causal-"

    public enum Role: String, Sendable, Codable { case causal, random, global }

    public struct Settings: Sendable, Equatable {
        /// Selected variables by name, or the top k by mean outgoing effect in the pool's graph.
        public var variables: [String]?
        public var topVariables: Int?
        /// Gaussian-mixture subsets of the pool on these features, or (`subsets: group`) the
        /// dataset's groups as given.
        public var subsetsFromGroups = false
        public var subsetComponents = 3
        public var subsetFeatures: [String] = []
        public var subsetSeed = 0
        public var iterations = 40
        public var batch = 20
        public var bootstrap = 100
        /// The target value interventions aim for, and how many variables they consider.
        public var desired: Double?
        public var interventionVariables = 3
        /// The report's graph draws edges found in at least this share of bootstrap resamples
        /// (`graph: {min_probability: 0.5}`); a report setting, so not part of the fingerprint.
        public var graphMinProbability = 0.5
    }

    public var role: Role
    public var settings: Settings
    public var evaluate: NamedModel?
    public var seed: Int
    /// Where `variables`, `subsets` (and the section, under "") are written, for data problems.
    public var locations: [String: SourceLocation] = [:]

    /// Variables and subset features that are not features, more mixture components than rows.
    public func dataProblems(_ data: CampaignData) -> [Located<String>] {
        guard let section = locations[""], role == .global else { return [] }
        let names = data.store.featureNames
        var out: [Located<String>] = []
        for name in settings.variables ?? [] where !names.contains(name) {
            out.append(Located("causal.variables names '\(name)', which is not a feature" + EditDistance.didYouMeanOrPeriod(name, among: names),
                               at: locations["variables"] ?? section))
        }
        if !settings.subsetsFromGroups {
            for name in settings.subsetFeatures where !names.contains(name) {
                out.append(Located("causal.subsets.on names '\(name)', which is not a feature" + EditDistance.didYouMeanOrPeriod(name, among: names),
                                   at: locations["subsets"] ?? section))
            }
            if settings.subsetComponents > data.pool.count {
                out.append(Located("causal.subsets.gmm is \(settings.subsetComponents) components, more than the \(data.pool.count) "
                                   + "rows of the pool.", at: locations["subsets"] ?? section))
            }
        }
        return out
    }

    public var strategy: String { role.rawValue }
    public var label: String { role == .global ? "causal global graph" : "causal \(role.rawValue) seed=\(seed)" }
    public var identityKey: RunKey { RunKey(model: "causal", strategy: role.rawValue, trainSize: .count(settings.iterations), seed: seed) }

    /// The role, then the settings table's fingerprint.
    public var fingerprint: String { "role=\(role.rawValue)|" + Self.settings.fingerprint(of: self) }

    public func cost(poolRows: Int) -> Double {
        role == .global ? Double(settings.bootstrap) * Double(poolRows) / 20 : Double(settings.iterations) * 400
    }

    public func plannedIterations(poolRows: Int) -> Int? { role == .global ? 1 : settings.iterations }

    public func initialState() -> CausalCampaignState { CausalCampaignState() }
    public func iterationsDone(_ state: CausalCampaignState) -> Int {
        role == .global ? (state.global == nil ? 0 : 1) : state.selection?.completed ?? 0
    }
    public func isFinished(_ state: CausalCampaignState) -> Bool { state.finished }

    public func progressNote(_ state: CausalCampaignState) -> String? {
        guard let last = state.selection?.iterations.last else { return nil }
        return "\(last.size) rows, graph loss \(NumberText.fixed(last.loss, 4))"
    }

    public func trainingSets(_ state: CausalCampaignState) -> [(name: String, rows: [Int])] {
        state.rows.isEmpty ? [] : [("causal \(role.rawValue), seed \(seed)", state.rows)]
    }

    var campaignSeed: UInt64 { StableSeed.of("causal|\(role.rawValue)|seed=\(seed)") }
}

/// A causal campaign's checkpoint.
public struct CausalCampaignState: Sendable, Equatable, Codable {
    /// The variables the graphs are learnt on (the target last).
    public var variables: [String] = []
    public var selection: CausalSelectionState?
    /// Store rows of the current set.
    public var rows: [Int] = []
    /// The model's test-set metrics after each iteration.
    public var accuracy: [RegressionMetrics] = []
    /// The global campaign's results.
    public var global: CausalGraph?
    public var bootstrap: BootstrapResult?
    public var interventions: InterventionPlanner.Plan?
    /// Store rows of the pool as the selection indexes them.
    public var finished = false

    public init() {}
}
