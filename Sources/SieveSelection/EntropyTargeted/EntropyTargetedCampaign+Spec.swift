import SieveCore
import SieveModels

extension EntropyTargetedCampaign {
    static var keys: [String] { settings.settingKeys() }

    /// `etal`: how the pool starts (labelled / biased unlabelled), the algorithm's constants, the
    /// downstream models; one campaign per seed.
    public static func resolve(_ node: SpecNode, context: CampaignResolution, log: SpecLog) -> [EntropyTargetedCampaign] {
        guard let map = log.mapping(node, "etal", keys: keys) else { return [] }
        if context.datasetGroup == nil {
            log.error(node, "etal acquires for the least diverse group, so the dataset needs `group: crystal_system` or `group: <column>`.")
        }
        var rules: [RowRule] = []
        var rows = TrainSize.fraction(0.8)
        if let u = map.required("unlabelled", "which pool rows start unlabelled: `{rows: <fraction or count>, first: [rules]}`."),
           let unlabelled = log.mapping(u, "etal.unlabelled", keys: ["rows", "first"]) {
            if let r = unlabelled.required("rows", "how many pool rows start unlabelled (a fraction of the pool or a count).") {
                switch r.value {
                case let .double(f) where f > 0 && f < 1: rows = .fraction(f)
                case let .int(c) where c >= 1 && c <= 100_000_000: rows = .count(c)
                default: log.error(r, "etal.unlabelled.rows must be a fraction of the pool in (0, 1) or a count from 1 to 100,000,000, not '\(r)'.")
                }
            }
            for item in unlabelled["first"].map(log.list) ?? [] {
                guard let rule = log.mapping(item, "An etal.unlabelled.first rule", keys: ["group", "target"]) else { continue }
                var groups: [String] = []
                if let g = rule["group"] { groups = log.list(g).compactMap { log.string($0, "Each group") } }
                var lo: Double?, hi: Double?
                if let t = rule["target"], let range = log.mapping(t, "etal.unlabelled.first.target", keys: ["min", "max"]) {
                    lo = range["min"].flatMap { log.number($0, "target.min") }
                    hi = range["max"].flatMap { log.number($0, "target.max") }
                    if let lo, let hi, lo > hi { log.error(t, "etal.unlabelled.first.target has min \(lo) above max \(hi), so no row could match.") }
                }
                if groups.isEmpty && lo == nil && hi == nil { log.error(item, "An etal.unlabelled.first rule needs `group`, `target` or both.") }
                rules.append(RowRule(groups: groups, minTarget: lo, maxTarget: hi))
            }
        }
        var representation = Representation(components: 32, columns: nil)
        if let r = map["representation"], let rep = log.mapping(r, "etal.representation", keys: ["pca", "columns"]) {
            if let p = rep["pca"], let k = log.int(p, "etal.representation.pca", in: 1...10_000, "(principal components)") {
                representation.components = k
            }
            if let c = rep["columns"] {
                representation = Representation(components: nil, columns: log.list(c).compactMap { log.string($0, "Each column") })
            }
        }
        // The counts and the choice come from the table, with their ranges: the bounds keep a
        // typo from asking for days of work or gigabytes of draws (draws × unlabelled rows
        // numbers are held at once).
        var template = EntropyTargetedCampaign()
        settings.read(map, into: &template, log: log)
        let evaluateNames = map["evaluate"].map { e in log.list(e).compactMap { i in log.string(i, "Each evaluated model").map { Located($0, at: i.location) } } } ?? []
        let evaluate = evaluateNames.compactMap { context.model($0, role: "etal evaluated model", log: log) }
        let seeds = map["seeds"].map { SeedList.read($0, log: log) } ?? [0]
        guard evaluate.count == evaluateNames.count else { return [] }
        var locations = ["": node.location]
        locations["representation"] = map["representation"]?.location
        locations["rows"] = map["unlabelled"]?.mapping?.first(where: { $0.key.string == "rows" })?.value.location
        template.unlabelledRules = rules; template.unlabelledRows = rows; template.representation = representation
        template.evaluate = evaluate; template.locations = locations
        return seeds.map {
            var campaign = template
            campaign.seed = $0
            return campaign
        }
    }
}
