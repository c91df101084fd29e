import SieveCore

extension SpecReader {
    /// `selection`: `random` and the sections of campaign kinds that live under it (`prune`).
    static func readSelection(_ node: SpecNode, campaignKeys: [String], log: SpecLog) -> (SelectionSpec, [CampaignSection]) {
        var selection = SelectionSpec()
        selection.location = node.location
        guard let map = log.mapping(node, "selection", keys: ["random"] + campaignKeys) else { return (selection, []) }
        if let r = map["random"], let value = log.bool(r, "selection.random") { selection.random = value }
        let sections = campaignKeys.compactMap { key in map[key].map { CampaignSection(path: ["selection", key], node: $0) } }
        return (selection, sections)
    }

    static let explainKeys = ["method", "repeats", "split", "sizes", "top"]

    static func readExplain(_ node: SpecNode, log: SpecLog) -> ExplainSpec? {
        guard let map = log.mapping(node, "explain", keys: explainKeys) else { return nil }
        var spec = ExplainSpec(location: node.location)
        if let m = map["method"] { _ = log.choice(m, "explain.method", among: ["permutation"]) }
        if let r = map["repeats"], let n = log.int(r, "explain.repeats") {
            if n >= 1 { spec.repeats = n } else { log.error(r, "explain.repeats must be at least 1, got \(n).") }
        }
        if let o = map["split"], let split = log.string(o, "explain.split") {
            spec.split = Located(split == "id_test" ? "id" : split, at: o.location)
        }
        if let s = map["sizes"] { spec.sizes = readTrainSizes(s, log: log).map(\.value) }
        if let t = map["top"], let n = log.int(t, "explain.top") {
            if n >= 1 { spec.top = n } else { log.error(t, "explain.top must be at least 1, got \(n).") }
        }
        return spec
    }
}
