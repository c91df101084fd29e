import SieveCore
import SieveModels
import SieveResolve
import SieveSelection

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

    /// The cost with a constant per run, so tiny training sets do not look free.
    public var weight: Double { cost + 100 }
}

/// A campaign of the plan with its identity.
public struct PlannedCampaign: Sendable {
    public let campaign: any Campaign
    public let id: String
    public let identity: RunIdentity
    public let cost: Double
    public let plannedIterations: Int?

    /// "prune-xgb" for pruning; the acquisition strategy ("qbc") for active learning.
    public var strategy: String { campaign.strategy }
    public var label: String { campaign.label }
    public var kind: String { type(of: campaign).kind }
}

/// The deterministic, sorted list of runs (and campaigns) a grid expands to.
public struct ExperimentPlan: Sendable {
    public let runs: [PlannedRun]
    public let campaigns: [PlannedCampaign]

    /// Expands strategies × models × training sizes × folds × seeds, sorted by key; campaigns whose result
    /// runs train on (pruning) add a strategy each, whose runs depend on the campaign.
    public init(_ experiment: ResolvedExperiment, data: ExperimentData) {
        let dataDigest = Identity.data(experiment, data: data)
        var campaigns: [PlannedCampaign] = []
        var strategies: [(name: String, data: String, campaign: String?)] = []
        if experiment.randomSubsets { strategies.append(("random", dataDigest, nil)) }
        for campaign in experiment.campaigns {
            let (identity, id) = Identity.campaign(campaign, data: dataDigest)
            campaigns.append(PlannedCampaign(campaign: campaign, id: id, identity: identity,
                                             cost: campaign.cost(poolRows: data.pool.count),
                                             plannedIterations: campaign.plannedIterations(poolRows: data.pool.count)))
            if let strategy = campaign.trainingStrategy {
                strategies.append((strategy, Identity.data(dataDigest, trainedOn: identity), id))
            }
        }
        var runs: [PlannedRun] = []
        for strategy in strategies {
            for model in experiment.models {
                let identity = Identity.run(model, data: strategy.data)
                for size in experiment.trainSizes {
                    for fold in data.folds {
                        let cost = Double(size.rows(inPool: fold.pool.count))
                        for seed in experiment.seeds {
                            let key = RunKey(model: model.name, strategy: strategy.name, trainSize: size, seed: seed, fold: fold.number)
                            runs.append(PlannedRun(key: key, id: identity.runID(for: key), identity: identity, cost: cost,
                                                   campaign: strategy.campaign))
                        }
                    }
                }
            }
        }
        self.runs = runs.sorted { $0.key < $1.key }
        self.campaigns = campaigns
    }
}
