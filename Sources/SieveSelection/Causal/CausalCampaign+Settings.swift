import SieveCore
import SieveModels

extension CausalCampaign {
    /// Every setting of `causal`, in fingerprint order (after the campaign's role): the section's
    /// keys, the reading of the counts (with their ranges), the fingerprint and the manifest come
    /// from this table. `variables`, `subsets`, `interventions` and `evaluate` are blocks or a
    /// model's name, read in `+Spec.swift`.
    public static let settings: [CampaignSetting<CausalCampaign>] = [
        CampaignSetting("variables", "the graph's variables: a list of features, or `{top: k}` by effect (default top 9)",
                        fragments: { ["variables=\($0.settings.variables?.joined(separator: ",") ?? "top\($0.settings.topVariables ?? 0)")"] },
                        vary: { $0.settings.topVariables = ($0.settings.topVariables ?? 0) + 1; $0.settings.variables = nil }),
        CampaignSetting("subsets", "the subsets of chemical space: `{gmm: k, on: [features], seed: s}` or `group`",
                        fragments: { c in
                            let s = c.settings
                            return [s.subsetsFromGroups ? "subsets=group"
                                    : "subsets=gmm\(s.subsetComponents)(\(s.subsetFeatures.joined(separator: ",")))/\(s.subsetSeed)"]
                        },
                        vary: { $0.settings.subsetSeed += 1 }),
        .int("iterations", "iterations of the loop", what: "causal.iterations", \.settings.iterations, 1...100_000,
             "(iterations of the loop)"),
        .int("batch", "rows added per iteration", what: "causal.batch", \.settings.batch, 1...1_000_000, "(rows added per iteration)"),
        .int("bootstrap", "bootstrap resamples of the causal graph", what: "causal.bootstrap", \.settings.bootstrap, 1...100_000,
             "(bootstrap resamples of the causal graph)"),
        CampaignSetting("interventions", "`{desired: <target value>, top: <variables intervened on, default 3>}`",
                        fragments: { ["desired=\($0.settings.desired.map { $0.description } ?? "-")",
                                      "top-interventions=\($0.settings.interventionVariables)"] },
                        vary: { $0.settings.desired = ($0.settings.desired ?? 0) + 1 }),
        CampaignSetting("evaluate", "the model scored on the test set at every iteration",
                        fragments: { ["evaluate{\($0.evaluate.map(CampaignResolution.fingerprint) ?? "-")}"] },
                        vary: { $0.evaluate = otherModel(than: $0.evaluate) }),
        .seeds(\.seed),
    ]
}
