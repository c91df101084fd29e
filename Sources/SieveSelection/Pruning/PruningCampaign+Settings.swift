import SieveCore
import SieveModels

extension PruningCampaign {
    /// Every setting of a pruning campaign, in fingerprint order: the spec's keys, the
    /// fingerprint and the manifest come from this table.
    public static let settings: [CampaignSetting<PruningCampaign>] = [
        CampaignSetting("guide", "the model that guides the pruning (its kind and every parameter)",
                        fragments: { ["guide{\(CampaignResolution.fingerprint($0.guide))}"] },
                        vary: { $0.guide = otherModel(than: $0.guide) }),
        CampaignSetting("transfer", "a second model refitted on the kept rows at every iteration",
                        fragments: { ["transfer{\($0.transfer.map(CampaignResolution.fingerprint) ?? "none")}"] },
                        vary: { $0.transfer = otherModel(than: $0.transfer) }),
        .number("threshold", "rows with error below threshold × the guide's MAE are redundant", what: "threshold",
                \.parameters.threshold, allowed: ParameterRange.positive.words,
                problem: { $0 > 0 ? nil : "threshold is a multiple of the guide's MAE and must be positive, got \($0)." }),
        .number("holdout", "fraction of the kept rows held out each iteration", what: "holdout", \.parameters.holdout,
                allowed: ParameterRange.openFraction.words, problem: { $0 > 0 && $0 < 1 ? nil : "holdout is the fraction held out each iteration, in (0, 1); got \($0)." }),
        .number("min_drop", "fraction of the pool removed at least each iteration", what: "min_drop",
                \.parameters.minimumDrop, allowed: ParameterRange.openFraction.words,
                problem: { $0 > 0 && $0 < 1 ? nil : "min_drop is a fraction of the pool in (0, 1); got \($0)." }),
        .int("min_remaining", "pruning stops when fewer rows would remain", what: "min_remaining", \.parameters.minimumRemaining,
             2...100_000_000, "(rows left when pruning stops)"),
    ]
}
