import SieveCore
import SieveModels

/// One run of the plan: its key, its identity, and its expected cost.
public struct PlannedRun: Sendable, Equatable {
    public let key: RunKey
    /// Stable id: a hash of the key and of everything that changes the run's result.
    public let id: String
    public let identity: RunIdentity
    /// Expected cost relative to other runs (training rows), for balancing shards and the ETA.
    public let cost: Double
    /// The campaign whose result the run needs (its training rows), if any.
    public let campaign: String?
}

/// A campaign: a pruning campaign (which runs on pruned sets wait for) or an active-learning
/// campaign (one strategy, one seed).
public struct PlannedCampaign: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case pruning
        case activeLearning(seed: Int)
    }

    /// "prune-xgb" for pruning; the acquisition strategy ("qbc") for active learning.
    public let strategy: String
    public let id: String
    public let identity: RunIdentity
    public let cost: Double
    public var kind: Kind = .pruning
}

/// The deterministic, sorted list of runs (and campaigns) a grid expands to.
public struct ExperimentPlan: Sendable {
    /// Bumped whenever a change to Sieve changes results, so old records count as stale.
    public static let resultVersion = "sieve-results-1"

    public let runs: [PlannedRun]
    public let campaigns: [PlannedCampaign]

    /// Expands strategies × models × training sizes × seeds, sorted by key; pruning strategies
    /// add one campaign each, which their runs depend on.
    public init(_ experiment: CheckedExperiment, data: ExperimentData) {
        let dataDigest = SHA256.hex(of: Self.dataFingerprint(experiment, data: data))
        var campaigns: [PlannedCampaign] = []
        var strategies: [(name: String, data: String, campaign: String?)] = []
        if experiment.spec.selection.random { strategies.append(("random", dataDigest, nil)) }
        for pruning in experiment.pruning {
            let identity = RunIdentity(version: Self.resultVersion, model: Self.campaignFingerprint(pruning), data: dataDigest)
            let key = RunKey(model: pruning.guide.name, strategy: pruning.strategy, trainSize: .fraction(1), seed: 0)
            let id = "campaign-" + identity.runID(for: key)
            campaigns.append(PlannedCampaign(strategy: pruning.strategy, id: id, identity: identity,
                                             cost: 25 * Double(data.pool.count)))
            // Runs on pruned sets depend on the campaign's identity too.
            strategies.append((pruning.strategy, SHA256.hex(of: dataDigest + "\n" + identity.model), id))
        }
        if let al = experiment.activeLearning {
            let identityModel = "active-learning{\(al.fingerprint)}"
            for strategy in al.strategies {
                for seed in al.seeds {
                    let identity = RunIdentity(version: Self.resultVersion, model: identityModel + "|strategy=\(strategy.name)", data: dataDigest)
                    let key = RunKey(model: "active-learning", strategy: strategy.name, trainSize: al.stop, seed: seed)
                    // IBUG fits a second booster of 1000 single trees on every feature: about twice the others.
                    let cost = (strategy.name == "xgb_uncertainty" ? 60 : 30) * Double(data.pool.count)
                    campaigns.append(PlannedCampaign(strategy: strategy.name, id: "al-" + identity.runID(for: key), identity: identity,
                                                     cost: cost, kind: .activeLearning(seed: seed)))
                }
            }
        }
        var runs: [PlannedRun] = []
        for strategy in strategies {
            for model in experiment.models {
                let identity = RunIdentity(version: Self.resultVersion, model: Self.modelFingerprint(model), data: strategy.data)
                for size in experiment.spec.trainSizes.map(\.value) {
                    let cost = Double(size.rows(inPool: data.pool.count))
                    for seed in experiment.spec.seeds {
                        let key = RunKey(model: model.name, strategy: strategy.name, trainSize: size, seed: seed)
                        runs.append(PlannedRun(key: key, id: identity.runID(for: key), identity: identity, cost: cost,
                                               campaign: strategy.campaign))
                    }
                }
            }
        }
        self.runs = runs.sorted { $0.key < $1.key }
        self.campaigns = campaigns
    }

    /// A model's kind and every parameter, defaults included.
    static func modelFingerprint(_ model: NamedModel) -> String {
        (["kind=\(model.kind)"] + model.regressor.resolvedParameters.map { "\($0.name)=\($0.value)" }).joined(separator: "|")
    }

    /// A pruning campaign's guide, transfer model and settings.
    static func campaignFingerprint(_ pruning: CheckedPruning) -> String {
        "guide{\(modelFingerprint(pruning.guide))}|transfer{\(pruning.transfer.map(modelFingerprint) ?? "none")}|"
            + pruning.parameters.fingerprint
    }

    /// What every run's result depends on beyond its own key and model: the data files' hashes
    /// and how the splits were cut.
    static func dataFingerprint(_ experiment: CheckedExperiment, data: ExperimentData) -> String {
        let files = data.provenance.map { "\($0.role)=\($0.sha256)/\($0.rows)" }.joined(separator: "|")
        let dataset = Fingerprint.of(experiment.dataset)
        let splits = data.testSets.map { "\($0.name):\($0.rows.count)" }.joined(separator: ",")
        let splitRule = "id=\(experiment.spec.splits.idTestFraction.value)/\(experiment.spec.splits.idTestSeed)"
        let oodRules = experiment.ood.map(Fingerprint.of).joined(separator: "|")
        var unused = experiment.spec.evaluateUnused ? "|unused" : ""
        if let explain = experiment.spec.explain {
            unused += "|explain(repeats=\(explain.repeats);on=\(explain.split.value);sizes=\(explain.sizes.map { $0.map(\.description).joined(separator: ",") } ?? "all"))"
        }
        return [files, dataset, splitRule, oodRules, splits + unused, "pool=\(data.pool.count)"].joined(separator: "\n")
    }
}
