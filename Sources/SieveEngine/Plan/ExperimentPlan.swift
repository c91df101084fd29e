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
}

/// The deterministic, sorted list of runs a grid expands to.
public struct ExperimentPlan: Sendable {
    /// Bumped whenever a change to Sieve changes results, so old records count as stale.
    public static let resultVersion = "sieve-results-1"

    public let runs: [PlannedRun]

    /// Expands models × training sizes × seeds (random subsets of the pool), sorted by key.
    public init(_ experiment: CheckedExperiment, data: ExperimentData) {
        let dataDigest = SHA256.hex(of: Self.dataFingerprint(experiment, data: data))
        var runs: [PlannedRun] = []
        for model in experiment.models {
            let identity = RunIdentity(version: Self.resultVersion, model: Self.modelFingerprint(model), data: dataDigest)
            for size in experiment.spec.trainSizes.map(\.value) {
                let cost = Double(size.rows(inPool: data.pool.count))
                for seed in experiment.spec.seeds {
                    let key = RunKey(model: model.name, strategy: "random", trainSize: size, seed: seed)
                    runs.append(PlannedRun(key: key, id: identity.runID(for: key), identity: identity, cost: cost))
                }
            }
        }
        self.runs = runs.sorted { $0.key < $1.key }
    }

    /// A model's kind and every parameter, defaults included.
    static func modelFingerprint(_ model: NamedModel) -> String {
        (["kind=\(model.kind)"] + model.regressor.resolvedParameters.map { "\($0.name)=\($0.value)" }).joined(separator: "|")
    }

    /// What every run's result depends on beyond its own key and model: the data files' hashes
    /// and how the splits were cut.
    static func dataFingerprint(_ experiment: CheckedExperiment, data: ExperimentData) -> String {
        let files = data.provenance.map { "\($0.role)=\($0.sha256)/\($0.rows)" }.joined(separator: "|")
        let dataset = Fingerprint.of(experiment.dataset)
        let splits = data.testSets.map { "\($0.name):\($0.rows.count)" }.joined(separator: ",")
        let splitRule = "id=\(experiment.spec.splits.idTestFraction.value)/\(experiment.spec.splits.idTestSeed)"
        let oodRules = experiment.ood.map(Fingerprint.of).joined(separator: "|")
        return [files, dataset, splitRule, oodRules, splits, "pool=\(data.pool.count)"].joined(separator: "\n")
    }
}
