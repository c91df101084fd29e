import SieveCore

extension SpecReader {
    static let selectionKeys = ["random", "prune"]
    static let pruneKeys = ["guide", "transfer", "threshold", "holdout", "min_drop", "min_remaining"]

    static func readSelection(_ node: SpecNode, log: SpecLog) -> SelectionSpec {
        var selection = SelectionSpec()
        selection.location = node.location
        guard let map = log.mapping(node, "selection", keys: selectionKeys) else { return selection }
        if let r = map["random"], let value = log.bool(r, "selection.random") { selection.random = value }
        if let p = map["prune"] {
            var guides: [String: SourceLocation] = [:]
            for item in log.list(p) {
                guard let entry = readPrune(item, log: log) else { continue }
                if let first = guides[entry.guide.value] {
                    log.error(entry.guide.location, "Two pruning campaigns are guided by '\(entry.guide.value)' (first at line \(first.line)).")
                    continue
                }
                guides[entry.guide.value] = entry.guide.location
                selection.prune.append(entry)
            }
        }
        if !selection.random && selection.prune.isEmpty {
            log.error(node, "selection turns random subsets off and adds no pruning: no run would be left.")
        }
        return selection
    }

    static func readPrune(_ node: SpecNode, log: SpecLog) -> PruneSpec? {
        // `prune: [xgb]` is shorthand for `{guide: xgb}`.
        if let guide = node.string {
            return PruneSpec(guide: Located(guide, at: node.location), location: node.location)
        }
        guard let map = log.mapping(node, "A pruning campaign", keys: pruneKeys) else { return nil }
        guard let g = map.required("guide", "the model that guides the pruning."), let guide = log.string(g, "guide") else { return nil }
        var spec = PruneSpec(guide: Located(guide, at: g.location), location: node.location)
        if let t = map["transfer"], let name = log.string(t, "transfer") { spec.transfer = Located(name, at: t.location) }
        if let v = map["threshold"], let x = log.number(v, "threshold") {
            if x > 0 { spec.threshold = x } else { log.error(v, "threshold is a multiple of the guide's MAE and must be positive, got \(x).") }
        }
        if let v = map["holdout"], let x = log.number(v, "holdout") {
            if x > 0 && x < 1 { spec.holdout = x } else { log.error(v, "holdout is the fraction held out each iteration, in (0, 1); got \(x).") }
        }
        if let v = map["min_drop"], let x = log.number(v, "min_drop") {
            if x > 0 && x < 1 { spec.minimumDrop = x } else { log.error(v, "min_drop is a fraction of the pool in (0, 1); got \(x).") }
        }
        if let v = map["min_remaining"], let x = log.int(v, "min_remaining") {
            if x >= 2 { spec.minimumRemaining = x } else { log.error(v, "min_remaining must be at least 2, got \(x).") }
        }
        if spec.transfer?.value == guide { log.error(spec.transfer!.location, "The transfer model must differ from the guide.") }
        return spec
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
