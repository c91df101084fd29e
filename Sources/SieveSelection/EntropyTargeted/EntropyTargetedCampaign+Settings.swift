import SieveCore
import SieveModels

extension EntropyTargetedCampaign {
    /// Every setting of `etal`, in fingerprint order: the section's keys, the reading of the
    /// counts and the choice (with their ranges), the fingerprint and the manifest come from this
    /// table. `unlabelled`, `representation` and `evaluate` are blocks or model names, read in
    /// `+Spec.swift`.
    public static let settings: [CampaignSetting<EntropyTargetedCampaign>] = [
        CampaignSetting("unlabelled", "which pool rows start unlabelled: `{rows: <fraction or count>, first: [rules]}`",
                        fragments: { ["unlabelled=\($0.unlabelledRows)", "first=\($0.unlabelledRules.map(\.entropyTargetedFingerprint).joined(separator: ","))"] },
                        vary: { $0.unlabelledRules.append(RowRule(groups: ["varied"])) }),
        CampaignSetting("representation", "the GP's inputs: `{pca: <components>}` (default 32) or `{columns: [features]}`",
                        fragments: { c in
                            ["representation=\(c.representation.components.map { "pca\($0)" } ?? (c.representation.columns ?? []).joined(separator: ","))"]
                        },
                        vary: { $0.representation.components = ($0.representation.components ?? 0) + 1 }),
        .int("draws", "posterior samples per unlabelled row", what: "etal.draws", \.settings.draws, 1...100_000,
             "(posterior samples per unlabelled row; the paper uses 1,000)"),
        .int("patience", "iterations a group rests after being targeted", what: "etal.patience", \.settings.patience, 1...10_000,
             "(iterations a group rests after being targeted)"),
        .int("iterations", "acquisitions, one row each", what: "etal.iterations", \.maxIterations, 1...1_000_000,
             "(acquisitions, one row each)"),
        .choice("undefined_entropy", "groups without entropy: filled first or passed over", key: "undefined",
                what: "etal.undefined_entropy", \.settings.undefinedEntropy),
        .int("repetitions", "fits of each evaluated model per measurement", what: "etal.repetitions", \.repetitions, 1...10_000,
             "(fits of each evaluated model per measurement)"),
        CampaignSetting("evaluate", "the models of the downstream test",
                        fragments: { $0.evaluate.map { "evaluate{\(CampaignResolution.fingerprint($0))}" } },
                        vary: { $0.evaluate.append(otherModel(than: nil)) }),
        .seeds(\.seed),
    ]
}
