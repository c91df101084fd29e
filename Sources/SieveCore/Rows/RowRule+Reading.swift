extension RowRule {
    /// The keys of a rule, in every place one is written.
    public static let keys = ["elements", "contains", "target", "group"]
    static let rangeKeys = ["min", "max"]

    /// Reads a rule written at `node`. `what` names the whole rule in messages ("The `where` rule
    /// of 'big'"), `path` prefixes its settings ("where" gives "where.target.min"). When the rows
    /// have no compositions, `elements` and `contains` are refused, and `noElements` ends that
    /// sentence ("… looks at each row's elements, which ET-AL does not see; …").
    /// Nil when `node` is not a mapping; problems go to `log`, each at its place in the spec.
    public static func read(_ node: SpecNode, what: String, path: String, noElements: String? = nil, log: SpecLog) -> RowRule? {
        guard let map = log.mapping(node, what, keys: keys) else { return nil }
        // Unknown keys are reported by `mapping`; empty means nothing written at all.
        guard !(node.mapping ?? []).isEmpty else {
            log.error(node, "\(what) is empty; give " + (noElements == nil ? "`elements`, `contains`, `group` or `target`." : "`group` or `target`."))
            return nil
        }
        var rule = RowRule(location: node.location)
        if let noElements {
            for key in ["elements", "contains"] {
                if let keyNode = map.keyNode(key) { log.error(keyNode, "\(path).\(key) looks at each row's elements, which \(noElements)") }
            }
        }
        if noElements == nil, let e = map["elements"], let range = log.mapping(e, "\(path).elements", keys: rangeKeys) {
            rule.minElements = range["min"].flatMap { log.int($0, "\(path).elements.min", in: 1...118, "(distinct elements)") }
            rule.maxElements = range["max"].flatMap { log.int($0, "\(path).elements.max", in: 1...118, "(distinct elements)") }
            if rule.minElements == nil && rule.maxElements == nil {
                log.error(e, "\(path).elements needs `min`, `max` or both (numbers of distinct elements).")
            }
            if let lo = rule.minElements, let hi = rule.maxElements, lo > hi {
                log.error(e, "\(path).elements has min \(lo) above max \(hi), so no row could match.")
            }
        }
        if noElements == nil, let c = map["contains"] {
            for item in log.list(c) {
                guard let symbol = log.string(item, "Each element in \(path).contains") else { continue }
                if !PeriodicTable.symbols.contains(symbol) {
                    log.error(item, "'\(symbol)' is not an element symbol"
                              + EditDistance.didYouMean(symbol, among: PeriodicTable.orderedSymbols).replacingFirstSemicolon)
                    continue
                }
                rule.containsAny.append(symbol)
            }
        }
        if let g = map["group"] {
            let items = log.list(g)
            if items.isEmpty { log.error(g, "\(path).group is an empty list; give at least one group.") }
            for item in items {
                guard let group = log.string(item, "Each group in \(path).group") else { continue }
                rule.groups.append(group)
                rule.groupLocations.append(item.location)
            }
        }
        if let t = map["target"], let range = log.mapping(t, "\(path).target", keys: rangeKeys) {
            rule.minTarget = range["min"].flatMap { log.number($0, "\(path).target.min") }
            rule.maxTarget = range["max"].flatMap { log.number($0, "\(path).target.max") }
            if rule.minTarget == nil && rule.maxTarget == nil {
                log.error(t, "\(path).target needs `min`, `max` or both.")
            }
            if let lo = rule.minTarget, let hi = rule.maxTarget, lo > hi {
                log.error(t, "\(path).target has min \(lo) above max \(hi), so no row could match.")
            }
        }
        return rule
    }
}
