import SieveCore
import SieveData
import SieveModels
import SieveResolve
import SieveSelection

/// Run identity, in one place for runs and campaigns: what a result depends on (Sieve's result
/// version, the model or campaign with every setting, the data and splits), hashed into its id.
public enum Identity {
    /// Bumped whenever a change to Sieve changes results, so old records count as stale.
    public static let resultVersion = "sieve-results-1"

    /// A model's kind and every parameter, defaults included (the parameter table's canonical text).
    public static func model(_ model: NamedModel) -> String { CampaignResolution.fingerprint(model) }

    /// The identity of runs of `model` on data identified by `data`.
    public static func run(_ model: NamedModel, data: String) -> RunIdentity {
        RunIdentity(version: resultVersion, model: Self.model(model), data: data)
    }

    /// A campaign's identity and id (its kind's prefix and a hash of its key and identity).
    public static func campaign(_ campaign: any Campaign, data: String) -> (identity: RunIdentity, id: String) {
        let identity = RunIdentity(version: resultVersion, model: campaign.fingerprint, data: data)
        return (identity, type(of: campaign).idPrefix + identity.runID(for: campaign.identityKey))
    }

    /// The data identity of runs that train on a campaign's result: the data's and the campaign's.
    public static func data(_ data: String, trainedOn campaign: RunIdentity) -> String {
        ContentHash.hex(of: data + "\n" + campaign.model)
    }

    /// What every run's result depends on beyond its own key and model: the data files' hashes and
    /// how the splits were cut, hashed.
    public static func data(_ experiment: ResolvedExperiment, data: ExperimentData) -> String {
        let files = data.provenance.map { "\($0.role)=\($0.sha256)/\($0.rows)" }.joined(separator: "|")
        let dataset = Fingerprint.of(experiment.dataset.options)
        var splits = data.testSets.map { "\($0.name):\($0.rows.count)" }.joined(separator: ",")
        var splitRule = "id=\(experiment.idTest.fraction)/\(experiment.idTest.seed)"
        if let cv = experiment.crossValidation {
            splitRule = "cv=\(cv.rule.canonical)"
            splits = data.folds.map { fold in
                "\(fold.name)[" + fold.testSets.map { "\($0.name):\($0.rows.count)" }.joined(separator: ",") + "]"
            }.joined(separator: ",")
        }
        let oodRules = experiment.ood.map(Fingerprint.of).joined(separator: "|")
        var unused = experiment.evaluateUnused ? "|unused" : ""
        if let explain = experiment.explain {
            unused += "|explain(repeats=\(explain.repeats);on=\(explain.split);sizes=\(explain.sizes.map { $0.map(\.description).joined(separator: ",") } ?? "all"))"
        }
        return ContentHash.hex(of: [files, dataset, splitRule, oodRules, splits + unused, "pool=\(data.pool.count)"].joined(separator: "\n"))
    }
}
