import SieveCore
import SieveModels

/// One run of the plan: its key and its identity.
public struct PlannedRun: Sendable, Equatable {
    public let key: RunKey
    /// Stable identity: a hash of the key and of everything that changes the run's result.
    public let id: String
}

/// The deterministic, sorted list of runs a grid expands to.
public struct ExperimentPlan: Sendable {
    /// Bumped whenever a change to Sieve changes results, so old records count as stale.
    public static let resultVersion = "sieve-results-1"

    public let runs: [PlannedRun]

    /// Expands models × training sizes × seeds (random subsets of the pool), sorted by key.
    public init(_ experiment: CheckedExperiment, data: ExperimentData) {
        let context = Self.dataFingerprint(experiment, data: data)
        var runs: [PlannedRun] = []
        for model in experiment.models {
            let modelPart = "kind=\(model.kind)|" + model.regressor.resolvedParameters.map { "\($0.name)=\($0.value)" }
                .joined(separator: "|")
            for size in experiment.spec.trainSizes.map(\.value) {
                for seed in experiment.spec.seeds {
                    let key = RunKey(model: model.name, strategy: "random", trainSize: size, seed: seed)
                    let id = String(SHA256.hex(of: [Self.resultVersion, key.canonical, modelPart, context]
                        .joined(separator: "\n")).prefix(20))
                    runs.append(PlannedRun(key: key, id: id))
                }
            }
        }
        self.runs = runs.sorted { $0.key < $1.key }
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
