import SieveCore
import SieveModels

/// Random-forest uncertainty (Li et al., Nat. Commun. 14, 7283, 2023, after the authors'
/// `uncertaintyAL.py`): the width of the forest's 90 % interval across trees, the 95th minus the
/// 5th percentile of the per-tree predictions.
public struct ForestUncertainty: AcquisitionStrategy {
    public static let name = "rf_uncertainty"
    public static let settings: [CampaignSetting<ForestUncertainty>] = [
        CampaignSetting("forest", "the random forest whose trees disagree (default: the first evaluated one)",
                        fragments: { ["forest=\(CampaignResolution.fingerprint($0.forest))"] },
                        vary: { $0.forest = otherModel(than: $0.forest) }),
    ]

    public var forest: NamedModel
    let evaluated: [String]

    public static func resolve(_ settings: MappingReader?, context: AcquisitionResolution, log: SpecLog) -> ForestUncertainty? {
        let named = settings?["forest"].flatMap { f in log.string(f, "rf_uncertainty.forest").map { Located($0, at: f.location) } }
        let forest = named.flatMap { context.campaign.model($0, role: "forest", log: log) }
            ?? (named == nil ? context.evaluate.first { $0.kind == RandomForest.kind } : nil)
        guard let forest else {
            if named == nil {
                log.error(context.location, "rf_uncertainty needs a random forest: evaluate one, or give `rf_uncertainty: {forest: <model>}`.")
            }
            return nil
        }
        if forest.kind != RandomForest.kind {
            log.error(named?.location ?? context.location, "rf_uncertainty's forest '\(forest.name)' is a \(forest.kind), not a random_forest.")
            return nil
        }
        return ForestUncertainty(forest: forest, evaluated: context.evaluate.map(\.name))
    }

    public var extraModels: [NamedModel] { evaluated.contains(forest.name) ? [] : [forest] }
    public var costFactor: Double { evaluated.contains(forest.name) ? 0.1 : 1 }

    public func scores(_ request: AcquisitionRequest) throws -> [Double] {
        guard let ensemble = try request.fittedModel(forest.name) as? any EnsemblePredicting else {
            throw ModelError.invalidParameters(["rf_uncertainty needs a random forest; '\(forest.name)' is not one."])
        }
        return AcquisitionScores.percentileWidth(try ensemble.memberPredictions(request.data.store, rows: request.unlabelled))
    }
}
