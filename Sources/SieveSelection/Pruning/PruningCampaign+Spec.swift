import SieveCore
import SieveModels

extension PruningCampaign {
    static var keys: [String] { settings.settingKeys() }

    /// `selection.prune`: a list of campaigns, each `{guide, transfer, threshold, holdout, min_drop,
    /// min_remaining}` or just a guide's name.
    public static func resolve(_ node: SpecNode, context: CampaignResolution, log: SpecLog) -> [PruningCampaign] {
        var campaigns: [PruningCampaign] = []
        var guides: [String: SourceLocation] = [:]
        for item in log.list(node) {
            guard let (guideName, transferName, parameters) = read(item, log: log) else { continue }
            if let first = guides[guideName.value] {
                log.error(guideName.location, "Two pruning campaigns are guided by '\(guideName.value)' (first at line \(first.line)).")
                continue
            }
            guides[guideName.value] = guideName.location
            let guide = context.model(guideName, role: "pruning guide", log: log)
            let transfer = transferName.map { context.model($0, role: "pruning transfer model", log: log) }
            guard let guide, transfer.map({ $0 != nil }) ?? true else { continue }
            var campaign = PruningCampaign(guide: guide, transfer: transfer ?? nil, parameters: parameters)
            campaign.locations = ["": item.location]
            if let at = item.mapping?.first(where: { $0.key.string == "min_remaining" })?.value.location { campaign.locations["min_remaining"] = at }
            campaigns.append(campaign)
        }
        return campaigns
    }

    private static func read(_ node: SpecNode, log: SpecLog) -> (Located<String>, Located<String>?, PruningParameters)? {
        // `prune: [xgb]` is shorthand for `{guide: xgb}`.
        if let guide = node.string { return (Located(guide, at: node.location), nil, PruningParameters()) }
        guard let map = log.mapping(node, "A pruning campaign", keys: keys) else { return nil }
        guard let g = map.required("guide", "the model that guides the pruning."), let guide = log.string(g, "guide") else { return nil }
        var transfer: Located<String>?
        if let t = map["transfer"], let name = log.string(t, "transfer") { transfer = Located(name, at: t.location) }
        // The numbers come from the table, with their ranges; the guide and transfer are model
        // names, resolved by the caller, so the table reads into a campaign with a stand-in guide.
        var scratch = PruningCampaign(guide: otherModel(than: nil), transfer: nil, parameters: PruningParameters())
        settings.read(map, into: &scratch, log: log)
        let parameters = scratch.parameters
        if let transfer, transfer.value == guide { log.error(transfer.location, "The transfer model must differ from the guide.") }
        return (Located(guide, at: g.location), transfer, parameters)
    }
}
