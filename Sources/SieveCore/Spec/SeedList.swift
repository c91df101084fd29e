/// A spec's list of seeds: a count (`5` means seeds 0–4) or a list of distinct integers.
public enum SeedList {
    public static func read(_ node: SpecNode, log: SpecLog) -> [Int] {
        if let count = node.int {
            guard count >= 1 else { log.error(node, "seeds must be at least 1, got \(count)."); return [] }
            return Array(0..<count)
        }
        guard let items = node.list, !items.isEmpty else {
            log.error(node, "seeds must be a count (e.g. 5, meaning seeds 0–4) or a non-empty list of integers.")
            return []
        }
        var seeds: [Int] = []
        for item in items {
            guard let seed = log.int(item, "Each seed") else { continue }
            if seeds.contains(seed) { log.error(item, "The seed \(seed) is listed twice."); continue }
            seeds.append(seed)
        }
        return seeds
    }
}
