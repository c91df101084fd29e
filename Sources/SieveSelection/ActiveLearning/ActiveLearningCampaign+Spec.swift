import SieveCore
import SieveModels

extension ActiveLearningCampaign {
    static var commonKeys: [String] { settings.settingKeys() }

    /// `active_learning`: the strategies, the evaluated models, the sizes, the seeds, and each
    /// strategy's own settings block; one campaign per strategy and seed.
    public static func resolve(_ node: SpecNode, context: CampaignResolution, log: SpecLog) -> [ActiveLearningCampaign] {
        let registered = AcquisitionStrategies.all
        let settingsKeys = registered.filter { !$0.settingKeys.isEmpty }.map { $0.name }
        guard let map = log.mapping(node, "active_learning", keys: commonKeys + settingsKeys) else { return [] }
        var chosen: [(type: any AcquisitionStrategy.Type, at: SourceLocation)] = []
        let names = registered.map { $0.name }
        if let s = map.required("strategies", "which strategies to run: \(names.joined(separator: ", ")).") {
            for item in log.list(s) {
                guard let name = log.choice(item, "An active-learning strategy", among: names),
                      let type = AcquisitionStrategies.named(name) else { continue }
                if chosen.contains(where: { $0.type.name == name }) { log.error(item, "The strategy '\(name)' is listed twice."); continue }
                chosen.append((type, item.location))
            }
        }
        let evaluateNames = map.required("evaluate", "the models measured at every iteration, e.g. [rf, xgb].")
            .map { e in log.list(e).compactMap { item in log.string(item, "Each evaluated model").map { Located($0, at: item.location) } } } ?? []
        let evaluate = evaluateNames.compactMap { context.model($0, role: "evaluated model", log: log) }
        if map["evaluate"] != nil && evaluateNames.isEmpty { log.error(node, "active_learning needs at least one model in `evaluate`.") }
        // The sizes come from the table; the strategies and models are resolved below.
        var scratch = ActiveLearningCampaign(acquisition: RandomAcquisition(), evaluate: [], initial: .fraction(0.01),
                                             batch: .fraction(0.01), stop: .fraction(0.5), seed: 0)
        settings.read(map, into: &scratch, log: log)
        let initial = scratch.initial, batch = scratch.batch, stop = scratch.stop
        let seeds = map["seeds"].map { SeedList.read($0, log: log) } ?? context.seeds
        var campaigns: [ActiveLearningCampaign] = []
        for (type, at) in chosen {
            let settings = map[type.name].flatMap { log.mapping($0, "active_learning.\(type.name)", keys: type.settingKeys) }
            let located = AcquisitionResolution(campaign: context, evaluate: evaluate, location: at)
            guard let acquisition = type.resolve(settings, context: located, log: log) else { continue }
            var locations = ["": node.location]
            for key in ["initial", "batch", "stop"] { locations[key] = map[key]?.location }
            for seed in seeds {
                var campaign = ActiveLearningCampaign(acquisition: acquisition, evaluate: evaluate, initial: initial, batch: batch,
                                                      stop: stop, seed: seed)
                campaign.locations = locations
                campaigns.append(campaign)
            }
        }
        return evaluate.count == evaluateNames.count ? campaigns : []
    }
}
