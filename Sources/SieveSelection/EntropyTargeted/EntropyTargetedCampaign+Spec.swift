import SieveCore
import SieveModels

extension EntropyTargetedCampaign {
    static let keys = ["unlabelled", "iterations", "representation", "draws", "patience", "undefined_entropy", "seeds",
                       "evaluate", "repetitions"]

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
                case let .int(c) where c >= 1: rows = .count(c)
                default: log.error(r, "etal.unlabelled.rows must be a fraction of the pool in (0, 1) or a positive count, not '\(r)'.")
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
                }
                if groups.isEmpty && lo == nil && hi == nil { log.error(item, "An etal.unlabelled.first rule needs `group`, `target` or both.") }
                rules.append(RowRule(groups: groups, minTarget: lo, maxTarget: hi))
            }
        }
        var representation = Representation(components: 32, columns: nil)
        if let r = map["representation"], let rep = log.mapping(r, "etal.representation", keys: ["pca", "columns"]) {
            if let p = rep["pca"], let k = log.int(p, "etal.representation.pca") {
                if k >= 1 { representation.components = k } else { log.error(p, "etal.representation.pca must be at least 1, got \(k).") }
            }
            if let c = rep["columns"] {
                representation = Representation(components: nil, columns: log.list(c).compactMap { log.string($0, "Each column") })
            }
        }
        var settings = EntropyTargetedLearner.Settings()
        func positive(_ key: String) -> Int? {
            guard let n = map[key], let v = log.int(n, "etal.\(key)") else { return nil }
            if v >= 1 { return v }
            log.error(n, "etal.\(key) must be at least 1, got \(v).")
            return nil
        }
        if let v = positive("draws") { settings.draws = v }
        if let v = positive("patience") { settings.patience = v }
        if let u = map["undefined_entropy"], let choice = log.choice(u, "etal.undefined_entropy",
                                                                      among: EntropyTargetedLearner.UndefinedEntropy.allCases.map(\.rawValue)) {
            settings.undefinedEntropy = EntropyTargetedLearner.UndefinedEntropy(rawValue: choice)!
        }
        let iterations = positive("iterations") ?? 1000
        let repetitions = positive("repetitions") ?? 30
        let evaluateNames = map["evaluate"].map { e in log.list(e).compactMap { i in log.string(i, "Each evaluated model").map { Located($0, at: i.location) } } } ?? []
        let evaluate = evaluateNames.compactMap { context.model($0, role: "etal evaluated model", log: log) }
        let seeds = map["seeds"].map { SeedList.read($0, log: log) } ?? [0]
        guard evaluate.count == evaluateNames.count else { return [] }
        return seeds.map {
            EntropyTargetedCampaign(unlabelledRules: rules, unlabelledRows: rows, representation: representation, settings: settings,
                                    maxIterations: iterations, evaluate: evaluate, repetitions: repetitions, seed: $0)
        }
    }
}
