import SieveCore
import SieveModels

/// A campaign builds training sets step by step (pruning, active learning, …), checkpointed after
/// every iteration so that an interrupted campaign resumes where it stopped.
///
/// A kind of campaign is one folder: a type conforming to this protocol (its spec section, its
/// state, its cost, its progress and its tables), registered once in ``CampaignKinds``. The
/// engine plans, schedules, stores and reports campaigns only through this protocol.
public protocol Campaign: Sendable {
    /// Everything the campaign has done: enough to resume after any iteration and to report.
    associatedtype State: Codable & Sendable & Equatable

    /// The kind's name in records and `sieve plan` ("pruning", "active_learning").
    static var kind: String { get }
    /// Where the kind's settings are in the spec: `["active_learning"]`, `["selection", "prune"]`.
    static var specPath: [String] { get }
    /// Prefix of the kind's campaign ids ("al-").
    static var idPrefix: String { get }
    /// Every setting of the kind's spec section, in fingerprint order (see ``CampaignSetting``):
    /// the section's keys, the fingerprint and the manifest's settings all come from it.
    static var settings: [CampaignSetting<Self>] { get }

    /// The campaigns a spec section declares, with their models resolved; every problem is
    /// logged at its place.
    static func resolve(_ node: SpecNode, context: CampaignResolution, log: SpecLog) -> [Self]

    /// The kind's tables, figures and report section, from all of its campaigns (finished or not).
    static func report(_ campaigns: [ReportedCampaign<Self>], context: CampaignReportContext) -> CampaignOutputs

    /// How tables and run keys name the campaign ("prune-xgb", "qbc").
    var strategy: String { get }
    /// A person's name for one campaign: "pruning prune-xgb", "active learning qbc seed=1".
    var label: String { get }
    /// The key its identity is hashed with (model, strategy, size, seed).
    var identityKey: RunKey { get }
    /// Everything its result depends on besides the data, as canonical text (for its id; a
    /// changed setting makes a finished campaign stale): by default the settings table's.
    var fingerprint: String { get }
    /// Expected cost relative to runs (in training rows of work), for scheduling and shards.
    func cost(poolRows: Int) -> Double
    /// Iterations it will make, when known in advance.
    func plannedIterations(poolRows: Int) -> Int?

    func initialState() -> State
    func iterationsDone(_ state: State) -> Int
    func isFinished(_ state: State) -> Bool
    /// A one-line account of a state ("12 of 4830 rows kept"), for progress lines.
    func progressNote(_ state: State) -> String?

    /// Runs (or resumes) the campaign from `state`, calling `checkpoint` after every iteration,
    /// until it is finished or `environment` asks it to stop; returns the last state.
    func run(from state: State, id: String, data: CampaignData, environment: CampaignEnvironment,
             checkpoint: (State) throws -> Void) throws -> State

    /// What is wrong with the campaign's settings for this data, located in the spec: sizes above
    /// the pool, columns that are not features. Checked when the data is loaded (so by `sieve
    /// validate` too), before anything runs; a size is never silently clamped to the pool.
    func dataProblems(_ data: CampaignData) -> [Located<String>]

    /// The training sets the campaign built, named, for the bias table.
    func trainingSets(_ state: State) -> [(name: String, rows: [Int])]

    /// The strategy name of runs that train on the campaign's result (pruned sets), if any.
    var trainingStrategy: String? { get }
    /// The pool ordered so that the training set of size n is the first n rows, for a finished
    /// campaign whose result runs train on.
    func trainingOrder(_ state: State, id: String, data: CampaignData) -> [Int]?
}

extension Campaign {
    public var fingerprint: String { Self.settings.fingerprint(of: self) }
    /// The keys of the kind's spec section, from its table.
    public static var settingKeys: [String] { settings.settingKeys() }
    /// The campaign's settings as resolved, from the table, for the manifest.
    public var resolvedSettings: [(name: String, value: String)] { Self.settings.resolved(of: self) }
    public func plannedIterations(poolRows: Int) -> Int? { nil }
    public func dataProblems(_ data: CampaignData) -> [Located<String>] { [] }
    public func progressNote(_ state: State) -> String? { nil }
    public var trainingStrategy: String? { nil }
    public func trainingSets(_ state: State) -> [(name: String, rows: [Int])] { [] }
    public func trainingOrder(_ state: State, id: String, data: CampaignData) -> [Int]? { nil }
}

/// One campaign with its id and its state as far as it got, for reports.
public struct ReportedCampaign<C: Campaign>: Sendable {
    public let campaign: C
    public let id: String
    public let state: C.State

    public init(campaign: C, id: String, state: C.State) { self.campaign = campaign; self.id = id; self.state = state }
}
