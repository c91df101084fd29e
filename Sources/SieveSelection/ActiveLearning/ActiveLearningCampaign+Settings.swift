import SieveCore
import SieveModels

extension ActiveLearningCampaign {
    /// Every setting of `active_learning`, in fingerprint order: the section's keys (besides each
    /// strategy's own block, whose settings are the strategy's table), the fingerprint and the
    /// manifest come from this table.
    public static let settings: [CampaignSetting<ActiveLearningCampaign>] = [
        .size("initial", "the random initial set: a fraction of the pool (0 < f ≤ 1) or a row count", \.initial),
        .size("batch", "rows labelled per iteration: a fraction of the pool or a row count", \.batch),
        .size("stop", "labelled rows at which the campaign stops: a fraction of the pool or a row count", \.stop),
        CampaignSetting("evaluate", "the models measured at every iteration",
                        fragments: { $0.evaluate.map { "evaluate{\(CampaignResolution.fingerprint($0))}" } },
                        vary: { $0.evaluate.append(otherModel(than: nil)) }),
        CampaignSetting("strategies", "the acquisition strategies, one campaign each, with their settings",
                        fragments: { ["strategy=\($0.acquisition.fingerprint)"] },
                        vary: { $0.acquisition = $0.acquisition is RandomAcquisition ? VariedAcquisition() : RandomAcquisition() }),
        .seeds(\.seed),
    ]
}

extension CampaignSetting where Owner == ActiveLearningCampaign {
    /// A size: a fraction of the pool (0 < f ≤ 1) or a row count from 1 to 100,000,000.
    static func size(_ name: String, _ summary: String, _ path: WritableKeyPath<ActiveLearningCampaign, TrainSize> & Sendable) -> Self {
        .value(name, summary,
               read: { node, log, campaign in
                   switch node.value {
                   case let .double(f) where f > 0 && f <= 1: campaign[keyPath: path] = .fraction(f)
                   case let .int(c) where c >= 1 && c <= 100_000_000: campaign[keyPath: path] = .count(c)
                   default:
                       log.error(node, "active_learning.\(name) must be a fraction of the pool (0 < f ≤ 1) or a row count from 1 to "
                                 + "100,000,000, not '\(node)'.")
                   }
               },
               { $0[keyPath: path].description },
               vary: { $0[keyPath: path] = TrainSize.varied($0[keyPath: path]) })
    }
}

extension TrainSize {
    /// Another valid size, for varying a setting in conformance tests.
    static func varied(_ size: TrainSize) -> TrainSize {
        switch size {
        case let .fraction(f): return .fraction(f / 2)
        case let .count(c): return .count(c + 1)
        }
    }
}

/// A strategy that differs from every registered one, for varying `strategies` in conformance tests.
struct VariedAcquisition: AcquisitionStrategy {
    static let name = "varied"
    static func resolve(_ settings: MappingReader?, context: AcquisitionResolution, log: SpecLog) -> VariedAcquisition? { Self() }
    func scores(_ request: AcquisitionRequest) throws -> [Double] { request.unlabelled.map { _ in 0 } }
}
