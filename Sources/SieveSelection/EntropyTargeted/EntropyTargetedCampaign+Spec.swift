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
            // The rules of `where` and `keep_rows`, read by the same reader; the campaign sees no
            // compositions, so the element conditions are refused.
            rules = (unlabelled["first"].map(log.list) ?? []).compactMap {
                RowRule.read($0, what: "An etal.unlabelled.first rule", path: "etal.unlabelled.first",
                             noElements: "ET-AL does not see; its first unlabelled rows are picked by `group` and `target`.", log: log)
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
