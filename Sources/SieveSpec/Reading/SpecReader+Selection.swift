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

    static let explainKeys = SpecSections.explain.names

    static func readExplain(_ node: SpecNode, log: SpecLog) -> ExplainSpec? {
        guard let map = log.mapping(node, "explain", keys: explainKeys) else { return nil }
        var spec = ExplainSpec(location: node.location)
        if let m = map["method"] { _ = log.choice(m, "explain.method", among: ["permutation"]) }
        if let r = map["repeats"], let n = log.int(r, "explain.repeats", in: 1...10_000, "(shuffles per feature)") {
            spec.repeats = n
        }
        if let o = map["split"], let split = log.string(o, "explain.split") {
            spec.split = Located(split == "id_test" ? "id" : split, at: o.location)
        }
        if let s = map["sizes"] { spec.sizes = readTrainSizes(s, log: log).map(\.value) }
        if let t = map["top"], let n = log.int(t, "explain.top", in: 1...100_000, "(features listed)") {
            spec.top = n
        }
        return spec
    }
}
