import SieveCore
import SieveModels

extension CausalCampaign {
    /// The table's settings, and `graph` (how the report draws the DAG: a report setting, outside the fingerprint).
    static var keys: [String] { settings.settingKeys() + ["graph"] }

    /// `causal`: the variables, the subsets of chemical space, the loop's size, the runs, the model
    /// scored on the test set, the bootstrap and the interventions; one causal and one random
    /// campaign per seed, plus the global graph.
    public static func resolve(_ node: SpecNode, context: CampaignResolution, log: SpecLog) -> [CausalCampaign] {
        guard let map = log.mapping(node, "causal", keys: keys) else { return [] }
        var settings = Settings()
        if let v = map["variables"] {
            if let top = v.mapping.flatMap({ _ in log.mapping(v, "causal.variables", keys: ["top"]) }) {
                if let k = top["top"].flatMap({ log.int($0, "causal.variables.top", in: 1...1_000, "(features in the causal graph)") }) {
                    settings.topVariables = k
                }
            } else {
                settings.variables = log.list(v).compactMap { log.string($0, "Each causal variable") }
                if settings.variables!.count < 2 { log.error(v, "causal.variables needs at least two features.") }
            }
        } else {
            settings.topVariables = 9
        }
        let subsetsNode = map.required("subsets", "the subsets of chemical space: `{gmm: 3, on: [MolLogP, TPSA, MolMR], seed: 0}`, or `group` for the dataset's groups.")
        if let s = subsetsNode, case let .string(word) = s.value {
            if word != "group" {
                log.error(s, "causal.subsets is `{gmm: <components>, on: [features]}` or the word `group`, not '\(word)'.")
            } else if context.datasetGroup == nil {
                log.error(s, "causal.subsets: group uses the dataset's groups, so the dataset needs `group: <column>`.")
            }
            settings.subsetsFromGroups = true
        } else if let s = subsetsNode, let subsets = log.mapping(s, "causal.subsets", keys: ["gmm", "on", "seed"]) {
            if let k = subsets.required("gmm", "how many Gaussian-mixture components.")
                .flatMap({ log.int($0, "causal.subsets.gmm", in: 2...1_000, "(Gaussian-mixture components)") }) {
                settings.subsetComponents = k
            }
            settings.subsetFeatures = subsets.required("on", "the features the mixture is fitted on.")
                .map { log.list($0).compactMap { log.string($0, "Each feature in causal.subsets.on") } } ?? []
            settings.subsetSeed = subsets["seed"].flatMap { log.int($0, "causal.subsets.seed") } ?? 0
        }
        // iterations, batch and bootstrap come from the table, with their ranges.
        var template = CausalCampaign(role: .global, settings: settings, evaluate: nil, seed: 0)
        Self.settings.read(map, into: &template, log: log)
        settings = template.settings
        if let i = map["interventions"], let m = log.mapping(i, "causal.interventions", keys: ["desired", "top"]) {
            settings.desired = m.required("desired", "the target value interventions aim for (the paper: 5 Debye).")
                .flatMap { log.number($0, "causal.interventions.desired") }
            settings.interventionVariables = m["top"].flatMap {
                log.int($0, "causal.interventions.top", in: 1...1_000, "(variables intervened on)")
            } ?? 3
        }
        if let g = map["graph"], let m = log.mapping(g, "causal.graph", keys: ["min_probability"]) {
            if let v = m["min_probability"], let p = log.number(v, "causal.graph.min_probability") {
                if (0...1).contains(p) { settings.graphMinProbability = p } else {
                    log.error(v, "causal.graph.min_probability is the share of bootstrap resamples an edge needs to be drawn, "
                              + "between 0 and 1; got \(p).")
                }
            }
        }
        let evaluate = map["evaluate"].flatMap { e in log.string(e, "causal.evaluate").map { Located($0, at: e.location) } }
            .flatMap { context.model($0, role: "causal evaluated model", log: log) }
        let seeds = map["seeds"].map { SeedList.read($0, log: log) } ?? Array(0..<10)
        var global = CausalCampaign(role: .global, settings: settings, evaluate: nil, seed: 0)
        global.locations = ["": node.location]
        global.locations["variables"] = map["variables"]?.location
        global.locations["subsets"] = map["subsets"]?.location
        var campaigns = [global]
        for seed in seeds {
            for role in [Role.causal, .random] {
                campaigns.append(CausalCampaign(role: role, settings: settings, evaluate: evaluate, seed: seed))
            }
        }
        return campaigns
    }
}
