import SieveCore

extension SpecReader {
    static let activeLearningKeys = ["strategies", "initial", "batch", "stop", "seeds", "evaluate", "qbc", "rf_uncertainty",
                                     "xgb_uncertainty"]

    static func readActiveLearning(_ node: SpecNode, log: SpecLog) -> ActiveLearningSpec? {
        guard let map = log.mapping(node, "active_learning", keys: activeLearningKeys) else { return nil }
        var strategies: [Located<String>] = []
        if let s = map.required("strategies", "which strategies to run: \(ActiveLearningSpec.strategyNames.joined(separator: ", ")).") {
            for item in log.list(s) {
                guard let name = log.choice(item, "An active-learning strategy", among: ActiveLearningSpec.strategyNames) else { continue }
                if strategies.contains(where: { $0.value == name }) { log.error(item, "The strategy '\(name)' is listed twice."); continue }
                strategies.append(Located(name, at: item.location))
            }
        }
        let evaluate = map.required("evaluate", "the models measured at every iteration, e.g. [rf, xgb].")
            .flatMap { e in log.list(e).map { item in log.string(item, "Each evaluated model").map { Located($0, at: item.location) } } }
            .map { $0.compactMap { $0 } } ?? []
        var spec = ActiveLearningSpec(strategies: strategies, evaluate: evaluate, location: node.location)
        func size(_ key: String) -> TrainSize? {
            guard let n = map[key] else { return nil }
            switch n.value {
            case let .double(f) where f > 0 && f <= 1: return .fraction(f)
            case let .int(c) where c >= 1: return .count(c)
            default:
                log.error(n, "active_learning.\(key) must be a fraction of the pool (0 < f ≤ 1) or a positive row count, not '\(n)'.")
                return nil
            }
        }
        spec.initial = size("initial") ?? spec.initial
        spec.batch = size("batch") ?? spec.batch
        spec.stop = size("stop") ?? spec.stop
        if let s = map["seeds"] { spec.seeds = readSeeds(s, log: log) }
        if let q = map["qbc"], let qbc = log.mapping(q, "active_learning.qbc", keys: ["members", "bootstrap"]) {
            spec.committee = qbc["members"].map { m in log.list(m).compactMap { i in log.string(i, "A committee member").map { Located($0, at: i.location) } } }
            if let b = qbc["bootstrap"], let n = log.int(b, "qbc.bootstrap") {
                if n >= 2 { spec.bootstrap = n } else { log.error(b, "qbc.bootstrap needs at least 2 members, got \(n).") }
                if spec.committee?.count != 1 { log.error(b, "qbc.bootstrap resamples one model: give `members: [<model>]` with one name.") }
            }
            if spec.bootstrap == nil, let members = spec.committee, members.count < 2 {
                log.error(q, "A committee needs at least two members, or one with `bootstrap`.")
            }
        }
        if let r = map["rf_uncertainty"], let rf = log.mapping(r, "active_learning.rf_uncertainty", keys: ["forest"]),
           let f = rf["forest"], let name = log.string(f, "rf_uncertainty.forest") {
            spec.forest = Located(name, at: f.location)
        }
        if let x = map["xgb_uncertainty"],
           let ibug = log.mapping(x, "active_learning.xgb_uncertainty", keys: ["rounds", "learning_rate", "lambda", "max_depth", "k"]) {
            if let v = ibug["rounds"], let n = log.int(v, "xgb_uncertainty.rounds") { spec.ibugRounds = n }
            if let v = ibug["learning_rate"], let n = log.number(v, "xgb_uncertainty.learning_rate") { spec.ibugLearningRate = n }
            if let v = ibug["lambda"], let n = log.number(v, "xgb_uncertainty.lambda") { spec.ibugLambda = n }
            if let v = ibug["max_depth"], let n = log.int(v, "xgb_uncertainty.max_depth") { spec.ibugMaxDepth = n }
            if let v = ibug["k"], let n = log.int(v, "xgb_uncertainty.k") {
                if n >= 1 { spec.ibugK = n } else { log.error(v, "xgb_uncertainty.k must be at least 1, got \(n).") }
            }
        }
        return spec
    }
}
